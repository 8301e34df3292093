package dev.beamline.parity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beamline.testing.BundleRun;
import dev.beamline.testing.JsonLinesOutput;
import java.io.File;
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
 * trending-topics on every runner over its sample (Unicode hashtags in several spellings, resent
 * posts, bad lines, a post eight minutes out of order), with sliding windows of 3 minutes every
 * minute: the bundle runs once per runner, as {@code ./beamline run} does, and the final rankings
 * and the dead letters must be the same everywhere. Spark in streaming mode is refused at start-up
 * (exit code 2: deduplication needs event-time timers) and the test records that.
 */
public class TrendingTopicsParityIT {
  private static final String[][] VARIANTS = {
      {"direct"},
      {"flink-batch", "--profile=flink-local"},
      {"flink-streaming", "--profile=flink-local", "--streaming=true"},
      {"spark-batch", "--profile=spark-local"},
  };
  private static final List<String> KEY = List.of("windowStart", "windowEnd");
  static final String BALANCED_LEDGER = "ledger                 lines_read 2009 = records_cleaned "
      + "1983 + records_dead_lettered 26  OK";
  static final String UNIQUE_POSTS = "ledger                 records_cleaned 1983 = windowed_events "
      + "1935 + dropped_late 0 + duplicates_dropped 48  OK";

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Map<String, JsonLinesOutput> RESULTS = new TreeMap<>();
  private static final Map<String, List<String>> DEAD_LETTERS = new TreeMap<>();
  private static final Map<String, String> STDOUTS = new TreeMap<>();
  private static BundleRun sparkStreaming;

  @BeforeClass
  public static void runEveryVariantOnce() throws Exception {
    for (String[] v : VARIANTS) {
      File dir = TMP.newFolder(v[0]);
      BundleRun run = BundleRun.launch(dir, args(dir, v));
      assertEquals(v[0] + ": " + run, 0, run.exitCode);
      STDOUTS.put(v[0], run.stdout);
      RESULTS.put(v[0], JsonLinesOutput.read(dir.toPath().resolve("results"), KEY));
      DEAD_LETTERS.put(v[0], JsonLinesOutput.lines(dir.toPath().resolve("dead-letters")));
    }
    File dir = TMP.newFolder("spark-streaming");
    sparkStreaming = BundleRun.launch(dir,
        args(dir, new String[] {"spark-streaming", "--profile=spark-local", "--streaming=true"}));
  }

  private static String[] args(File dir, String[] variant) {
    List<String> args = new ArrayList<>(List.of("run", "trending-topics",
        "--input=" + BundleRun.home() + "/testdata/trending-topics/sample.jsonl",
        "--output=" + dir + "/results", "--deadLetters=" + dir + "/dead-letters",
        "--lateData=" + dir + "/late-data", "--window=sliding:3m/1m", "--topK=5"));
    args.addAll(Arrays.asList(variant).subList(1, variant.length));
    return args.toArray(new String[0]);
  }

  @Test
  public void directRunnerGivesTheExpectedRankings() {
    JsonLinesOutput direct = RESULTS.get("direct");
    // Windows ending 12:01 to 12:16 (the sample spans 12:00 to 12:13:20).
    assertEquals(16, direct.finalResults.size());
    assertEquals(26, DEAD_LETTERS.get("direct").size());
    // The burst of #kubecon from 12:09 leads the window [12:08, 12:11).
    ObjectNode w = direct.finalResults.get("2026-11-01T12:08:00.000Z|2026-11-01T12:11:00.000Z|");
    assertEquals("kubecon", w.get("hashtags").get(0).get("hashtag").asText());
    assertEquals(5, w.get("hashtags").size());
    assertThat(STDOUTS.get("direct"), containsString(BALANCED_LEDGER));
  }

  @Test
  public void everyRunnerGivesTheSameFinalRankingsAndDeadLetters() {
    for (Map.Entry<String, JsonLinesOutput> e : RESULTS.entrySet()) {
      e.getValue().assertSameFinalResultsAs(RESULTS.get("direct"), Set.of(), e.getKey());
      assertEquals(e.getKey() + " dead letters", DEAD_LETTERS.get("direct"), DEAD_LETTERS.get(e.getKey()));
    }
  }

  @Test
  public void everyRunnerBalancesItsLedgerAndDropsTheSameResentPosts() {
    for (Map.Entry<String, String> e : STDOUTS.entrySet()) {
      assertThat(e.getKey(), e.getValue(), containsString(BALANCED_LEDGER));
      assertThat(e.getKey(), e.getValue(), containsString(UNIQUE_POSTS));
      assertThat(e.getKey(), e.getValue(), containsString("hashtags_counted       8,358"));
      assertThat(e.getKey(), e.getValue(), containsString("results_written        16"));
    }
  }

  @Test
  public void eachWindowFiresOncePaneTimingAsTheRunnerReportsIt() {
    for (Map.Entry<String, JsonLinesOutput> e : RESULTS.entrySet()) {
      // Flink batch reports UNKNOWN; Spark batch gives Combine.globally output no ON_TIME timing.
      String expected = e.getKey().equals("flink-batch") || e.getKey().equals("spark-batch")
          ? "UNKNOWN" : "ON_TIME";
      for (JsonNode pane : e.getValue().finalPanes.values()) {
        assertEquals(e.getKey(), expected, pane.get("timing").asText());
        assertEquals(e.getKey(), 0, pane.get("index").asLong());
        assertTrue(e.getKey(), pane.get("final").asBoolean());
      }
    }
  }

  @Test
  public void sparkStreamingIsRefusedAtStartUpWithOneLine() {
    assertEquals(sparkStreaming.toString(), 2, sparkStreaming.exitCode);
    assertThat(sparkStreaming.stderr, containsString("SparkRunner in streaming mode"));
  }
}
