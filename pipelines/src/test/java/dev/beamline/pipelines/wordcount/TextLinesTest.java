package dev.beamline.pipelines.wordcount;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.testing.PipelineCounters;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import dev.beamline.transforms.testing.RunnerLimits;
import org.junit.experimental.categories.Category;
import org.junit.Rule;
import org.junit.Test;

/** The wordcount input contract: the accepted forms, then one test per kind of bad line. */
public class TextLinesTest {
  private static final Instant T = Instant.parse("2026-11-01T08:00:00.250Z");
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(TextLines.CLEAN);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Row clean(String line) throws InvalidRecordException {
    return CLEANER.clean(line);
  }

  private static String reason(String line) {
    return assertThrows(InvalidRecordException.class, () -> CLEANER.clean(line)).getMessage();
  }

  @Test
  public void readsTextWithItsEventTimeAndSource() throws Exception {
    Row r = clean("{\"ts\":\"2026-11-01T08:00:00.250Z\",\"text\":\"Die Straße\",\"source\":\"de/feed-1\"}");
    assertEquals(T, r.getDateTime(TextLines.TS).toInstant());
    assertEquals("Die Straße", r.getString(TextLines.TEXT));
    assertEquals("de/feed-1", r.getString(TextLines.SOURCE));
  }

  @Test
  public void acceptsOffsetsAndEpochMillisecondsAsNumberOrString() throws Exception {
    assertEquals(T, clean("{\"ts\":\"2026-11-01T09:00:00.25+01:00\",\"text\":\"a\"}")
        .getDateTime(TextLines.TS).toInstant());
    assertEquals(T, clean("{\"ts\":" + T.getMillis() + ",\"text\":\"a\"}")
        .getDateTime(TextLines.TS).toInstant());
    assertEquals(T, clean("{\"ts\":\"" + T.getMillis() + "\",\"text\":\"a\"}")
        .getDateTime(TextLines.TS).toInstant());
  }

  @Test
  public void sourceIsOptionalAndExtraFieldsAreIgnored() throws Exception {
    Row r = clean("{\"lang\":\"zh\",\"ts\":\"2026-11-01T08:00:00Z\",\"text\":\"我们今天去北京\"}");
    assertNull(r.getString(TextLines.SOURCE));
    assertEquals("我们今天去北京", r.getString(TextLines.TEXT));
  }

  @Test
  public void textThatHasNoWordsIsStillAValidLine() throws Exception {
    assertEquals("... !!! — ???",
        clean("{\"ts\":\"2026-11-01T08:00:00Z\",\"text\":\"... !!! — ???\"}").getString(TextLines.TEXT));
  }

  @Test
  public void missingText() {
    assertEquals("field 'text' is missing (rule: required)",
        reason("{\"ts\":\"2026-11-01T08:00:00Z\",\"source\":\"en/feed-0001\"}"));
  }

  @Test
  public void emptyTextIsMissing() {
    assertEquals("field 'text' is missing (rule: required)",
        reason("{\"ts\":\"2026-11-01T08:00:00Z\",\"text\":\"\"}"));
  }

  @Test
  public void textThatIsNotAString() {
    assertEquals("field 'text' must be a string, got a number",
        reason("{\"ts\":\"2026-11-01T08:00:00Z\",\"text\":42}"));
  }

  @Test
  public void timestampThatIsNotATime() {
    assertEquals("field 'ts' is not a timestamp in any accepted format (ISO-8601 or epoch "
        + "milliseconds): \"yesterday\" (rule: convert to timestamp (ISO-8601 or epoch milliseconds))",
        reason("{\"ts\":\"yesterday\",\"text\":\"gestern war es kalt\"}"));
  }

  @Test
  public void timestampWithoutAZone() {
    assertEquals("field 'ts' is not an ISO-8601 timestamp like 2026-11-01T13:45:00Z or "
        + "2026-11-01T14:45:00+01:00: \"2026-11-01T08:00:00\" (rule: convert to timestamp (ISO-8601 "
        + "or epoch milliseconds))",
        reason("{\"ts\":\"2026-11-01T08:00:00\",\"text\":\"a time without a zone\"}"));
  }

  @Test
  public void timestampBeforeTheEpoch() {
    assertEquals("field 'ts' is before 1970-01-01T00:00:00Z: \"1969-12-31T23:59:59Z\" (rule: "
        + "convert to timestamp (ISO-8601 or epoch milliseconds))",
        reason("{\"ts\":\"1969-12-31T23:59:59Z\",\"text\":\"before the epoch\"}"));
  }

  @Test
  public void missingTimestamp() {
    assertEquals("field 'ts' is missing (rule: required)", reason("{\"text\":\"when?\"}"));
  }

  @Test
  public void duplicateKeys() {
    assertEquals("duplicate key: Duplicate field 'text'",
        reason("{\"ts\":\"2026-11-01T08:00:00Z\",\"text\":\"one\",\"text\":\"two\"}"));
  }

  @Test
  public void truncatedJson() {
    assertEquals("malformed JSON at column 62: Unexpected end-of-input: expected close marker for Object",
        reason("{\"ts\":\"2026-11-01T08:00:00Z\",\"text\":\"the line ends too early\""));
  }

  @Test
  public void plainTextIsNotJson() {
    assertEquals("malformed JSON at column 4: Unrecognized token 'the': was expecting (JSON String, "
        + "Number, Array, Object or token 'null', 'true' or 'false')",
        reason("the quick brown fox, but not as JSON"));
  }

  // NotOnSparkStreaming: CleanJsonLines refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void everyBadLineOfTheGeneratorIsADeadLetterWithItsFileAndLineNumber() {
    List<SourcedLine> lines = new ArrayList<>();
    for (String bad : WordCountGenerator.BAD_LINES) {
      lines.add(SourcedLine.of("sample.jsonl", lines.size() + 1, bad));
    }
    lines.add(new SourcedLine("sample.jsonl", lines.size() + 1, "{\"ts\":0,\"text\":\"caf\uFFFD\"}", true));
    lines.add(SourcedLine.of("sample.jsonl", lines.size() + 1,
        "{\"ts\":\"2026-11-01T08:00:00Z\",\"text\":\"the only good line\"}"));

    WithFailures.Result<PCollection<Row>, DeadLetter> out =
        p.apply(Create.of(lines)).apply(TextLines.CLEAN.fromJsonLines());

    PAssert.that(out.failures()).containsInAnyOrder(
        parse(1, "malformed JSON at column 62: Unexpected end-of-input: expected close marker for Object"),
        clean(2, "field 'ts' is not a timestamp in any accepted format (ISO-8601 or epoch "
            + "milliseconds): \"yesterday\" (rule: convert to timestamp (ISO-8601 or epoch milliseconds))"),
        clean(3, "field 'text' is missing (rule: required)"),
        clean(4, "field 'text' is missing (rule: required)"),
        parse(5, "field 'text' must be a string, got a number"),
        parse(6, "malformed JSON at column 4: Unrecognized token 'the': was expecting (JSON String, "
            + "Number, Array, Object or token 'null', 'true' or 'false')"),
        clean(7, "field 'ts' is not an ISO-8601 timestamp like 2026-11-01T13:45:00Z or "
            + "2026-11-01T14:45:00+01:00: \"2026-11-01T08:00:00\" (rule: convert to timestamp "
            + "(ISO-8601 or epoch milliseconds))"),
        parse(8, "duplicate key: Duplicate field 'text'"),
        parse(9, "empty line"),
        new DeadLetter("parse", "invalid UTF-8: the line contains bytes that are not UTF-8",
            "sample.jsonl", 10, "{\"ts\":0,\"text\":\"caf\uFFFD\"}"));
    PAssert.that(out.output()).satisfies(rows -> {
      int n = 0;
      for (Row r : rows) {
        assertEquals("the only good line", r.getString(TextLines.TEXT));
        n++;
      }
      assertEquals(1, n);
      return null;
    });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, PipelineCounters.counter(result, "beamline", "records_cleaned"));
    assertEquals(10, PipelineCounters.counter(result, "beamline", "records_dead_lettered"));
  }

  private static DeadLetter parse(int line, String reason) {
    return new DeadLetter("parse", reason, "sample.jsonl", line, WordCountGenerator.BAD_LINES[line - 1]);
  }

  private static DeadLetter clean(int line, String reason) {
    return new DeadLetter("clean", reason, "sample.jsonl", line, WordCountGenerator.BAD_LINES[line - 1]);
  }
}
