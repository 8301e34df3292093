package dev.beamline.pipelines.frauddetection;

import static dev.beamline.pipelines.frauddetection.Transactions.T0;
import static dev.beamline.pipelines.frauddetection.Transactions.at;
import static dev.beamline.pipelines.frauddetection.Transactions.tx;
import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.join.JoinedPair;
import dev.beamline.transforms.join.JoinedPairCoder;
import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * The per-account rules under event-time scenarios, named by lateness case: on time (in order,
 * shuffled, ties), late behind the watermark but not behind the account, late for the account, and
 * an account idle past its timeout. Alpha 0.5 and small amounts keep the moments exact: after 10
 * and 12 the mean is 11 and the variance 1, so 20 is 9 standard deviations out.
 */
public class FraudRulesTest {
  private static final KvCoder<String, JoinedPair<Transaction, Row>> CODER = KvCoder.of(
      StringUtf8Coder.of(),
      JoinedPairCoder.of(TransactionCoder.of(), RowCoder.of(AccountProfiles.SCHEMA)));
  private static final Row PROFILE_A = Row.withSchema(AccountProfiles.SCHEMA)
      .addValues("a", "DE", "EUR", 5000.0).build();
  private static final String PROFILE_A_JSON =
      "{\"homeCountry\":\"DE\",\"currency\":\"EUR\",\"cardLimit\":5000.0}";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Velocity: more than 2 in 10 minutes sliding by 1; country change within an hour. */
  private static FraudRules rules() {
    return FraudRules.of(AmountAnomalyRule.of(0.5, 3, 2),
        VelocityRule.of(Duration.standardMinutes(10), Duration.standardMinutes(1), 2),
        CountryChangeRule.within(Duration.standardHours(1)))
        .withAccountIdleTimeout(Duration.standardHours(1));
  }

  /** Account a's transactions come with its profile; other accounts have none. */
  private static TimestampedValue<KV<String, JoinedPair<Transaction, Row>>> in(Transaction t) {
    JoinedPair<Transaction, Row> pair = t.accountId().equals("a")
        ? JoinedPair.of(t, PROFILE_A) : JoinedPair.leftOnly(t);
    return TimestampedValue.of(KV.of(t.accountId(), pair), t.timestamp());
  }

  private static TestStream.Builder<KV<String, JoinedPair<Transaction, Row>>> stream() {
    return TestStream.create(CODER).advanceWatermarkTo(T0);
  }

  private WithFailures.Result<PCollection<FraudAlert>, DeadLetter> score(
      TestStream<KV<String, JoinedPair<Transaction, Row>>> events) {
    return p.apply(events).apply(rules());
  }

  private static PCollection<String> json(PCollection<FraudAlert> alerts) {
    return alerts.apply("ToJson",
        MapElements.into(TypeDescriptors.strings()).via(FraudAlert::toJson));
  }

  private static final Transaction T1 = tx("t1", "a", 0, 10, "DE");
  private static final Transaction T2 = tx("t2", "a", 60, 12, "DE");
  private static final Transaction T3 = tx("t3", "a", 120, 20, "DE");
  private static final Transaction T4 = tx("t4", "a", 180, 100, "MX");

  /** t3: 9 stddev out and the 3rd in 10 minutes; t4: far out, the 4th, and in Mexico. */
  private static final String[] ALERTS_T3_T4 = {
      "{\"txId\":\"t3\",\"accountId\":\"a\",\"amount\":20.0,\"currency\":\"EUR\",\"merchant\":\"Lidl\","
          + "\"country\":\"DE\",\"ts\":\"2026-11-02T10:02:00.000Z\","
          + "\"rules\":[\"AMOUNT_ANOMALY\",\"VELOCITY\"],\"evidence\":{"
          + "\"AMOUNT_ANOMALY\":{\"mean\":11.0,\"stddev\":1.0,\"zScore\":9.0,\"previousTransactions\":2},"
          + "\"VELOCITY\":{\"windowStart\":\"2026-11-02T09:53:00.000Z\",\"windowEnd\":"
          + "\"2026-11-02T10:03:00.000Z\",\"transactions\":3,\"limit\":2}},"
          + "\"profile\":" + PROFILE_A_JSON + "}",
      "{\"txId\":\"t4\",\"accountId\":\"a\",\"amount\":100.0,\"currency\":\"EUR\",\"merchant\":\"Lidl\","
          + "\"country\":\"MX\",\"ts\":\"2026-11-02T10:03:00.000Z\","
          + "\"rules\":[\"AMOUNT_ANOMALY\",\"VELOCITY\",\"COUNTRY_CHANGE\"],\"evidence\":{"
          + "\"AMOUNT_ANOMALY\":{\"mean\":15.5,\"stddev\":" + Math.sqrt(20.75) + ",\"zScore\":"
          + (84.5 / Math.sqrt(20.75)) + ",\"previousTransactions\":3},"
          + "\"VELOCITY\":{\"windowStart\":\"2026-11-02T09:54:00.000Z\",\"windowEnd\":"
          + "\"2026-11-02T10:04:00.000Z\",\"transactions\":4,\"limit\":2},"
          + "\"COUNTRY_CHANGE\":{\"previousTxId\":\"t3\",\"previousCountry\":\"DE\",\"previousTs\":"
          + "\"2026-11-02T10:02:00.000Z\",\"secondsSincePrevious\":60.0}},"
          + "\"profile\":" + PROFILE_A_JSON + "}"};

  // NotOnSparkStreaming: FraudRules refuses the SparkRunner in streaming mode at construction: it keeps per-account state in event-time order with event-time timers, which Spark streaming does not have in stateful DoFns (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeInOrderTransactionsGiveOneAlertPerTransactionListingEveryRule() {
    TestStream<KV<String, JoinedPair<Transaction, Row>>> events = stream()
        .addElements(in(T1), in(T2))
        .advanceWatermarkTo(at(90))
        .addElements(in(T3), in(T4))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<FraudAlert>, DeadLetter> r = score(events);

    PAssert.that(json(r.output())).containsInAnyOrder(ALERTS_T3_T4);
    PAssert.that(r.failures()).empty();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(4, counter(result, "beamline", "transactions_scored"));
    assertEquals(2, counter(result, "beamline", "alerts_raised"));
    assertEquals(2, counter(result, "beamline", "fired_amount_anomaly"));
    assertEquals(2, counter(result, "beamline", "fired_velocity"));
    assertEquals(1, counter(result, "beamline", "fired_country_change"));
  }

  // NotOnSparkStreaming: FraudRules refuses the SparkRunner in streaming mode at construction: it keeps per-account state in event-time order with event-time timers, which Spark streaming does not have in stateful DoFns (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeShuffledTransactionsGiveExactlyTheInOrderAlerts() {
    // The "previous" transaction of t4 is t3 by event time, although t3 arrives last.
    TestStream<KV<String, JoinedPair<Transaction, Row>>> events = stream()
        .addElements(in(T4), in(T2))
        .addElements(in(T1))
        .addElements(in(T3))
        .advanceWatermarkToInfinity();

    PAssert.that(json(score(events).output())).containsInAnyOrder(ALERTS_T3_T4);
    p.run();
  }

  // NotOnSparkStreaming: FraudRules refuses the SparkRunner in streaming mode at construction: it keeps per-account state in event-time order with event-time timers, which Spark streaming does not have in stateful DoFns (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeAlertsCarryTheirTransactionsEventTime() {
    TestStream<KV<String, JoinedPair<Transaction, Row>>> events = stream()
        .addElements(in(T4), in(T3), in(T2), in(T1))
        .advanceWatermarkToInfinity();

    PCollection<String> txIdsAndTimes = score(events).output()
        .apply(Reify.timestamps())
        .apply(MapElements.into(TypeDescriptors.strings())
            .via(tv -> tv.getValue().transaction().txId() + "@" + tv.getTimestamp()));
    PAssert.that(txIdsAndTimes).containsInAnyOrder(
        "t3@2026-11-02T10:02:00.000Z", "t4@2026-11-02T10:03:00.000Z");
    p.run();
  }

  // NotOnSparkStreaming: FraudRules refuses the SparkRunner in streaming mode at construction: it keeps per-account state in event-time order with event-time timers, which Spark streaming does not have in stateful DoFns (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeTransactionsAtTheSameInstantAreTakenInTxIdOrder() {
    // tB arrives before tA, both at 10:01: tA (FR) is the previous transaction of tB (MX).
    TestStream<KV<String, JoinedPair<Transaction, Row>>> events = stream()
        .addElements(in(tx("t0", "b", 0, 10, "DE")))
        .addElements(in(tx("tB", "b", 60, 10, "MX")))
        .addElements(in(tx("tA", "b", 60, 10, "FR")))
        .advanceWatermarkToInfinity();

    PCollection<String> changes = score(events).output().apply(MapElements
        .into(TypeDescriptors.strings())
        .via(a -> a.transaction().txId() + ": " + a.evidence().get(FraudRule.COUNTRY_CHANGE)));
    PAssert.that(changes).containsInAnyOrder(
        "tA: {\"previousTxId\":\"t0\",\"previousCountry\":\"DE\",\"previousTs\":"
            + "\"2026-11-02T10:00:00.000Z\",\"secondsSincePrevious\":60.0}",
        "tB: {\"previousTxId\":\"tA\",\"previousCountry\":\"FR\",\"previousTs\":"
            + "\"2026-11-02T10:01:00.000Z\",\"secondsSincePrevious\":0.0}");
    p.run();
  }

  // NotOnSparkStreaming: FraudRules refuses the SparkRunner in streaming mode at construction: it keeps per-account state in event-time order with event-time timers, which Spark streaming does not have in stateful DoFns (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeATransactionWithoutAProfileIsScoredAndItsAlertSaysSo() {
    TestStream<KV<String, JoinedPair<Transaction, Row>>> events = stream()
        .addElements(in(tx("u1", "nobody", 0, 10, "DE")), in(tx("u2", "nobody", 60, 10, "PL")))
        .advanceWatermarkToInfinity();

    PAssert.that(json(score(events).output())).containsInAnyOrder(
        "{\"txId\":\"u2\",\"accountId\":\"nobody\",\"amount\":10.0,\"currency\":\"EUR\","
            + "\"merchant\":\"Lidl\",\"country\":\"PL\",\"ts\":\"2026-11-02T10:01:00.000Z\","
            + "\"rules\":[\"COUNTRY_CHANGE\"],\"evidence\":{\"COUNTRY_CHANGE\":{\"previousTxId\":"
            + "\"u1\",\"previousCountry\":\"DE\",\"previousTs\":\"2026-11-02T10:00:00.000Z\","
            + "\"secondsSincePrevious\":60.0}},\"profile\":null}");
    p.run();
  }

  // NotOnSparkStreaming: FraudRules refuses the SparkRunner in streaming mode at construction: it keeps per-account state in event-time order with event-time timers, which Spark streaming does not have in stateful DoFns (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateBehindTheWatermarkButNotBehindItsAccountIsStillScored() {
    TestStream<KV<String, JoinedPair<Transaction, Row>>> events = stream()
        .addElements(in(tx("l1", "c", 0, 10, "DE")))
        .advanceWatermarkTo(at(300))
        .addElements(in(tx("l2", "c", 200, 10, "AT"))) // 100 s behind the watermark
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<FraudAlert>, DeadLetter> r = score(events);

    PAssert.that(r.output().apply(MapElements.into(TypeDescriptors.strings())
        .via(a -> a.transaction().txId() + " " + a.rules()))).containsInAnyOrder(
        "l2 [COUNTRY_CHANGE]");
    PAssert.that(r.failures()).empty();
    p.run();
  }

  // NotOnSparkStreaming: FraudRules refuses the SparkRunner in streaming mode at construction: it keeps per-account state in event-time order with event-time timers, which Spark streaming does not have in stateful DoFns (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateForItsAccountIsADeadLetterWithTheTransactionAndChangesNoAlert() {
    Transaction late = tx("l0", "c", 50, 10, "MX");
    TestStream<KV<String, JoinedPair<Transaction, Row>>> events = stream()
        .addElements(in(tx("l1", "c", 100, 10, "DE")))
        .advanceWatermarkTo(at(300)) // l1 is scored
        .addElements(in(late))        // before l1: it would rewrite l1's "previous transaction"
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<FraudAlert>, DeadLetter> r = score(events);

    PAssert.that(r.output()).empty();
    PAssert.that(r.failures()).containsInAnyOrder(new DeadLetter("fraud-rules",
        "late for key: event time 2026-11-02T10:00:50.000Z is before the key's last folded event"
            + " time 2026-11-02T10:01:40.000Z",
        "c", -1, "{\"key\":\"c\",\"eventTime\":\"2026-11-02T10:00:50.000Z\",\"value\":"
            + late.toJson() + "}"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "beamline", "late_for_key"));
    assertEquals(1, counter(result, "beamline", "transactions_scored"));
  }

  // NotOnSparkStreaming: FraudRules refuses the SparkRunner in streaming mode at construction: it keeps per-account state in event-time order with event-time timers, which Spark streaming does not have in stateful DoFns (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeAnAccountIdleLongerThanTheTimeoutIsForgottenAndWarmsUpAgain() {
    // 20 would be 9 stddev out after 10 and 12, but 2 hours later the account starts afresh.
    TestStream<KV<String, JoinedPair<Transaction, Row>>> events = stream()
        .addElements(in(tx("i1", "d", 0, 10, "DE")), in(tx("i2", "d", 60, 12, "DE")))
        .advanceWatermarkTo(at(7200))
        .addElements(in(tx("i3", "d", 7200, 20, "FR")))
        .advanceWatermarkToInfinity();

    PAssert.that(score(events).output()).empty();
    p.run();
  }

  @Test
  public void anIdleTimeoutShorterThanARuleHorizonIsRefused() {
    IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class,
        () -> rules().withAccountIdleTimeout(Duration.standardMinutes(30)));
    assertEquals("the account idle timeout (30m) must be at least the longest rule horizon (1h):"
        + " an account would be forgotten while a rule still needs its past", e.getMessage());
  }
}
