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
 * wordcount on every runner over its sample (English, German, Chinese, Japanese text, 29 bad
 * lines, a line eleven minutes out of order): the bundle runs once per runner, as {@code ./beamline
 * run} does, and the final top words per window and the dead letters must be the same everywhere.
 * Spark in streaming mode is refused at start-up (exit code 2) and the test records that.
 */
public class WordCountParityIT {
  private static final String[][] VARIANTS = {
      {"direct"},
      {"flink-batch", "--profile=flink-local"},
      {"flink-streaming", "--profile=flink-local", "--streaming=true"},
      {"spark-batch", "--profile=spark-local"},
  };
  private static final List<String> KEY = List.of("windowStart", "windowEnd");
  static final String BALANCED_LEDGER = "ledger                 lines_read 1508 = records_cleaned "
      + "1479 + records_dead_lettered 29  OK";
  static final String NOTHING_LATE = "ledger                 records_cleaned 1479 = windowed_events "
      + "1479 + dropped_late 0  OK";

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
    List<String> args = new ArrayList<>(List.of("run", "wordcount",
        "--input=" + BundleRun.home() + "/testdata/wordcount/sample.jsonl",
        "--output=" + dir + "/results", "--deadLetters=" + dir + "/dead-letters",
        "--lateData=" + dir + "/late-data"));
    args.addAll(Arrays.asList(variant).subList(1, variant.length));
    return args.toArray(new String[0]);
  }

  @Test
  public void directRunnerGivesTheExpectedResults() {
    JsonLinesOutput direct = RESULTS.get("direct");
    // 08:00 to 08:13, one-minute windows; the out-of-order line counts in 08:00.
    assertEquals(13, direct.finalResults.size());
    assertEquals(29, DEAD_LETTERS.get("direct").size());
    ObjectNode first = direct.finalResults.get("2026-11-01T08:00:00.000Z|2026-11-01T08:01:00.000Z|");
    assertEquals(1082, first.get("totalWords").asLong());
    assertEquals(198, first.get("distinctWords").asLong());
    assertEquals("{\"word\":\"the\",\"count\":73}", first.get("top").get(0).toString());
    assertEquals(10, first.get("top").size());
    assertThat(STDOUTS.get("direct"), containsString(BALANCED_LEDGER));
  }

  @Test
  public void everyRunnerGivesTheSameFinalTopWordsAndDeadLetters() {
    for (Map.Entry<String, JsonLinesOutput> e : RESULTS.entrySet()) {
      e.getValue().assertSameFinalResultsAs(RESULTS.get("direct"), Set.of(), e.getKey());
      assertEquals(e.getKey() + " dead letters", DEAD_LETTERS.get("direct"), DEAD_LETTERS.get(e.getKey()));
    }
  }

  @Test
  public void everyRunnerBalancesItsLedgerAndCountsTheSameWords() {
    for (Map.Entry<String, String> e : STDOUTS.entrySet()) {
      assertThat(e.getKey(), e.getValue(), containsString(BALANCED_LEDGER));
      // Read from a file, nothing is late on any runner, also the line 11 minutes out of order.
      assertThat(e.getKey(), e.getValue(), containsString(NOTHING_LATE));
      assertThat(e.getKey(), e.getValue(), containsString("words                  11,776"));
      assertThat(e.getKey(), e.getValue(), containsString("results_written        13"));
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
