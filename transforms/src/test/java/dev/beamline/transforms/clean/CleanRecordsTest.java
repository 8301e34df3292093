package dev.beamline.transforms.clean;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.deadletter.DeadLetter;
import java.util.Arrays;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.testing.SparkRunnerStandIn;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
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

/** One test per rule with its exact dead-letter reason, the default fill, counters, and builder errors. */
@RunWith(JUnit4.class)
public class CleanRecordsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static final Schema TX = Schema.builder()
      .addStringField("txId")
      .addStringField("accountId")
      .addDoubleField("amount")
      .addNullableField("currency", Schema.FieldType.STRING)
      .addNullableField("country", Schema.FieldType.STRING)
      .addNullableField("items", Schema.FieldType.INT64)
      .addNullableField("card", Schema.FieldType.BOOLEAN)
      .addDateTimeField("ts")
      .build();

  static final CleanRecords CLEAN = CleanRecords.of(TX)
      .convert("amount", Conversion.DOUBLE)
      .convert("items", Conversion.INT64)
      .convert("card", Conversion.BOOLEAN)
      .convert("ts", Conversion.timestamp(TimestampFormat.ISO_8601))
      .range("amount", 0, 1e6)
      .atLeast("items", 1)
      .allowedValues("currency", "EUR", "USD")
      .withEventTime("ts");

  private static Row raw(String txId, String accountId, String amount, String currency,
      String country, String items, String card, String ts) {
    return Row.withSchema(CLEAN.inputSchema())
        .addValues(txId, accountId, amount, currency, country, items, card, ts).build();
  }

  private static Row clean(String txId, String accountId, double amount, String currency,
      String country, Long items, Boolean card, String ts) {
    return Row.withSchema(TX)
        .addValues(txId, accountId, amount, currency, country, items, card, Instant.parse(ts))
        .build();
  }

  private static final Row GOOD =
      raw("t1", "a1", "12.5", "EUR", "DE", "2", "true", "2026-11-01T10:00:00Z");

  private WithFailures.Result<PCollection<Row>, DeadLetter> cleanRows(CleanRecords cleaner,
      Row... rows) {
    return p.apply(Create.of(Arrays.asList(rows)).withRowSchema(cleaner.inputSchema()))
        .apply(cleaner);
  }

  /** The single dead letter a bad row gives under CLEAN, and that nothing came out clean. */
  private void assertDeadLetter(Row bad, String reason) {
    WithFailures.Result<PCollection<Row>, DeadLetter> result = cleanRows(CLEAN, bad);
    PAssert.that(result.output()).empty();
    PAssert.that(result.failures()).containsInAnyOrder(
        new DeadLetter("clean", reason, "unknown", -1, RowJson.toJson(bad)));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void aValidRecordIsConvertedAndStampedWithItsEventTime() {
    WithFailures.Result<PCollection<Row>, DeadLetter> result = cleanRows(CLEAN, GOOD,
        raw("t2", "a1", "3", null, null, null, null, "2026-11-01T11:00:00+01:00"));

    PAssert.that(result.output().apply(Reify.timestamps())).containsInAnyOrder(
        TimestampedValue.of(clean("t1", "a1", 12.5, "EUR", "DE", 2L, true, "2026-11-01T10:00:00Z"),
            Instant.parse("2026-11-01T10:00:00Z")),
        TimestampedValue.of(clean("t2", "a1", 3.0, null, null, null, null, "2026-11-01T10:00:00Z"),
            Instant.parse("2026-11-01T10:00:00Z")));
    PAssert.that(result.failures()).empty();
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void requiredFieldMissing() {
    assertDeadLetter(raw(null, "a1", "1", null, null, null, null, "2026-11-01T10:00:00Z"),
        "field 'txId' is missing (rule: required)");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void requiredFieldEmptyStringIsMissing() {
    assertDeadLetter(raw("t1", "", "1", null, null, null, null, "2026-11-01T10:00:00Z"),
        "field 'accountId' is missing (rule: required)");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void explicitlyRequiredNullableField() {
    CleanRecords cleaner = CLEAN.require("currency");
    Row bad = raw("t1", "a1", "1", null, null, null, null, "2026-11-01T10:00:00Z");
    PAssert.that(cleanRows(cleaner, bad).failures()).containsInAnyOrder(new DeadLetter("clean",
        "field 'currency' is missing (rule: required)", "unknown", -1, RowJson.toJson(bad)));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void conversionToDoubleFails() {
    assertDeadLetter(raw("t1", "a1", "12,5", null, null, null, null, "2026-11-01T10:00:00Z"),
        "field 'amount' is not a decimal number: \"12,5\" (rule: convert to DOUBLE)");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void conversionToIntegerFails() {
    assertDeadLetter(raw("t1", "a1", "1", null, null, "2.5", null, "2026-11-01T10:00:00Z"),
        "field 'items' is not an integer: \"2.5\" (rule: convert to INT64)");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void conversionToBooleanFails() {
    assertDeadLetter(raw("t1", "a1", "1", null, null, null, "yes", "2026-11-01T10:00:00Z"),
        "field 'card' is not true or false: \"yes\" (rule: convert to BOOLEAN)");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void conversionToTimestampFails() {
    assertDeadLetter(raw("t1", "a1", "1", null, null, null, null, "1762004700"),
        "field 'ts' is not an ISO-8601 timestamp like 2026-11-01T13:45:00Z or"
            + " 2026-11-01T14:45:00+01:00: \"1762004700\" (rule: convert to timestamp (ISO-8601))");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void belowMinimum() {
    assertDeadLetter(raw("t1", "a1", "-0.01", null, null, null, null, "2026-11-01T10:00:00Z"),
        "field 'amount' is -0.01, below the minimum 0 (rule: range)");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void aboveMaximum() {
    assertDeadLetter(raw("t1", "a1", "1000000.5", null, null, null, null, "2026-11-01T10:00:00Z"),
        "field 'amount' is 1000000.5, above the maximum 1000000 (rule: range)");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void boundsAreInclusive() {
    PAssert.that(cleanRows(CLEAN,
            raw("t1", "a1", "0", null, null, "1", null, "2026-11-01T10:00:00Z"),
            raw("t2", "a1", "1e6", null, null, null, null, "2026-11-01T10:00:00Z"))
        .output()).containsInAnyOrder(
            clean("t1", "a1", 0.0, null, null, 1L, null, "2026-11-01T10:00:00Z"),
            clean("t2", "a1", 1e6, null, null, null, null, "2026-11-01T10:00:00Z"));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void integerBelowMinimum() {
    assertDeadLetter(raw("t1", "a1", "1", null, null, "0", null, "2026-11-01T10:00:00Z"),
        "field 'items' is 0, below the minimum 1 (rule: range)");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void valueNotAllowed() {
    assertDeadLetter(raw("t1", "a1", "1", "XXX", null, null, null, "2026-11-01T10:00:00Z"),
        "field 'currency' is \"XXX\", not one of \"EUR\", \"USD\" (rule: allowed values)");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void nonFiniteTypedDouble() {
    Schema s = Schema.builder().addDoubleField("x").build();
    Row nan = Row.withSchema(s).addValues(Double.NaN).build();
    PAssert.that(cleanRows(CleanRecords.of(s), nan).failures()).containsInAnyOrder(
        new DeadLetter("clean", "field 'x' is NaN, not a finite number (rule: finite number)",
            "unknown", -1, "{\"x\":\"NaN\"}"));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void theFirstFailingFieldInSchemaOrderIsTheReason() {
    assertDeadLetter(raw("t1", "a1", "-1", "XXX", null, null, null, "bad"),
        "field 'amount' is -1.0, below the minimum 0 (rule: range)");
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void fillPolicyDrop() {
    CleanRecords cleaner = CLEAN.fillMissing("country", FillPolicy.drop());
    Row bad = raw("t1", "a1", "1", null, null, null, null, "2026-11-01T10:00:00Z");
    WithFailures.Result<PCollection<Row>, DeadLetter> result = cleanRows(cleaner, bad, GOOD);
    PAssert.that(result.output()).containsInAnyOrder(
        clean("t1", "a1", 12.5, "EUR", "DE", 2L, true, "2026-11-01T10:00:00Z"));
    PAssert.that(result.failures()).containsInAnyOrder(new DeadLetter("clean",
        "field 'country' is missing (rule: fill missing: drop)", "unknown", -1,
        RowJson.toJson(bad)));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void fillPolicyDefaultValue() {
    CleanRecords cleaner = CLEAN
        .fillMissing("currency", FillPolicy.defaultValue("EUR"))
        .fillMissing("items", FillPolicy.defaultValue(1))
        .fillMissing("card", FillPolicy.defaultValue(false));
    WithFailures.Result<PCollection<Row>, DeadLetter> result = cleanRows(cleaner,
        raw("t1", "a1", "1", null, null, null, null, "2026-11-01T10:00:00Z"),
        raw("t2", "a1", "1", "USD", null, "", null, "2026-11-01T10:00:00Z"));

    PAssert.that(result.output()).containsInAnyOrder(
        clean("t1", "a1", 1.0, "EUR", null, 1L, false, "2026-11-01T10:00:00Z"),
        clean("t2", "a1", 1.0, "USD", null, 1L, false, "2026-11-01T10:00:00Z"));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(5, counter(run, "beamline", CleanRecords.VALUES_FILLED_DEFAULT));
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void countersAddUpToTheRecordsIn() {
    cleanRows(CLEAN.withCounterNamespace("tx"), GOOD,
        raw(null, "a1", "1", null, null, null, null, "2026-11-01T10:00:00Z"),
        raw("t3", "a1", "x", null, null, null, null, "2026-11-01T10:00:00Z"));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, counter(run, "tx", CleanRecords.RECORDS_CLEANED));
    assertEquals(2, counter(run, "tx", CleanRecords.RECORDS_DEAD_LETTERED));
    assertEquals(0, counter(run, "beamline", CleanRecords.RECORDS_CLEANED));
  }

  // NotOnSparkStreaming: CleanRecords refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void typedInputFieldsNeedNoConversion() {
    Schema s = Schema.builder().addStringField("id").addInt64Field("n").build();
    CleanRecords cleaner = CleanRecords.of(s).range("n", 0L, Long.MAX_VALUE);
    Row extra = Row.withSchema(Schema.builder().addInt64Field("n").addStringField("id")
        .addStringField("ignored").build()).addValues(5L, "x", "zzz").build();
    PCollection<Row> out = p
        .apply(Create.of(extra).withRowSchema(extra.getSchema()))
        .apply(cleaner).output();
    // Fields are matched by name; extra input fields are dropped.
    PAssert.that(out).containsInAnyOrder(Row.withSchema(s).addValues("x", 5L).build());
    p.run().waitUntilFinish();
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_unboundedInputIsCleanedAsItArrives() {
    TestStream<Row> events = TestStream.create(CLEAN.inputSchema())
        .addElements(GOOD, raw("t2", "a1", "-1", null, null, null, null, "2026-11-01T10:00:00Z"))
        .advanceWatermarkToInfinity();
    WithFailures.Result<PCollection<Row>, DeadLetter> result = p.apply(events).apply(CLEAN);
    PAssert.that(result.output()).containsInAnyOrder(
        clean("t1", "a1", 12.5, "EUR", "DE", 2L, true, "2026-11-01T10:00:00Z"));
    PAssert.that(result.failures()).containsInAnyOrder(new DeadLetter("clean",
        "field 'amount' is -1.0, below the minimum 0 (rule: range)", "unknown", -1,
        RowJson.toJson(raw("t2", "a1", "-1", null, null, null, null, "2026-11-01T10:00:00Z"))));
    p.run().waitUntilFinish();
  }

  @Test
  public void sparkStreamingRefusesBoundedInputOnly() {
    Pipeline spark = SparkRunnerStandIn.pipeline(true);
    PCollection<Row> bounded = spark.apply(Create.empty(CLEAN.inputSchema()));
    assertEquals("SparkRunnerStandIn in streaming mode fails on CleanRecords over bounded input:"
        + " its ParDos with a dead-letter output hit a NullPointerException in Beam 2.70's Spark"
        + " runner (EvaluationContext.isLeaf). Run bounded input in batch mode (--streaming=false);"
        + " unbounded input works in streaming mode.", buildError(() -> bounded.apply(CLEAN)));
    spark.apply(TestStream.create(CLEAN.inputSchema()).advanceWatermarkToInfinity()).apply(CLEAN);
    SparkRunnerStandIn.pipeline(false).apply(Create.empty(CLEAN.inputSchema())).apply(CLEAN);
  }

  // ---- Mistakes in the cleaner itself fail when it is built or applied, before anything runs.

  private static String buildError(org.junit.function.ThrowingRunnable r) {
    return assertThrows(IllegalArgumentException.class, r).getMessage();
  }

  @Test
  public void unknownFieldIsRefused() {
    assertEquals("'amout' is not a field of the schema [txId, accountId, amount, currency, country,"
        + " items, card, ts]", buildError(() -> CleanRecords.of(TX).require("amout")));
  }

  @Test
  public void conversionMustProduceTheFieldsType() {
    assertEquals("field 'amount' is DOUBLE in the schema; convert to INT64 produces INT64",
        buildError(() -> CleanRecords.of(TX).convert("amount", Conversion.INT64)));
  }

  @Test
  public void rulesMustFitTheFieldsType() {
    assertEquals("a range applies to INT32, INT64 and DOUBLE fields; 'txId' is STRING",
        buildError(() -> CleanRecords.of(TX).range("txId", 0, 1)));
    assertEquals("default value \"x\" (String) does not fit field 'items' of type INT64",
        buildError(() -> CleanRecords.of(TX).fillMissing("items", FillPolicy.defaultValue("x"))));
    assertEquals("allowed values apply to STRING, INT32 and INT64 fields; 'amount' is DOUBLE",
        buildError(() -> CleanRecords.of(TX).allowedValues("amount", 1.0)));
  }

  @Test
  public void aDefaultMustPassItsOwnRules() {
    CleanRecords cleaner = CleanRecords.of(TX).allowedValues("currency", "EUR")
        .fillMissing("currency", FillPolicy.defaultValue("GBP"));
    assertEquals("the default of field 'currency' breaks its own rules: field 'currency' is"
        + " \"GBP\", not one of \"EUR\" (rule: allowed values)", buildError(cleaner::inputSchema));
  }

  @Test
  public void aFieldIsEitherRequiredOrFilled() {
    assertEquals("field 'country' is required; a field is either required or filled",
        buildError(() -> CleanRecords.of(TX).require("country")
            .fillMissing("country", FillPolicy.drop())));
  }

  @Test
  public void lastKnownNeedsARequiredKey() {
    CleanRecords cleaner = CleanRecords.of(TX)
        .fillMissing("country", FillPolicy.lastKnownPerKey("currency"));
    assertEquals("field 'country' is filled per key 'currency', so 'currency' must be required (or"
        + " have a default)", buildError(cleaner::inputSchema));
  }

  @Test
  public void eventTimeMustBeADateTimeField() {
    assertEquals("event time field 'txId' must be DATETIME, is STRING",
        buildError(() -> CleanRecords.of(TX).withEventTime("txId")));
  }

  @Test
  public void maxAgeIsOnlyForLastKnown() {
    assertThrows(IllegalStateException.class,
        () -> FillPolicy.drop().withMaxAge(Duration.standardHours(1)));
  }

  @Test
  public void unsupportedFieldTypesAreRefused() {
    Schema nested = Schema.builder().addArrayField("tags", Schema.FieldType.STRING).build();
    assertEquals("field 'tags' has type ARRAY<STRING NOT NULL> NOT NULL; CleanRecords supports"
        + " [STRING, INT32, INT64, DOUBLE, BOOLEAN, DATETIME]",
        buildError(() -> CleanRecords.of(nested)));
  }

  @Test
  public void inputOfTheWrongShapeIsRefusedWhenApplied() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    Schema wrong = Schema.builder().addStringField("txId").addDoubleField("amount").build();
    PCollection<Row> rows = pipeline.apply(Create.empty(wrong));
    String message = buildError(() -> rows.apply(CLEAN));
    assertEquals("CleanRecords input does not fit: no field 'accountId'; field 'amount' is DOUBLE,"
        + " expected STRING; no field 'currency'; no field 'country'; no field 'items'; no field"
        + " 'card'; no field 'ts' (expected at least txId STRING, accountId STRING, amount STRING,"
        + " currency STRING, country STRING, items STRING, card STRING, ts STRING)", message);
  }

  @Test
  public void lastKnownOnAWindowedInputIsRefused() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    CleanRecords cleaner = CLEAN.fillMissing("country", FillPolicy.lastKnownPerKey("accountId"));
    PCollection<Row> windowed = pipeline
        .apply(Create.empty(cleaner.inputSchema()))
        .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))));
    assertEquals("CleanRecords fills last known values per key [accountId] with state kept per key"
        + " and window, so its input must be in the global window; it is in"
        + " FixedWindows. Apply CleanRecords before Window.into.",
        buildError(() -> windowed.apply(cleaner)));
  }
}
