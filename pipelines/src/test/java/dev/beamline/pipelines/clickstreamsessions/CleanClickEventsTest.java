package dev.beamline.pipelines.clickstreamsessions;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.testing.RunnerLimits;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * The click-event input contract, one kind of good or bad line per test with the exact reason, then
 * the transform in a pipeline: events stamped with their event time, dead letters with file and
 * line, counters that add up to the lines in.
 */
public class CleanClickEventsTest {
  private static final String SRC = "/data/clicks/part-7.jsonl";
  private static final long T = Instant.parse("2026-11-01T09:30:00.125Z").getMillis();
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(CleanClickEvents.RULES);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static String line(String userId, String page, String action, String ts) {
    return "{\"userId\":" + userId + ",\"page\":" + page + ",\"action\":" + action + ",\"ts\":" + ts
        + "}";
  }

  private static String valid() {
    return line("\"u-17\"", "\"/product/42\"", "\"add_to_cart\"", "\"2026-11-01T09:30:00.125Z\"");
  }

  private static ClickEvent clean(String line) throws InvalidRecordException {
    return new CleanClickEvents.ToClickEvent().apply(CLEANER.clean(line));
  }

  private static String reason(String line) {
    return assertThrows(InvalidRecordException.class, () -> CLEANER.clean(line)).getMessage();
  }

  @Test
  public void readsAValidEvent() throws Exception {
    assertEquals(new ClickEvent("u-17", "/product/42", "add_to_cart", T), clean(valid()));
  }

  @Test
  public void unicodeUserIdsEpochMillisOffsetsAndExtraFields() throws Exception {
    assertEquals(new ClickEvent("ユーザー-7", "/cart?step=2", "view", T), clean(
        "{\"ref\":\"ad-9\",\"userId\":\"ユーザー-7\",\"page\":\"/cart?step=2\",\"action\":\"view\","
            + "\"ts\":" + T + "}"));
    assertEquals(T, clean(line("\"u\"", "\"/\"", "\"view\"", "\"2026-11-01T10:30:00.125+01:00\""))
        .timestampMillis());
  }

  @Test
  public void missingOrEmptyUserId() {
    assertEquals("field 'userId' is missing (rule: required)",
        reason("{\"page\":\"/home\",\"action\":\"view\",\"ts\":0}"));
    assertEquals("field 'userId' is missing (rule: required)",
        reason(line("\"\"", "\"/home\"", "\"view\"", "0")));
  }

  @Test
  public void userIdMustBeAString() {
    assertEquals("field 'userId' must be a string, got a number",
        reason(line("42", "\"/home\"", "\"view\"", "0")));
  }

  @Test
  public void pagesArePathsWithoutSpaces() {
    assertEquals("field 'page' is not a page path: \"home\" (it must start with '/') (rule: "
        + "convert to page path)", reason(line("\"u\"", "\"home\"", "\"view\"", "0")));
    assertEquals("field 'page' is not a page path: \"/search results\" (whitespace or a control "
        + "character at index 7) (rule: convert to page path)",
        reason(line("\"u\"", "\"/search results\"", "\"view\"", "0")));
    assertEquals("field 'page' is a page path of 2049 characters, longer than 2048 (rule: convert "
        + "to page path)", reason(line("\"u\"", "\"/" + "a".repeat(2048) + "\"", "\"view\"", "0")));
  }

  @Test
  public void unknownOrMisspelledActions() {
    String known = "not one of \"view\", \"click\", \"search\", \"add_to_cart\", "
        + "\"remove_from_cart\", \"checkout\", \"purchase\", \"login\", \"logout\" (rule: allowed "
        + "values)";
    assertEquals("field 'action' is \"tap\", " + known,
        reason(line("\"u\"", "\"/home\"", "\"tap\"", "0")));
    assertEquals("field 'action' is \"VIEW\", " + known,
        reason(line("\"u\"", "\"/home\"", "\"VIEW\"", "0")));
    assertEquals("field 'action' is missing (rule: required)",
        reason(line("\"u\"", "\"/home\"", "null", "0")));
  }

  @Test
  public void badTimestamps() {
    assertEquals("field 'ts' is not a real date and time: \"2026-13-01T00:00:00Z\" (rule: convert "
        + "to timestamp (ISO-8601 or epoch milliseconds))",
        reason(line("\"u\"", "\"/home\"", "\"view\"", "\"2026-13-01T00:00:00Z\"")));
    assertEquals("field 'ts' is not whole epoch milliseconds: \"1793491200000.5\" (rule: convert "
        + "to timestamp (ISO-8601 or epoch milliseconds))",
        reason(line("\"u\"", "\"/home\"", "\"view\"", "1793491200000.5")));
  }

  @Test
  public void malformedJsonTrailingDataAndDuplicateKeys() {
    assertEquals("trailing data after the JSON object at column 55",
        reason(line("\"u\"", "\"/home\"", "\"view\"", "0") + " {}"));
    assertEquals("duplicate key: Duplicate field 'userId'",
        reason("{\"userId\":\"a\",\"userId\":\"b\",\"page\":\"/\",\"action\":\"view\",\"ts\":0}"));
    assertEquals("empty line", reason(""));
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void inAPipelineEventsCarryTheirEventTimeAndBadLinesTheirFileAndLine() {
    String bad = line("\"u\"", "\"home\"", "\"view\"", "0");
    WithFailures.Result<PCollection<ClickEvent>, DeadLetter> result = p
        .apply(Create.of(List.of(SourcedLine.of(SRC, 1, valid()), SourcedLine.of(SRC, 2, bad))))
        .apply(CleanClickEvents.create());

    PAssert.that(result.output().apply(Reify.timestamps())).containsInAnyOrder(
        TimestampedValue.of(new ClickEvent("u-17", "/product/42", "add_to_cart", T), new Instant(T)));
    PAssert.that(result.failures()).containsInAnyOrder(new DeadLetter("clean",
        "field 'page' is not a page path: \"home\" (it must start with '/') (rule: convert to page "
            + "path)", SRC, 2, bad));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, counter(run, "beamline", "records_cleaned"));
    assertEquals(1, counter(run, "beamline", "records_dead_lettered"));
  }
}
