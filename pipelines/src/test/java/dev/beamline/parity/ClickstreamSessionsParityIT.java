package dev.beamline.parity;

import static dev.beamline.parity.ParityRuns.REFERENCE;
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
 * clickstream-sessions on every runner, from the bundle as {@code ./beamline run} runs it, over its
 * sample (1,500 events of 60 users, bad lines of 14 kinds, 2 minutes of disorder; 30-minute
 * sessions): session windows merge, and every runner that runs them must merge them alike. Same
 * sessions and dead letters on Direct, Flink batch, Flink streaming and Spark batch; a clear
 * refusal from the SparkRunner in streaming mode, which cannot split off late data. One run per
 * runner for the class.
 */
public class ClickstreamSessionsParityIT {
  /** A session is identified by its user and its first event; its end tells merged from not. */
  private static final List<String> KEY = List.of("userId", "sessionStart", "sessionEnd");

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static ParityRuns runs;
  private static Map<String, JsonLinesOutput> sessions;

  @BeforeClass
  public static void runEveryRunnerOnce() throws Exception {
    runs = ParityRuns.onEveryRunnerAndSparkStreaming(TMP, "clickstream-sessions");
    sessions = runs.results(KEY);
  }

  @Test
  public void directRunnerGivesTheExpectedShapeOfResults() throws Exception {
    JsonLinesOutput direct = sessions.get(REFERENCE);
    assertEquals(186, direct.finalResults.size());
    long converted = direct.finalResults.values().stream()
        .filter(s -> s.get("converted").asBoolean()).count();
    assertEquals(35, converted);
    assertEquals(14, runs.deadLetters().get(REFERENCE).size());
  }

  @Test
  public void everyRunnerMergesTheSameSessionsAndKeepsTheSameDeadLetters() throws Exception {
    ParityRuns.assertSameFinalResults(sessions, Set.of(), "sessions");
    runs.assertSameDeadLetters();
  }

  @Test
  public void everyRunnerBalancesItsLedger() {
    runs.assertEverySummaryContains(
        "lines_read 1500 = records_cleaned 1486 + records_dead_lettered 14  OK",
        "records_cleaned 1486 = windowed_events 1486 + dropped_late 0  OK",
        "sessions_written       186");
  }

  /** Flink batch and Spark batch (merging windows) report pane timing UNKNOWN. */
  @Test
  public void everySessionIsItsWindowsOnlyPaneTimedAsTheRunnerReportsIt() {
    ParityRuns.assertOnePanePerResult(sessions,
        runner -> runner.endsWith("-batch") ? "UNKNOWN" : "ON_TIME", "sessions");
  }

  @Test
  public void sparkStreamingIsRefusedWithTheReason() {
    runs.assertSparkStreamingRefused("beamline: SplitLateData cannot run on SparkRunner in "
        + "streaming mode: it reads the watermark through an event-time timer, which the Spark "
        + "runner does not support in streaming (apache/beam#33237)");
  }
}
