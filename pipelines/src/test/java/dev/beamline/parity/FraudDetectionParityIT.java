package dev.beamline.parity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import dev.beamline.testing.BundleRun;
import dev.beamline.testing.JsonLinesOutput;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
  private static final String[][] VARIANTS = {
      {"direct"},
      {"flink-batch", "--profile=flink-local"},
      {"flink-streaming", "--profile=flink-local", "--streaming=true"},
      {"spark-batch", "--profile=spark-local"},
  };
  static final String BALANCED_LEDGER =
      "ledger                 lines_read 1500 = records_cleaned 1482 + records_dead_lettered 18  OK";
  static final String EVERY_TRANSACTION_ACCOUNTED_FOR = "ledger                 records_cleaned 1482"
      + " = duplicates_dropped 21 + profile_misses_dead_lettered 0 + late_for_key 0"
      + " + transactions_scored 1461  OK";

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Map<String, JsonLinesOutput> ALERTS = new TreeMap<>();
  private static final Map<String, List<String>> DEAD_LETTERS = new TreeMap<>();
  private static final Map<String, String> STDOUTS = new TreeMap<>();
  private static BundleRun sparkStreaming;

  private static List<String> args(File dir, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "fraud-detection",
        "--input=" + BundleRun.home() + "/testdata/fraud-detection/sample.jsonl",
        "--accounts=" + BundleRun.home() + "/testdata/fraud-detection/accounts.jsonl",
        "--output=" + dir + "/alerts", "--deadLetters=" + dir + "/dead-letters",
        "--lateData=" + dir + "/late-data"));
    args.addAll(Arrays.asList(more));
    return args;
  }

  @BeforeClass
  public static void runEveryVariantOnce() throws Exception {
    for (String[] v : VARIANTS) {
      File dir = TMP.newFolder(v[0]);
      List<String> args = args(dir, Arrays.copyOfRange(v, 1, v.length));
      BundleRun run = BundleRun.launch(dir, args.toArray(new String[0]));
      assertEquals(v[0] + ": " + run, 0, run.exitCode);
      STDOUTS.put(v[0], run.stdout);
      Path out = dir.toPath();
      ALERTS.put(v[0], JsonLinesOutput.read(out.resolve("alerts"), List.of("txId")));
      DEAD_LETTERS.put(v[0], JsonLinesOutput.lines(out.resolve("dead-letters")));
    }
    File dir = TMP.newFolder("spark-streaming");
    sparkStreaming = BundleRun.launch(dir,
        args(dir, "--profile=spark-local", "--streaming=true").toArray(new String[0]));
  }

  @Test
  public void directRunnerFindsEveryInjectedPattern() {
    JsonLinesOutput direct = ALERTS.get("direct");
    assertEquals(26, direct.finalResults.size());
    String stdout = STDOUTS.get("direct");
    assertThat(stdout, containsString(BALANCED_LEDGER));
    assertThat(stdout, containsString("fired_amount_anomaly   13"));
    assertThat(stdout, containsString("fired_velocity         4"));
    assertThat(stdout, containsString("fired_country_change   12"));
    assertEquals(22, DEAD_LETTERS.get("direct").size()); // 18 input lines, 4 profile lines
  }

  @Test
  public void everyRunnerGivesTheSameAlerts() {
    for (Map.Entry<String, JsonLinesOutput> e : ALERTS.entrySet()) {
      e.getValue().assertSameFinalResultsAs(ALERTS.get("direct"), Set.of(), e.getKey());
    }
  }

  @Test
  public void everyRunnerGivesTheSameDeadLetters() {
    for (Map.Entry<String, List<String>> e : DEAD_LETTERS.entrySet()) {
      assertEquals(e.getKey(), DEAD_LETTERS.get("direct"), e.getValue());
    }
  }

  @Test
  public void everyRunnerBalancesItsLedgerAndCountsTheSame() {
    for (Map.Entry<String, String> e : STDOUTS.entrySet()) {
      assertThat(e.getKey(), e.getValue(), containsString(BALANCED_LEDGER));
      assertThat(e.getKey(), e.getValue(), containsString(EVERY_TRANSACTION_ACCOUNTED_FOR));
      assertThat(e.getKey(), e.getValue(), containsString("alerts_written         26"));
      assertThat(e.getKey(), e.getValue(), containsString("dead_letters_written   22"));
      assertThat(e.getKey(), e.getValue(), containsString("late_data_written      0"));
    }
  }

  @Test
  public void sparkStreamingIsRefusedAtStartUpWithTheReason() {
    assertEquals(sparkStreaming.toString(), 2, sparkStreaming.exitCode);
    assertEquals("beamline: SparkRunner in streaming mode cannot run fraud-detection:"
        + " deduplication and the per-account rules need event-time timers in stateful DoFns, which"
        + " it does not support. Use --streaming=false on Spark, or --profile=flink-local"
        + " --streaming=true.\n", sparkStreaming.stderr);
  }
}
