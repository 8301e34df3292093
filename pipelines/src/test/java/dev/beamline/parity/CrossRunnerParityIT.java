package dev.beamline.parity;

import static dev.beamline.parity.ParityRuns.REFERENCE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import dev.beamline.testing.JsonLinesOutput;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * One artifact, three runners, same answers: runs the bundle exactly as {@code ./beamline run} does
 * (a separate JVM per run) on the sample with bad lines, on Direct, Flink batch, Flink streaming
 * and Spark local[2], and compares final results row for row and dead letters line for line.
 *
 * <p>Each runner runs once for the whole class (JVM and runner start-up dominate). Pane metadata
 * legitimately differs: Flink's batch mode reports pane timing UNKNOWN, the others ON_TIME.
 */
public class CrossRunnerParityIT {
  private static final List<String> KEY = List.of("sensorId", "windowStart", "windowEnd");
  /** Runners merge partial accumulators in different orders, which moves the last bits. */
  private static final Set<String> APPROXIMATE = Set.of("mean", "stddev");
  static final String BALANCED_LEDGER =
      "ledger                 lines_read 1464 = valid_events 1438 + dead_letters 26  OK";

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static ParityRuns runs;
  private static Map<String, JsonLinesOutput> statistics;

  @BeforeClass
  public static void runEveryRunnerOnce() throws Exception {
    runs = ParityRuns.onEveryRunner(TMP, "sensor-stats");
    statistics = runs.results(KEY);
  }

  @Test
  public void directRunnerGivesTheExpectedShapeOfResults() throws Exception {
    // 8 sensors x 15 one-minute windows in the sample.
    assertEquals(120, statistics.get(REFERENCE).finalResults.size());
    assertEquals(26, runs.deadLetters().get(REFERENCE).size());
    assertThat(runs.stdout(REFERENCE), containsString(BALANCED_LEDGER));
  }

  @Test
  public void everyRunnerGivesTheSameFinalStatisticsAndDeadLetters() throws Exception {
    ParityRuns.assertSameFinalResults(statistics, APPROXIMATE, "statistics");
    runs.assertSameDeadLetters();
  }

  @Test
  public void everyRunnerBalancesItsLedger() {
    runs.assertEverySummaryContains(BALANCED_LEDGER, "results_written        120",
        // A file has no droppably-late data in any mode: every valid event reaches a window.
        "ledger                 valid_events 1438 = windowed_events 1438 + dropped_late 0  OK");
  }

  @Test
  public void paneMetadataIsOnTimeExceptInFlinkBatchWhichReportsUnknown() {
    ParityRuns.assertOnePanePerResult(statistics,
        runner -> runner.equals("flink-batch") ? "UNKNOWN" : "ON_TIME", "statistics");
  }
}
