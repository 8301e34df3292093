package dev.beamline.pipelines.trendingtopics;

import static org.junit.Assert.assertEquals;
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

/** The trending-topics input contract: the accepted forms, then one test per kind of bad line. */
public class PostsTest {
  private static final Instant T = Instant.parse("2026-11-01T12:00:00Z");
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(Posts.CLEAN);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static String reason(String line) {
    return assertThrows(InvalidRecordException.class, () -> CLEANER.clean(line)).getMessage();
  }

  @Test
  public void readsAPostWithItsEventTime() throws Exception {
    Row r = CLEANER.clean("{\"postId\":\"p1\",\"userId\":\"u1\",\"text\":\"#東京 again\","
        + "\"ts\":\"2026-11-01T21:00:00+09:00\",\"lang\":\"ja\"}");
    assertEquals(Row.withSchema(Posts.SCHEMA).addValues("p1", "u1", "#東京 again",
        new org.joda.time.DateTime(T.getMillis(), org.joda.time.DateTimeZone.UTC)).build(), r);
  }

  @Test
  public void acceptsEpochMilliseconds() throws Exception {
    assertEquals(T, CLEANER.clean("{\"postId\":\"p1\",\"userId\":\"u1\",\"text\":\"x\",\"ts\":"
        + T.getMillis() + "}").getDateTime(Posts.TS).toInstant());
  }

  @Test
  public void missingPostId() {
    assertEquals("field 'postId' is missing (rule: required)",
        reason("{\"userId\":\"u00001\",\"text\":\"no id #beam\",\"ts\":\"2026-11-01T12:00:00Z\"}"));
  }

  @Test
  public void emptyUserIdIsMissing() {
    assertEquals("field 'userId' is missing (rule: required)",
        reason("{\"postId\":\"p\",\"userId\":\"\",\"text\":\"#beam\",\"ts\":\"2026-11-01T12:00:00Z\"}"));
  }

  @Test
  public void postIdThatIsNotAString() {
    assertEquals("field 'postId' must be a string, got a number",
        reason("{\"postId\":42,\"userId\":\"u\",\"text\":\"#beam\",\"ts\":\"2026-11-01T12:00:00Z\"}"));
  }

  @Test
  public void textThatIsNotAString() {
    assertEquals("field 'text' must be a string, got an array",
        reason("{\"postId\":\"p\",\"userId\":\"u\",\"text\":[\"#beam\"],\"ts\":\"2026-11-01T12:00:00Z\"}"));
  }

  @Test
  public void timestampInALocalFormat() {
    assertEquals("field 'ts' is not a timestamp in any accepted format (ISO-8601 or epoch "
        + "milliseconds): \"01/11/2026 12:00\" (rule: convert to timestamp (ISO-8601 or epoch "
        + "milliseconds))",
        reason("{\"postId\":\"p\",\"userId\":\"u\",\"text\":\"#beam\",\"ts\":\"01/11/2026 12:00\"}"));
  }

  // NotOnSparkStreaming: CleanJsonLines refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void everyBadLineOfTheGeneratorIsADeadLetterWithItsFileAndLineNumber() {
    List<SourcedLine> lines = new ArrayList<>();
    for (String bad : PostGenerator.BAD_LINES) {
      lines.add(SourcedLine.of("posts.jsonl", lines.size() + 1, bad));
    }
    WithFailures.Result<PCollection<Row>, DeadLetter> out =
        p.apply(Create.of(lines)).apply(Posts.CLEAN.fromJsonLines());

    PAssert.that(out.failures()).containsInAnyOrder(
        dead(1, "clean", "field 'postId' is missing (rule: required)"),
        dead(2, "clean", "field 'userId' is missing (rule: required)"),
        dead(3, "clean", "field 'ts' is not a timestamp in any accepted format (ISO-8601 or epoch "
            + "milliseconds): \"01/11/2026 12:00\" (rule: convert to timestamp (ISO-8601 or epoch "
            + "milliseconds))"),
        dead(4, "parse", "field 'text' must be a string, got an array"),
        dead(5, "parse", "malformed JSON at column 60: Unexpected end-of-input: was expecting "
            + "closing quote for a string value"),
        dead(6, "parse", "malformed JSON at column 2: Unexpected character ('#' (code 35)): "
            + "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or "
            + "'false')"),
        dead(7, "parse", "field 'postId' must be a string, got a number"),
        dead(8, "parse", "empty line"));
    PAssert.that(out.output()).empty();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(8, PipelineCounters.counter(result, "beamline", "records_dead_lettered"));
  }

  private static DeadLetter dead(int line, String stage, String reason) {
    return new DeadLetter(stage, reason, "posts.jsonl", line, PostGenerator.BAD_LINES[line - 1]);
  }
}
