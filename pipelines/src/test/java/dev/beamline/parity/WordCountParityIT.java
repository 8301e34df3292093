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
 * wordcount on every runner over its sample (English, German, Chinese, Japanese text, 29 bad
 * lines, a line eleven minutes out of order): the bundle runs once per runner, as {@code ./beamline
 * run} does, and the final top words per window and the dead letters must be the same everywhere.
 * Spark in streaming mode is refused at start-up (exit code 2) and the test records that.
 */
public class WordCountParityIT {
  private static final List<String> KEY = List.of("windowStart", "windowEnd");
  static final String BALANCED_LEDGER = "ledger                 lines_read 1508 = records_cleaned "
      + "1479 + records_dead_lettered 29  OK";
  static final String NOTHING_LATE = "ledger                 records_cleaned 1479 = windowed_events "
      + "1479 + dropped_late 0  OK";

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static ParityRuns runs;
  private static Map<String, JsonLinesOutput> topWords;

  @BeforeClass
  public static void runEveryRunnerOnce() throws Exception {
    runs = ParityRuns.onEveryRunnerAndSparkStreaming(TMP, "wordcount");
    topWords = runs.results(KEY);
  }

  @Test
  public void directRunnerGivesTheExpectedResults() throws Exception {
    JsonLinesOutput direct = topWords.get(REFERENCE);
    // 08:00 to 08:13, one-minute windows; the out-of-order line counts in 08:00.
    assertEquals(13, direct.finalResults.size());
    assertEquals(29, runs.deadLetters().get(REFERENCE).size());
    ObjectNode first = direct.finalResults.get("2026-11-01T08:00:00.000Z|2026-11-01T08:01:00.000Z|");
    assertEquals(1082, first.get("totalWords").asLong());
    assertEquals(198, first.get("distinctWords").asLong());
    assertEquals("{\"word\":\"the\",\"count\":73}", first.get("top").get(0).toString());
    assertEquals(10, first.get("top").size());
    assertThat(runs.stdout(REFERENCE), containsString(BALANCED_LEDGER));
  }

  @Test
  public void everyRunnerGivesTheSameFinalTopWordsAndDeadLetters() throws Exception {
    ParityRuns.assertSameFinalResults(topWords, Set.of(), "top words");
    runs.assertSameDeadLetters();
  }

  @Test
  public void everyRunnerBalancesItsLedgerAndCountsTheSameWords() {
    // Read from a file, nothing is late on any runner, also the line 11 minutes out of order.
    runs.assertEverySummaryContains(BALANCED_LEDGER, NOTHING_LATE, "words                  11,776",
        "results_written        13");
  }

  @Test
  public void eachWindowFiresOncePaneTimingAsTheRunnerReportsIt() {
    // Flink batch reports UNKNOWN; Spark batch gives Combine.globally output no ON_TIME timing.
    ParityRuns.assertOnePanePerResult(topWords,
        runner -> runner.endsWith("-batch") ? "UNKNOWN" : "ON_TIME", "top words");
  }

  @Test
  public void sparkStreamingIsRefusedAtStartUpWithOneLine() {
    runs.assertSparkStreamingRefused("SparkRunner in streaming mode");
  }
}
