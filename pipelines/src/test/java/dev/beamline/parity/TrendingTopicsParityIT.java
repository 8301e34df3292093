package dev.beamline.parity;

import static dev.beamline.parity.ParityRuns.REFERENCE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beamline.testing.JsonLinesOutput;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * trending-topics on every runner over its sample (Unicode hashtags in several spellings, resent
 * posts, bad lines, a post eight minutes out of order), with sliding windows of 3 minutes every
 * minute: the bundle runs once per runner, as {@code ./beamline run} does, and the final rankings
 * and the dead letters must be the same everywhere. Spark in streaming mode is refused at start-up
 * (exit code 2: deduplication needs event-time timers) and the test records that.
 */
public class TrendingTopicsParityIT {
  private static final List<String> KEY = List.of("windowStart", "windowEnd");
  static final String BALANCED_LEDGER = "ledger                 lines_read 2009 = records_cleaned "
      + "1983 + records_dead_lettered 26  OK";
  static final String UNIQUE_POSTS = "ledger                 records_cleaned 1983 = windowed_events "
      + "1935 + dropped_late 0 + duplicates_dropped 48  OK";

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static ParityRuns runs;
  private static Map<String, JsonLinesOutput> rankings;

  @BeforeClass
  public static void runEveryRunnerOnce() throws Exception {
    runs = ParityRuns.onEveryRunnerAndSparkStreaming(TMP, "trending-topics",
        "--window=sliding:3m/1m", "--topK=5");
    rankings = runs.results(KEY);
  }

  @Test
  public void directRunnerGivesTheExpectedRankings() throws Exception {
    JsonLinesOutput direct = rankings.get(REFERENCE);
    // Windows ending 12:01 to 12:16 (the sample spans 12:00 to 12:13:20).
    assertEquals(16, direct.finalResults.size());
    assertEquals(26, runs.deadLetters().get(REFERENCE).size());
    // The burst of #kubecon from 12:09 leads the window [12:08, 12:11).
    ObjectNode w = direct.finalResults.get("2026-11-01T12:08:00.000Z|2026-11-01T12:11:00.000Z|");
    assertEquals("kubecon", w.get("hashtags").get(0).get("hashtag").asText());
    assertEquals(5, w.get("hashtags").size());
    assertThat(runs.stdout(REFERENCE), containsString(BALANCED_LEDGER));
  }

  @Test
  public void everyRunnerGivesTheSameFinalRankingsAndDeadLetters() throws Exception {
    ParityRuns.assertSameFinalResults(rankings, Set.of(), "rankings");
    runs.assertSameDeadLetters();
  }

  @Test
  public void everyRunnerBalancesItsLedgerAndDropsTheSameResentPosts() {
    runs.assertEverySummaryContains(BALANCED_LEDGER, UNIQUE_POSTS, "hashtags_counted       8,358",
        "results_written        16");
  }

  @Test
  public void eachWindowFiresOncePaneTimingAsTheRunnerReportsIt() {
    // Flink batch reports UNKNOWN; Spark batch gives Combine.globally output no ON_TIME timing.
    ParityRuns.assertOnePanePerResult(rankings,
        runner -> runner.endsWith("-batch") ? "UNKNOWN" : "ON_TIME", "rankings");
  }

  @Test
  public void sparkStreamingIsRefusedAtStartUpWithOneLine() {
    runs.assertSparkStreamingRefused("SparkRunner in streaming mode");
  }
}
