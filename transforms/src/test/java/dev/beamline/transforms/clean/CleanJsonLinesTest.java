package dev.beamline.transforms.clean;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.parse.InvalidRecordException;
import java.util.ArrayList;
import java.util.List;
import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** JSON Lines to clean rows: JSON typing per field, parse and clean dead letters, the ledger. */
@RunWith(JUnit4.class)
public class CleanJsonLinesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String SRC = "/data/tx/part-1.jsonl";
  private static final Schema TX = CleanRecordsTest.TX;
  /** Amount and time may arrive as text or numbers; items and card must be typed JSON. */
  private static final CleanRecords CLEAN = CleanRecords.of(TX)
      .convert("amount", Conversion.DOUBLE)
      .convert("ts", Conversion.timestamp(
          TimestampFormat.anyOf(TimestampFormat.ISO_8601, TimestampFormat.EPOCH_MILLIS)))
      .range("amount", 0, 1e6)
      .withEventTime("ts");

  private static Row row(String txId, double amount, String currency, Long items, Boolean card,
      long epochMillis) {
    return Row.withSchema(TX).addValues(txId, "a1", amount, currency, null, items, card,
        new Instant(epochMillis)).build();
  }

  private WithFailures.Result<PCollection<Row>, DeadLetter> read(String... lines) {
    List<SourcedLine> in = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      in.add(SourcedLine.of(SRC, i + 1, lines[i]));
    }
    return p.apply(Create.of(in)).apply(CLEAN.fromJsonLines());
  }

  // NotOnSparkStreaming: CleanJsonLines refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void convertedFieldsAcceptTextOrNumbersTypedFieldsOnlyTheirJsonType() {
    WithFailures.Result<PCollection<Row>, DeadLetter> result = read(
        "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":12.5,\"ts\":1762004700250,\"items\":2}",
        "{\"txId\":\"t2\",\"accountId\":\"a1\",\"amount\":\"12.50\",\"ts\":\"2025-11-01T13:45:00Z\","
            + "\"card\":true,\"currency\":null,\"extra\":[1,2]}");

    PAssert.that(result.output().apply(Reify.timestamps())).containsInAnyOrder(
        TimestampedValue.of(row("t1", 12.5, null, 2L, null, 1762004700250L),
            new Instant(1762004700250L)),
        TimestampedValue.of(row("t2", 12.5, null, null, true, 1762004700000L),
            new Instant(1762004700000L)));
    PAssert.that(result.failures()).empty();
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanJsonLines refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void linesThatAreNotObjectsOfTheRightTypesAreParseDeadLetters() {
    String[] bad = {
        "{\"txId\":\"t1\"",
        "[1,2]",
        "{\"txId\":\"t1\",\"txId\":\"t2\"}",
        "{\"txId\":7,\"accountId\":\"a1\",\"amount\":1,\"ts\":0}",
        "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":1,\"ts\":0,\"items\":2.0}",
        "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":1,\"ts\":0,\"card\":\"true\"}",
        "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":{\"value\":1},\"ts\":0}",
        "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":1,\"ts\":0,\"items\":99999999999999999999}",
    };
    WithFailures.Result<PCollection<Row>, DeadLetter> result = read(bad);
    PAssert.that(result.output()).empty();
    PAssert.that(result.failures()).containsInAnyOrder(
        new DeadLetter("parse", "malformed JSON at column 13: Unexpected end-of-input: expected"
            + " close marker for Object", SRC, 1, bad[0]),
        new DeadLetter("parse", "not a JSON object: the line starts with an array", SRC, 2, bad[1]),
        new DeadLetter("parse", "duplicate key: Duplicate field 'txId'", SRC, 3, bad[2]),
        new DeadLetter("parse", "field 'txId' must be a string, got a number", SRC, 4, bad[3]),
        new DeadLetter("parse",
            "field 'items' must be an integer, got a number with a fraction or exponent", SRC, 5,
            bad[4]),
        new DeadLetter("parse", "field 'card' must be a boolean, got a string", SRC, 6, bad[5]),
        new DeadLetter("parse", "field 'amount' must be a string, number or boolean, got an object",
            SRC, 7, bad[6]),
        new DeadLetter("parse",
            "field 'items' is out of range for a 64-bit integer: 99999999999999999999", SRC, 8,
            bad[7]));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanJsonLines refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void badUtf8IsAParseDeadLetter() {
    PAssert.that(p.apply(Create.of(new SourcedLine(SRC, 4, "{\"txId\":\"\uFFFD\"}", true)))
            .apply(CLEAN.fromJsonLines()).failures())
        .containsInAnyOrder(new DeadLetter("parse",
            "invalid UTF-8: the line contains bytes that are not UTF-8", SRC, 4,
            "{\"txId\":\"\uFFFD\"}"));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanJsonLines refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void ruleFailuresAreCleanDeadLettersWithTheOriginalLine() {
    String negative = "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":-3,\"ts\":0}";
    String noAccount = "{\"txId\":\"t2\",\"accountId\":null,\"amount\":3,\"ts\":0}";
    String seconds = "{\"txId\":\"t3\",\"accountId\":\"a1\",\"amount\":3,\"ts\":1762004700.5}";
    WithFailures.Result<PCollection<Row>, DeadLetter> result = read(negative, noAccount, seconds);
    PAssert.that(result.failures()).containsInAnyOrder(
        new DeadLetter("clean", "field 'amount' is -3.0, below the minimum 0 (rule: range)", SRC, 1,
            negative),
        new DeadLetter("clean", "field 'accountId' is missing (rule: required)", SRC, 2, noAccount),
        new DeadLetter("clean", "field 'ts' is not whole epoch milliseconds: \"1762004700.5\" (rule:"
            + " convert to timestamp (ISO-8601 or epoch milliseconds))", SRC, 3, seconds));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: CleanJsonLines refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void countersAddUpToTheLinesIn() {
    read("{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":1,\"ts\":0}",
        "not json",
        "{\"txId\":\"t3\",\"accountId\":\"a1\",\"amount\":-1,\"ts\":0}");
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, counter(run, "beamline", CleanRecords.RECORDS_CLEANED));
    assertEquals(2, counter(run, "beamline", CleanRecords.RECORDS_DEAD_LETTERED));
  }

  @Test
  public void aDateTimeFieldWithoutAFormatIsRefused() {
    assertEquals("field 'ts' is DATETIME and JSON has no timestamp type: declare its format with"
            + " convert(\"ts\", Conversion.timestamp(...))",
        assertThrows(IllegalArgumentException.class, () -> CleanRecords.of(TX).fromJsonLines())
            .getMessage());
  }

  @Test
  public void jsonLineCleanerCleansOneLineOutsideAPipeline() throws Exception {
    JsonLineCleaner cleaner = SerializableUtils.clone(JsonLineCleaner.of(CLEAN));
    assertEquals(row("t1", 2.0, "EUR", null, null, 0L),
        cleaner.clean("{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":2,\"currency\":\"EUR\",\"ts\":0}"));
    assertEquals("field 'amount' is 2000000.0, above the maximum 1000000 (rule: range)",
        assertThrows(InvalidRecordException.class, () -> cleaner.clean(
            "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":2e6,\"ts\":0}")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> JsonLineCleaner.of(
        CLEAN.fillMissing("country", FillPolicy.lastKnownPerKey("accountId"))));
  }

  @Test
  public void aLongListOfAllowedValuesIsShortenedInTheReason() throws Exception {
    JsonLineCleaner cleaner = JsonLineCleaner.of(
        CLEAN.allowedValues("country", (Object[]) java.util.Locale.getISOCountries()));
    String line = "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":2,\"country\":\"UK\",\"ts\":0}";
    assertEquals("field 'country' is \"UK\", not one of the "
            + java.util.Locale.getISOCountries().length + " allowed values (\"AD\", \"AE\", \"AF\","
            + " \"AG\", \"AI\", \"AL\", \"AM\", \"AO\", ...) (rule: allowed values)",
        assertThrows(InvalidRecordException.class, () -> cleaner.clean(line)).getMessage());
  }

  @Test
  public void aCustomConversionReadsTextOrNumbersAndItsResultMeetsTheFieldsRules() throws Exception {
    JsonLineCleaner cleaner = SerializableUtils.clone(JsonLineCleaner.of(CLEAN
        .convert("currency", Conversion.custom("currency code", Schema.TypeName.STRING,
            ConversionTest::currencyCode))
        .allowedValues("currency", "EUR", "USD")));
    assertEquals(row("t1", 2.0, "EUR", null, null, 0L), cleaner.clean(
        "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":2,\"currency\":\"eur\",\"ts\":0}"));
    assertEquals("field 'currency' is not a three-letter currency code: \"840\" (rule: convert to "
            + "currency code)",
        assertThrows(InvalidRecordException.class, () -> cleaner.clean(
            "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":2,\"currency\":840,\"ts\":0}"))
            .getMessage());
    assertEquals("field 'currency' is \"GBP\", not one of \"EUR\", \"USD\" (rule: allowed values)",
        assertThrows(InvalidRecordException.class, () -> cleaner.clean(
            "{\"txId\":\"t1\",\"accountId\":\"a1\",\"amount\":2,\"currency\":\"gbp\",\"ts\":0}"))
            .getMessage());
  }

  @Test
  public void theEventTimeOfALineIsReadByTheCleanersOwnRuleAndNothingElse() throws Exception {
    JsonLineEventTime eventTime = SerializableUtils.clone(CLEAN.jsonLineEventTime());
    // An amount the cleaner would refuse does not matter for the event time...
    assertEquals(new Instant(1762004700250L), eventTime.parse(
        "{\"txId\":\"t1\",\"amount\":-5,\"ts\":1762004700250}"));
    // ...the time is read by the declared formats (ISO-8601 with an offset here).
    assertEquals(new Instant(1762004700000L), eventTime.parse(
        "{\"ts\":\"2025-11-01T14:45:00+01:00\"}"));
    assertEquals("field 'ts' is missing (rule: required)",
        assertThrows(InvalidRecordException.class, () -> eventTime.parse("{\"txId\":\"t1\"}"))
            .getMessage());
    assertEquals("no event time field: call withEventTime(field) first", assertThrows(
        IllegalArgumentException.class, () -> CleanRecords.of(TX).jsonLineEventTime()).getMessage());
  }
}
