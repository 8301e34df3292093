package dev.beamline.transforms.parse;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ParseLinesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String SRC = "/data/in/events.csv";
  private static final KvCoder<String, Long> CODER =
      KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  /** Parses "name,epochMillis"; the name "boom" simulates a parser bug. */
  private static final class TinyParser implements LineParser<KV<String, Long>> {
    private static final long serialVersionUID = 1L;

    @Override
    public KV<String, Long> parse(String line) throws InvalidRecordException {
      String[] parts = line.split(",", -1);
      if (parts.length != 2) {
        throw new InvalidRecordException("expected name,millis");
      }
      if (parts[0].equals("boom")) {
        throw new IllegalStateException("parser bug on " + line);
      }
      try {
        return KV.of(parts[0], Long.parseLong(parts[1]));
      } catch (NumberFormatException e) {
        throw new InvalidRecordException("not a number: '" + parts[1] + "'");
      }
    }
  }

  private static ParseLines<KV<String, Long>> parseLines() {
    return ParseLines.with(new TinyParser(), CODER);
  }

  private static Instant eventTime(KV<String, Long> kv) {
    return new Instant(kv.getValue());
  }

  private PCollection<SourcedLine> input() {
    return p.apply(Create.of(
        SourcedLine.of(SRC, 1, "a,1000"),
        SourcedLine.of(SRC, 2, "b,2500"),
        SourcedLine.of(SRC, 3, "no comma"),
        SourcedLine.of(SRC, 4, "c,12x"),
        SourcedLine.of(SRC, 5, "boom,1"),
        new SourcedLine(SRC, 6, "d,\uFFFD", true),
        SourcedLine.of("/data/in/other.csv", 1, "e,0")));
  }

  // NotOnSpark: the SparkRunner (Beam 2.70) puts the elements of an unconsumed additional output into the main output (apache/beam#33772 skips "unused" outputs without filtering them): with the dead letters left unconsumed they reach Reify.timestamps() (ClassCastException DeadLetter to KV); sensor-stats consumes both outputs
  // NotOnSparkStreaming: a multi-output ParDo over bounded input fails on the SparkRunner in streaming mode with a NullPointerException (Beam 2.70 translates bounded parts of a streaming pipeline without counting their consumers; see apache/beam#33772)
  @Test
  @Category({RunnerLimits.NotOnSpark.class, RunnerLimits.NotOnSparkStreaming.class})
  public void validLinesCarryTheirEventTimes() {
    WithFailures.Result<PCollection<KV<String, Long>>, DeadLetter> result =
        input().apply(parseLines().withEventTime(ParseLinesTest::eventTime));

    PAssert.that(result.output().apply(Reify.timestamps())).containsInAnyOrder(
        TimestampedValue.of(KV.of("a", 1000L), new Instant(1000L)),
        TimestampedValue.of(KV.of("b", 2500L), new Instant(2500L)),
        TimestampedValue.of(KV.of("e", 0L), new Instant(0L)));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: a multi-output ParDo over bounded input fails on the SparkRunner in streaming mode with a NullPointerException (Beam 2.70 translates bounded parts of a streaming pipeline without counting their consumers; see apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void withoutEventTimeTheInputTimestampIsKept() {
    PCollection<KV<String, Long>> output = p
        .apply(Create.of(SourcedLine.of(SRC, 1, "a,1000")))
        .apply(parseLines())
        .output();

    PAssert.that(output.apply(Reify.timestamps())).containsInAnyOrder(
        TimestampedValue.of(KV.of("a", 1000L), BoundedWindow.TIMESTAMP_MIN_VALUE));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: a multi-output ParDo over bounded input fails on the SparkRunner in streaming mode with a NullPointerException (Beam 2.70 translates bounded parts of a streaming pipeline without counting their consumers; see apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void invalidLinesBecomeDeadLetters() {
    WithFailures.Result<PCollection<KV<String, Long>>, DeadLetter> result =
        input().apply(parseLines().withEventTime(ParseLinesTest::eventTime));

    PAssert.that(result.failures()).containsInAnyOrder(
        new DeadLetter("parse", "expected name,millis", SRC, 3, "no comma"),
        new DeadLetter("parse", "not a number: '12x'", SRC, 4, "c,12x"),
        // A RuntimeException from the parser is a dead letter too, not a pipeline failure.
        new DeadLetter("parse",
            "parser failure: java.lang.IllegalStateException: parser bug on boom,1", SRC, 5,
            "boom,1"),
        // Bad bytes never reach the parser.
        new DeadLetter("parse", "invalid UTF-8: the line contains bytes that are not UTF-8", SRC, 6,
            "d,\uFFFD"));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: a multi-output ParDo over bounded input fails on the SparkRunner in streaming mode with a NullPointerException (Beam 2.70 translates bounded parts of a streaming pipeline without counting their consumers; see apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void countersAddUpToTheLinesIn() {
    input().apply(parseLines());
    PipelineResult result = p.run();
    result.waitUntilFinish();

    assertEquals(3, counter(result, "beamline", "valid_events"));
    assertEquals(4, counter(result, "beamline", "dead_letters"));
  }

  // NotOnSparkStreaming: a multi-output ParDo over bounded input fails on the SparkRunner in streaming mode with a NullPointerException (Beam 2.70 translates bounded parts of a streaming pipeline without counting their consumers; see apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void counterNamespaceCanBeChanged() {
    input().apply(parseLines().withCounterNamespace("sensor-stats"));
    PipelineResult result = p.run();
    result.waitUntilFinish();

    assertEquals(3, counter(result, "sensor-stats", "valid_events"));
    assertEquals(4, counter(result, "sensor-stats", "dead_letters"));
    assertEquals(0, counter(result, "beamline", "valid_events"));
  }

  // NotOnSparkStreaming: a multi-output ParDo over bounded input fails on the SparkRunner in streaming mode with a NullPointerException (Beam 2.70 translates bounded parts of a streaming pipeline without counting their consumers; see apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void lambdaParserWithStrictJson() {
    // The real pipelines combine ParseLines with StrictJsonObject; a lambda is enough here.
    LineParser<String> sensorId = line ->
        dev.beamline.transforms.json.StrictJsonObject.parse(line).requireNonEmptyString("sensor");
    WithFailures.Result<PCollection<String>, DeadLetter> result = p
        .apply(Create.of(
            SourcedLine.of(SRC, 1, "{\"sensor\":\"s1\"}"),
            SourcedLine.of(SRC, 2, ""),
            SourcedLine.of(SRC, 3, "{\"sensor\":\"\"}")))
        .apply(ParseLines.with(sensorId, StringUtf8Coder.of()));

    PAssert.that(result.output()).containsInAnyOrder("s1");
    PAssert.that(result.failures()).containsInAnyOrder(
        new DeadLetter("parse", "empty line", SRC, 2, ""),
        new DeadLetter("parse", "field 'sensor' is an empty string", SRC, 3, "{\"sensor\":\"\"}"));
    p.run().waitUntilFinish();
  }
}
