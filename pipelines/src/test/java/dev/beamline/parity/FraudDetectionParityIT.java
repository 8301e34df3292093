package dev.beamline.parity;

import static dev.beamline.parity.ParityRuns.REFERENCE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import dev.beamline.testing.BundleRun;
import dev.beamline.testing.JsonLinesOutput;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * fraud-detection on every runner, as a user runs it (the bundle in its own JVM): Direct, Flink
 * batch, Flink streaming and Spark batch give the same alerts (one per suspicious transaction, with
 * the same rules, evidence and profile) and the same dead letters, over the sample with bad lines,
 * repeated lines and out-of-order transactions. Spark in streaming mode cannot run the pipeline
 * (no event-time timers in stateful DoFns): the launcher refuses it before anything runs.
 *
 * <p>Each runner runs once for the whole class. Alerts have no panes: every alert is final when
 * written, since the per-account rules emit once the watermark has passed the transaction.
 */
public class FraudDetectionParityIT {
  static final String BALANCED_LEDGER =
      "ledger                 lines_read 1500 = records_cleaned 1482 + records_dead_lettered 18  OK";
  static final String EVERY_TRANSACTION_ACCOUNTED_FOR = "ledger                 records_cleaned 1482"
      + " = duplicates_dropped 21 + profile_misses_dead_lettered 0 + late_for_key 0"
      + " + transactions_scored 1461  OK";

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static ParityRuns runs;
  private static Map<String, JsonLinesOutput> alerts;

  @BeforeClass
  public static void runEveryRunnerOnce() throws Exception {
    runs = ParityRuns.onEveryRunnerAndSparkStreaming(TMP, "fraud-detection",
        "--accounts=" + BundleRun.home() + "/testdata/fraud-detection/accounts.jsonl");
    alerts = runs.results(List.of("txId"));
  }

  @Test
  public void directRunnerFindsEveryInjectedPattern() throws Exception {
    assertEquals(26, alerts.get(REFERENCE).finalResults.size());
    String stdout = runs.stdout(REFERENCE);
    assertThat(stdout, containsString(BALANCED_LEDGER));
    assertThat(stdout, containsString("fired_amount_anomaly   13"));
    assertThat(stdout, containsString("fired_velocity         4"));
    assertThat(stdout, containsString("fired_country_change   12"));
    // 18 input lines, 4 profile lines
    assertEquals(22, runs.deadLetters().get(REFERENCE).size());
  }

  @Test
  public void everyRunnerGivesTheSameAlerts() {
    ParityRuns.assertSameFinalResults(alerts, Set.of(), "alerts");
  }

  @Test
  public void everyRunnerGivesTheSameDeadLetters() throws Exception {
    runs.assertSameDeadLetters();
  }

  @Test
  public void everyRunnerBalancesItsLedgerAndCountsTheSame() {
    runs.assertEverySummaryContains(BALANCED_LEDGER, EVERY_TRANSACTION_ACCOUNTED_FOR,
        "alerts_written         26", "dead_letters_written   22", "late_data_written      0");
  }

  @Test
  public void sparkStreamingIsRefusedAtStartUpWithTheReason() {
    BundleRun sparkStreaming = runs.sparkStreaming();
    assertEquals(sparkStreaming.toString(), 2, sparkStreaming.exitCode);
    assertEquals("beamline: SparkRunner in streaming mode cannot run fraud-detection:"
        + " deduplication and the per-account rules need event-time timers in stateful DoFns, which"
        + " it does not support. Use --streaming=false on Spark, or --profile=flink-local"
        + " --streaming=true.\n", sparkStreaming.stderr);
  }
}
