package dev.beamline.pipelines.frauddetection;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.io.SourcedLineCoder;
import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.testing.RunnerLimits;
import java.util.Locale;
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
 * The transaction input contract, one bad-line kind per test (the kinds the generator writes and
 * the sample holds), with the exact dead-letter reason; then the transform in a pipeline: stages,
 * file and line of each dead letter, and event timestamps of the clean transactions.
 */
public class CleanTransactionsTest {
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(CleanTransactions.RULES);
  private static final String GOOD = "{\"txId\":\"tx-1\",\"accountId\":\"acc-000001\","
      + "\"amount\":12.50,\"currency\":\"EUR\",\"merchant\":\"Café de Flore\",\"country\":\"FR\","
      + "\"ts\":\"2026-11-02T10:00:00.125Z\"}";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static String reason(String line) {
    return assertThrows(InvalidRecordException.class, () -> CLEANER.clean(line)).getMessage();
  }

  private static String with(String field, String json) {
    return GOOD.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + json);
  }

  @Test
  public void aGoodLineIsATransactionAtItsTimestamp() throws Exception {
    assertEquals(new Transaction("tx-1", "acc-000001", 12.5, "EUR", "Café de Flore", "FR",
        Instant.parse("2026-11-02T10:00:00.125Z").getMillis()), Transaction.fromRow(CLEANER.clean(GOOD)));
  }

  @Test
  public void offsetsEpochMillisAndExtraFieldsAreAccepted() throws Exception {
    long millis = Instant.parse("2026-11-02T10:00:00.125Z").getMillis();
    assertEquals(millis, Transaction.fromRow(CLEANER.clean(
        with("ts", "\"2026-11-02T11:00:00.125+01:00\""))).timestampMillis());
    assertEquals(millis, Transaction.fromRow(CLEANER.clean(
        with("ts", Long.toString(millis)))).timestampMillis());
    assertEquals("tx-1", Transaction.fromRow(CLEANER.clean(
        GOOD.replace("}", ",\"channel\":\"pos\",\"mcc\":5999}"))).txId());
  }

  @Test
  public void cutOffLine() {
    assertEquals("malformed JSON at column 74: Unexpected end-of-input in field name",
        reason(GOOD.substring(0, GOOD.length() / 2)));
  }

  @Test
  public void amountWithADecimalCommaAsText() {
    assertEquals("field 'amount' must be a number, got a string", reason(with("amount", "\"12,50\"")));
  }

  @Test
  public void negativeAmount() {
    assertEquals("field 'amount' is -12.5, below the minimum 0.01 (rule: range)",
        reason(with("amount", "-12.50")));
  }

  @Test
  public void countryThatIsNotAnIsoCode() {
    assertEquals("field 'country' is \"UK\", not one of the " + Locale.getISOCountries().length
        + " allowed values (\"AD\", \"AE\", \"AF\", \"AG\", \"AI\", \"AL\", \"AM\", \"AO\", ...)"
        + " (rule: allowed values)", reason(with("country", "\"UK\"")));
  }

  @Test
  public void currencySymbolInsteadOfAnIsoCode() {
    String[] codes = CleanTransactions.isoCurrencies();
    assertEquals("field 'currency' is \"€\", not one of the " + codes.length + " allowed values (\""
        + String.join("\", \"", java.util.Arrays.copyOf(codes, 8)) + "\", ...) (rule: allowed values)",
        reason(with("currency", "\"€\"")));
  }

  @Test
  public void missingMerchant() {
    assertEquals("field 'merchant' is missing (rule: required)",
        reason(GOOD.replace(",\"merchant\":\"Café de Flore\"", "")));
  }

  @Test
  public void emptyTxId() {
    assertEquals("field 'txId' is missing (rule: required)", reason(with("txId", "\"\"")));
  }

  @Test
  public void localTimeWithoutAnOffset() {
    assertEquals("field 'ts' is not a timestamp in any accepted format (ISO-8601 or epoch"
        + " milliseconds): \"2026-11-02 10:00:00\" (rule: convert to timestamp (ISO-8601 or epoch"
        + " milliseconds))",
        reason(with("ts", "\"2026-11-02 10:00:00\"")));
  }

  @Test
  public void notANumberLiteral() {
    assertEquals("malformed JSON at column 53: Non-standard token 'NaN'",
        reason(with("amount", "NaN")));
  }

  @Test
  public void theAmountTwice() {
    assertEquals("duplicate key: Duplicate field 'amount'",
        reason(with("amount", "12.50,\"amount\":12.50")));
  }

  @Test
  public void emptyLine() {
    assertEquals("empty line", reason(""));
  }

  // NotOnSparkStreaming: CleanJsonLines refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void inAPipelineBadLinesKeepTheirFileLineAndStageAndGoodOnesTheirEventTime() {
    String negative = with("amount", "-1");
    String notJson = "{\"txId\":";
    PCollection<SourcedLine> lines = p.apply(Create.of(
        new SourcedLine("in.jsonl", 1, GOOD, false),
        new SourcedLine("in.jsonl", 2, notJson, false),
        new SourcedLine("in.jsonl", 3, negative, false)).withCoder(SourcedLineCoder.of()));

    WithFailures.Result<PCollection<Transaction>, DeadLetter> r =
        lines.apply(CleanTransactions.create());

    PAssert.that(r.output().apply(Reify.timestamps())).containsInAnyOrder(TimestampedValue.of(
        new Transaction("tx-1", "acc-000001", 12.5, "EUR", "Café de Flore", "FR",
            Instant.parse("2026-11-02T10:00:00.125Z").getMillis()),
        Instant.parse("2026-11-02T10:00:00.125Z")));
    PAssert.that(r.failures()).containsInAnyOrder(
        new DeadLetter("parse", reason(notJson), "in.jsonl", 2, notJson),
        new DeadLetter("clean", "field 'amount' is -1.0, below the minimum 0.01 (rule: range)",
            "in.jsonl", 3, negative));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "beamline", "records_cleaned"));
    assertEquals(2, counter(result, "beamline", "records_dead_lettered"));
  }
}
