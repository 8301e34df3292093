package dev.beamline.parity;

import static dev.beamline.parity.ParityRuns.REFERENCE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.beamline.testing.JsonLinesOutput;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * traffic-top-talkers on every runner, from the bundle as {@code ./beamline run} runs it, over
 * its sample (2,400 flows, bad lines of 14 kinds, 30 s of disorder; sliding 5-minute windows every
 * minute): the same rankings, protocol totals, port-scan suspects and dead letters on Direct,
 * Flink batch, Flink streaming and Spark batch; and a clear refusal from the SparkRunner in
 * streaming mode, which cannot split off late data. One run per runner for the class.
 */
public class TrafficTopTalkersParityIT {
  /** Each output of the pipeline (a folder under results) and the fields that identify a result. */
  private static final Map<String, List<String>> OUTPUT_KEYS = Map.of(
      "top-talkers", List.of("windowStart", "windowEnd"),
      "protocol-totals", List.of("protocol", "windowStart", "windowEnd"),
      "port-scan-suspects", List.of("srcIp", "windowStart", "windowEnd"));
  /** Counts are exact longs: nothing is compared with a tolerance. */
  private static final Set<String> APPROXIMATE = Set.of();

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static ParityRuns runs;
  /** Output, then runner. */
  private static final Map<String, Map<String, JsonLinesOutput>> OUTPUTS = new TreeMap<>();

  @BeforeClass
  public static void runEveryRunnerOnce() throws Exception {
    runs = ParityRuns.onEveryRunnerAndSparkStreaming(TMP, "traffic-top-talkers");
    for (Map.Entry<String, List<String>> o : OUTPUT_KEYS.entrySet()) {
      OUTPUTS.put(o.getKey(), runs.results(o.getKey(), o.getValue()));
    }
  }

  @Test
  public void directRunnerGivesTheExpectedShapeOfResults() throws Exception {
    // 20 minutes of flows in 5-minute windows sliding every minute: 24 windows.
    assertEquals(24, OUTPUTS.get("top-talkers").get(REFERENCE).finalResults.size());
    // The burst scanner's two bursts (minutes 3-5 and 18-20), each seen by the windows covering
    // it; the slow scanner stays below 100 ports per window.
    JsonLinesOutput suspects = OUTPUTS.get("port-scan-suspects").get(REFERENCE);
    assertEquals(8, suspects.finalResults.size());
    for (String key : suspects.finalResults.keySet()) {
      assertTrue(key, key.startsWith("203.0.113.66|"));
    }
    assertEquals(22, runs.deadLetters().get(REFERENCE).size());
  }

  @Test
  public void everyRunnerGivesTheSameResultsAndDeadLetters() throws Exception {
    for (Map.Entry<String, Map<String, JsonLinesOutput>> o : OUTPUTS.entrySet()) {
      ParityRuns.assertSameFinalResults(o.getValue(), APPROXIMATE, o.getKey());
    }
    runs.assertSameDeadLetters();
  }

  @Test
  public void everyRunnerBalancesItsLedger() {
    runs.assertEverySummaryContains(
        "lines_read 2400 = records_cleaned 2378 + records_dead_lettered 22  OK",
        // A file has no droppably-late data in any mode: every clean flow reaches its windows.
        "records_cleaned 2378 = windowed_events 2378 + dropped_late 0  OK");
  }

  /**
   * Flink batch reports every pane's timing as UNKNOWN; Spark batch does so for the ranking (a
   * Combine.globally downstream of a per-key combine), ON_TIME for the per-key results.
   */
  @Test
  public void everyResultIsItsWindowsOnlyPaneTimedAsTheRunnerReportsIt() {
    for (Map.Entry<String, Map<String, JsonLinesOutput>> o : OUTPUTS.entrySet()) {
      boolean ranking = o.getKey().equals("top-talkers");
      ParityRuns.assertOnePanePerResult(o.getValue(),
          runner -> runner.equals("flink-batch") || ranking && runner.equals("spark-batch")
              ? "UNKNOWN" : "ON_TIME", o.getKey());
    }
  }

  @Test
  public void sparkStreamingIsRefusedWithTheReason() {
    runs.assertSparkStreamingRefused("beamline: SplitLateData cannot run on SparkRunner in "
        + "streaming mode: it reads the watermark through an event-time timer, which the Spark "
        + "runner does not support in streaming (apache/beam#33237)");
  }
}
