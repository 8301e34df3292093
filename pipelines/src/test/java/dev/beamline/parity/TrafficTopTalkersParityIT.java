package dev.beamline.parity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * traffic-top-talkers on every runner, from the bundle as {@code ./beamline run} runs it, over
 * its sample (2,400 flows, bad lines of 14 kinds, 30 s of disorder; sliding 5-minute windows every
 * minute): the same rankings, protocol totals, port-scan suspects and dead letters on Direct,
 * Flink batch, Flink streaming and Spark batch; and a clear refusal from the SparkRunner in
 * streaming mode, which cannot split off late data. One run per runner for the class.
 */
public class TrafficTopTalkersParityIT {
  private static final String[][] VARIANTS = {
      {"direct"},
      {"flink-batch", "--profile=flink-local"},
      {"flink-streaming", "--profile=flink-local", "--streaming=true"},
      {"spark-batch", "--profile=spark-local"},
  };
  /** Counts are exact longs: nothing is compared with a tolerance. */
  private static final Set<String> APPROXIMATE = Set.of();

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Map<String, Map<String, JsonLinesOutput>> OUTPUTS = new TreeMap<>();
  private static final Map<String, List<String>> DEAD_LETTERS = new TreeMap<>();
  private static final Map<String, String> STDOUTS = new TreeMap<>();
  private static BundleRun sparkStreaming;

  @BeforeClass
  public static void runEveryVariantOnce() throws Exception {
    for (String[] v : VARIANTS) {
      File dir = TMP.newFolder(v[0]);
      BundleRun run = launch(dir, Arrays.asList(v).subList(1, v.length));
      assertEquals(v[0] + ": " + run, 0, run.exitCode);
      STDOUTS.put(v[0], run.stdout);
      Path out = dir.toPath().resolve("out");
      Map<String, JsonLinesOutput> results = new TreeMap<>();
      results.put("top-talkers", JsonLinesOutput.read(out.resolve("top-talkers"),
          List.of("windowStart", "windowEnd")));
      results.put("protocol-totals", JsonLinesOutput.read(out.resolve("protocol-totals"),
          List.of("protocol", "windowStart", "windowEnd")));
      results.put("port-scan-suspects", JsonLinesOutput.read(out.resolve("port-scan-suspects"),
          List.of("srcIp", "windowStart", "windowEnd")));
      OUTPUTS.put(v[0], results);
      DEAD_LETTERS.put(v[0], JsonLinesOutput.lines(dir.toPath().resolve("dead-letters")));
    }
    sparkStreaming = launch(TMP.newFolder("spark-streaming"),
        List.of("--profile=spark-local", "--streaming=true"));
  }

  private static BundleRun launch(File dir, List<String> extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "traffic-top-talkers",
        "--input=" + BundleRun.home() + "/testdata/traffic-top-talkers/sample.jsonl",
        "--output=" + dir + "/out", "--deadLetters=" + dir + "/dead-letters",
        "--lateData=" + dir + "/late-data"));
    args.addAll(extra);
    return BundleRun.launch(dir, args.toArray(new String[0]));
  }

  @Test
  public void directRunnerGivesTheExpectedShapeOfResults() {
    Map<String, JsonLinesOutput> direct = OUTPUTS.get("direct");
    // 20 minutes of flows in 5-minute windows sliding every minute: 24 windows.
    assertEquals(24, direct.get("top-talkers").finalResults.size());
    // The burst scanner's two bursts (minutes 3-5 and 18-20), each seen by the windows covering
    // it; the slow scanner stays below 100 ports per window.
    JsonLinesOutput suspects = direct.get("port-scan-suspects");
    assertEquals(8, suspects.finalResults.size());
    for (String key : suspects.finalResults.keySet()) {
      assertTrue(key, key.startsWith("203.0.113.66|"));
    }
    assertEquals(22, DEAD_LETTERS.get("direct").size());
  }

  @Test
  public void everyRunnerGivesTheSameResultsAndDeadLetters() {
    for (String runner : OUTPUTS.keySet()) {
      for (Map.Entry<String, JsonLinesOutput> e : OUTPUTS.get(runner).entrySet()) {
        e.getValue().assertSameFinalResultsAs(OUTPUTS.get("direct").get(e.getKey()), APPROXIMATE,
            runner + " " + e.getKey());
      }
      assertEquals(runner, DEAD_LETTERS.get("direct"), DEAD_LETTERS.get(runner));
    }
  }

  @Test
  public void everyRunnerBalancesItsLedger() {
    for (Map.Entry<String, String> e : STDOUTS.entrySet()) {
      assertThat(e.getKey(), e.getValue(), containsString(
          "lines_read 2400 = records_cleaned 2378 + records_dead_lettered 22  OK"));
      // A file has no droppably-late data in any mode: every clean flow reaches its windows.
      assertThat(e.getKey(), e.getValue(), containsString(
          "records_cleaned 2378 = windowed_events 2378 + dropped_late 0  OK"));
    }
  }

  @Test
  public void everyResultIsItsWindowsOnlyPaneTimedAsTheRunnerReportsIt() {
    for (String runner : OUTPUTS.keySet()) {
      for (Map.Entry<String, JsonLinesOutput> e : OUTPUTS.get(runner).entrySet()) {
        for (JsonNode pane : e.getValue().finalPanes.values()) {
          String timing = pane.get("timing").asText();
          assertTrue(runner + " " + e.getKey() + " " + timing, expectedTimings(runner, e.getKey())
              .contains(timing));
          assertEquals(runner, 0, pane.get("index").asLong());
          assertTrue(runner, pane.get("final").asBoolean());
        }
      }
    }
  }

  /**
   * Flink batch reports every pane's timing as UNKNOWN; Spark batch does so for the ranking (a
   * Combine.globally downstream of a per-key combine), ON_TIME for the per-key results.
   */
  private static Set<String> expectedTimings(String runner, String output) {
    if (runner.equals("flink-batch")) {
      return Set.of("UNKNOWN");
    }
    if (runner.equals("spark-batch") && output.equals("top-talkers")) {
      return Set.of("UNKNOWN");
    }
    return Set.of("ON_TIME");
  }

  @Test
  public void sparkStreamingIsRefusedWithTheReason() {
    assertEquals(sparkStreaming.toString(), 2, sparkStreaming.exitCode);
    assertThat(sparkStreaming.stderr, containsString("beamline: SplitLateData cannot run on "
        + "SparkRunner in streaming mode: it reads the watermark through an event-time timer, which "
        + "the Spark runner does not support in streaming (apache/beam#33237)"));
  }
}
