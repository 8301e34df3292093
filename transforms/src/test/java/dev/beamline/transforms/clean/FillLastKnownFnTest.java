package dev.beamline.transforms.clean;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.testing.SparkRunnerStandIn;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesStatefulParDo;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.testing.UsesTimersInParDo;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Last known value per key, with TestStream: in-order and out-of-order input before the watermark
 * (same answer), late input behind the watermark (documented answer), max age and state deletion.
 *
 * <p>Runner notes: the late-data tests rely on the TestStream watermark being the input watermark of
 * the stateful step, as on Direct and Flink streaming. Spark's classic runner refuses event-time
 * timers in streaming (see {@link #sparkStreamingIsRefusedUpFront}).
 */
@RunWith(JUnit4.class)
public class FillLastKnownFnTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Schema EVENT = Schema.builder()
      .addStringField("accountId")
      .addNullableField("country", Schema.FieldType.STRING)
      .addDateTimeField("ts")
      .build();
  private static final CleanRecords CLEAN = CleanRecords.of(EVENT)
      .fillMissing("country", FillPolicy.lastKnownPerKey("accountId")
          .withMaxAge(Duration.standardHours(1)))
      .withEventTime("ts");
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private static Instant minute(int m) {
    return T0.plus(Duration.standardMinutes(m));
  }

  private static TimestampedValue<Row> in(String account, String country, int minute) {
    Row row = Row.withSchema(CLEAN.inputSchema()).addValues(account, country, minute(minute)).build();
    return TimestampedValue.of(row, minute(minute));
  }

  private static TimestampedValue<Row> out(String account, String country, int minute) {
    return TimestampedValue.of(
        Row.withSchema(EVENT).addValues(account, country, minute(minute)).build(), minute(minute));
  }

  private static DeadLetter noValue(String account, int minute) {
    Row raw = Row.withSchema(CLEAN.inputSchema()).addValues(account, null, minute(minute)).build();
    return new DeadLetter("clean", "field 'country' is missing and no earlier value within 1h is"
        + " known for accountId \"" + account + "\" (rule: fill missing: last known per key)",
        "unknown", -1, RowJson.toJson(raw));
  }

  private WithFailures.Result<PCollection<Row>, DeadLetter> clean(TestStream<Row> events) {
    return p.apply(events).apply(CLEAN);
  }

  // NotOnSpark: CleanRecords refuses the SparkRunner in streaming mode, which an unbounded TestStream switches it to: no event-time timers in Spark streaming (apache/beam#33237)
  // NotOnSparkStreaming: CleanRecords refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, UsesStatefulParDo.class, UsesTimersInParDo.class,
      RunnerLimits.NotOnSpark.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_inOrder_fillsFromTheKeysPreviousRecord() {
    TestStream<Row> events = TestStream.create(CLEAN.inputSchema())
        .addElements(in("a1", "DE", 1), in("a1", null, 2), in("a2", null, 3), in("a2", "FR", 4))
        .advanceWatermarkTo(minute(10))
        .addElements(in("a1", null, 11), in("a2", "", 12))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<Row>, DeadLetter> result = clean(events);
    PAssert.that(result.output().apply(Reify.timestamps())).containsInAnyOrder(
        out("a1", "DE", 1), out("a1", "DE", 2), out("a2", "FR", 4),
        out("a1", "DE", 11), out("a2", "FR", 12));
    // a2's first record has no earlier record to take a value from.
    PAssert.that(result.failures()).containsInAnyOrder(noValue("a2", 3));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(3, counter(run, "beamline", CleanRecords.VALUES_FILLED_LAST_KNOWN));
    assertEquals(5, counter(run, "beamline", CleanRecords.RECORDS_CLEANED));
    assertEquals(1, counter(run, "beamline", CleanRecords.RECORDS_DEAD_LETTERED));
  }

  // NotOnSpark: CleanRecords refuses the SparkRunner in streaming mode, which an unbounded TestStream switches it to: no event-time timers in Spark streaming (apache/beam#33237)
  // NotOnSparkStreaming: CleanRecords refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, UsesStatefulParDo.class, UsesTimersInParDo.class,
      RunnerLimits.NotOnSpark.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_outOfOrder_givesTheInOrderAnswer() {
    // Arrival order 2, 3, 1: an arrival-ordered fill would dead-letter minute 2 (nothing known yet)
    // or fill it with FR; in event-time order it takes DE from minute 1.
    TestStream<Row> events = TestStream.create(CLEAN.inputSchema())
        .addElements(in("a1", null, 2))
        .addElements(in("a1", "FR", 3))
        .addElements(in("a1", "DE", 1))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<Row>, DeadLetter> result = clean(events);
    PAssert.that(result.output().apply(Reify.timestamps())).containsInAnyOrder(
        out("a1", "DE", 1), out("a1", "DE", 2), out("a1", "FR", 3));
    PAssert.that(result.failures()).empty();
    p.run().waitUntilFinish();
  }

  // NotOnSpark: CleanRecords refuses the SparkRunner in streaming mode, which an unbounded TestStream switches it to: no event-time timers in Spark streaming (apache/beam#33237)
  // NotOnSparkStreaming: CleanRecords refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, UsesStatefulParDo.class, UsesTimersInParDo.class,
      RunnerLimits.NotOnSpark.class, RunnerLimits.NotOnSparkStreaming.class})
  public void late_behindTheWatermark_isFilledFromTheNewestValueAndDoesNotReplaceIt() {
    TestStream<Row> events = TestStream.create(CLEAN.inputSchema())
        .addElements(in("a1", "DE", 1), in("a1", "IT", 4))
        .advanceWatermarkTo(minute(5))
        // Late: minute 2 gets IT (the newest value known when it arrives), not DE as sorted input
        // would give; minute 3's FR is older than IT, so IT stays the key's value.
        .addElements(in("a1", null, 2))
        .addElements(in("a1", "FR", 3))
        .addElements(in("a1", null, 6))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<Row>, DeadLetter> result = clean(events);
    PAssert.that(result.output().apply(Reify.timestamps())).containsInAnyOrder(
        out("a1", "DE", 1), out("a1", "IT", 4), out("a1", "IT", 2), out("a1", "FR", 3),
        out("a1", "IT", 6));
    PAssert.that(result.failures()).empty();
    p.run().waitUntilFinish();
  }

  // NotOnSpark: CleanRecords refuses the SparkRunner in streaming mode, which an unbounded TestStream switches it to: no event-time timers in Spark streaming (apache/beam#33237)
  // NotOnSparkStreaming: CleanRecords refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, UsesStatefulParDo.class, UsesTimersInParDo.class,
      RunnerLimits.NotOnSpark.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_aValueOlderThanMaxAgeIsNotUsed() {
    TestStream<Row> events = TestStream.create(CLEAN.inputSchema())
        .addElements(in("a1", "DE", 0), in("a1", null, 60), in("a2", "FR", 0), in("a2", null, 61))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<Row>, DeadLetter> result = clean(events);
    // Max age 1h is inclusive: minute 60 still gets DE, minute 61 is too far from FR.
    PAssert.that(result.output().apply(Reify.timestamps())).containsInAnyOrder(
        out("a1", "DE", 0), out("a1", "DE", 60), out("a2", "FR", 0));
    PAssert.that(result.failures()).containsInAnyOrder(noValue("a2", 61));
    p.run().waitUntilFinish();
  }

  // NotOnSpark: CleanRecords refuses the SparkRunner in streaming mode, which an unbounded TestStream switches it to: no event-time timers in Spark streaming (apache/beam#33237)
  // NotOnSparkStreaming: CleanRecords refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, UsesStatefulParDo.class, UsesTimersInParDo.class,
      RunnerLimits.NotOnSpark.class, RunnerLimits.NotOnSparkStreaming.class})
  public void late_afterTheKeysStateWasDeleted_isNotFilled() {
    TestStream<Row> events = TestStream.create(CLEAN.inputSchema())
        .addElements(in("a1", "DE", 0))
        // Past minute 60 + 1 ms the state of a1 is deleted by its expiry timer...
        .advanceWatermarkTo(minute(120))
        // ...so a late record within the hour after DE finds nothing: memory does not grow with
        // keys that went quiet, at the price of late records older than that.
        .addElements(in("a1", null, 30))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<Row>, DeadLetter> result = clean(events);
    PAssert.that(result.output().apply(Reify.timestamps())).containsInAnyOrder(out("a1", "DE", 0));
    PAssert.that(result.failures()).containsInAnyOrder(noValue("a1", 30));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanRecords refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesStatefulParDo.class, UsesTimersInParDo.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_equalTimestampsAreOrderedBySourceAndLine() {
    CleanRecords cleaner = CleanRecords.of(EVENT)
        .convert("ts", Conversion.timestamp(TimestampFormat.ISO_8601))
        .fillMissing("country", FillPolicy.lastKnownPerKey("accountId"))
        .withEventTime("ts");
    String missing = "{\"accountId\":\"a1\",\"ts\":\"2026-11-01T10:00:00Z\"}";
    String de = "{\"accountId\":\"a1\",\"country\":\"DE\",\"ts\":\"2026-11-01T10:00:00Z\"}";
    String later = "{\"accountId\":\"a1\",\"ts\":\"2026-11-01T10:00:01Z\"}";
    WithFailures.Result<PCollection<Row>, DeadLetter> result = p
        .apply(Create.of(SourcedLine.of("b.jsonl", 1, missing), SourcedLine.of("a.jsonl", 2, de),
            SourcedLine.of("a.jsonl", 1, missing), SourcedLine.of("a.jsonl", 3, later)))
        .apply(cleaner.fromJsonLines());

    // Order at 10:00:00 is a.jsonl:1, a.jsonl:2, b.jsonl:1 whatever the arrival order.
    PAssert.that(result.output()).containsInAnyOrder(
        Row.withSchema(EVENT).addValues("a1", "DE", T0).build(),
        Row.withSchema(EVENT).addValues("a1", "DE", T0).build(),
        Row.withSchema(EVENT).addValues("a1", "DE", T0.plus(1000)).build());
    PAssert.that(result.failures()).containsInAnyOrder(new DeadLetter("clean",
        "field 'country' is missing and no earlier value within 1d is known for accountId \"a1\""
            + " (rule: fill missing: last known per key)", "a.jsonl", 1, missing));
    p.run().waitUntilFinish();
  }

  // NotOnSpark: CleanRecords refuses the SparkRunner in streaming mode, which an unbounded TestStream switches it to: no event-time timers in Spark streaming (apache/beam#33237)
  // NotOnSparkStreaming: CleanRecords refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, UsesStatefulParDo.class, UsesTimersInParDo.class,
      RunnerLimits.NotOnSpark.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_eachKeyFieldHasItsOwnState() {
    Schema tx = Schema.builder().addStringField("accountId").addStringField("merchant")
        .addNullableField("country", Schema.FieldType.STRING)
        .addNullableField("category", Schema.FieldType.STRING)
        .addDateTimeField("ts").build();
    CleanRecords cleaner = CleanRecords.of(tx)
        .fillMissing("country", FillPolicy.lastKnownPerKey("accountId"))
        .fillMissing("category", FillPolicy.lastKnownPerKey("merchant"))
        .withEventTime("ts");
    TestStream<Row> events = TestStream.create(cleaner.inputSchema())
        .addElements(
            TimestampedValue.of(Row.withSchema(cleaner.inputSchema())
                .addValues("a1", "m1", "DE", "food", minute(1)).build(), minute(1)),
            TimestampedValue.of(Row.withSchema(cleaner.inputSchema())
                .addValues("a2", "m1", "FR", null, minute(2)).build(), minute(2)),
            TimestampedValue.of(Row.withSchema(cleaner.inputSchema())
                .addValues("a1", "m2", null, "toys", minute(3)).build(), minute(3)))
        .advanceWatermarkToInfinity();

    PAssert.that(p.apply(events).apply(cleaner).output()).containsInAnyOrder(
        Row.withSchema(tx).addValues("a1", "m1", "DE", "food", minute(1)).build(),
        Row.withSchema(tx).addValues("a2", "m1", "FR", "food", minute(2)).build(),
        Row.withSchema(tx).addValues("a1", "m2", "DE", "toys", minute(3)).build());
    p.run().waitUntilFinish();
  }

  @Test
  public void sparkStreamingIsRefusedUpFront() {
    Pipeline spark = SparkRunnerStandIn.pipeline(true);
    PCollection<Row> rows = spark.apply(
        TestStream.create(CLEAN.inputSchema()).advanceWatermarkToInfinity());
    assertEquals("SparkRunnerStandIn in streaming mode does not support event-time timers, which"
            + " CleanRecords needs to fill last known values per key [accountId] in event-time"
            + " order. Use batch mode, the Flink runner, or a default value instead.",
        assertThrows(IllegalArgumentException.class, () -> rows.apply(CLEAN)).getMessage());
    // Spark batch runs state and timers: the same cleaner is accepted there.
    Pipeline sparkBatch = SparkRunnerStandIn.pipeline(false);
    sparkBatch.apply(Create.empty(CLEAN.inputSchema())).apply(CLEAN);
  }
}
