package dev.beamline.parity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * clickstream-sessions on every runner, from the bundle as {@code ./beamline run} runs it, over its
 * sample (1,500 events of 60 users, bad lines of 14 kinds, 2 minutes of disorder; 30-minute
 * sessions): session windows merge, and every runner that runs them must merge them alike. Same
 * sessions and dead letters on Direct, Flink batch, Flink streaming and Spark batch; a clear
 * refusal from the SparkRunner in streaming mode, which cannot split off late data. One run per
 * runner for the class.
 */
public class ClickstreamSessionsParityIT {
  private static final String[][] VARIANTS = {
      {"direct"},
      {"flink-batch", "--profile=flink-local"},
      {"flink-streaming", "--profile=flink-local", "--streaming=true"},
      {"spark-batch", "--profile=spark-local"},
  };

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Map<String, JsonLinesOutput> SESSIONS = new TreeMap<>();
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
      // A session is identified by its user and its first event; its end tells merged from not.
      SESSIONS.put(v[0], JsonLinesOutput.read(dir.toPath().resolve("sessions"),
          List.of("userId", "sessionStart", "sessionEnd")));
      DEAD_LETTERS.put(v[0], JsonLinesOutput.lines(dir.toPath().resolve("dead-letters")));
    }
    sparkStreaming = launch(TMP.newFolder("spark-streaming"),
        List.of("--profile=spark-local", "--streaming=true"));
  }

  private static BundleRun launch(File dir, List<String> extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "clickstream-sessions",
        "--input=" + BundleRun.home() + "/testdata/clickstream-sessions/sample.jsonl",
        "--output=" + dir + "/sessions", "--deadLetters=" + dir + "/dead-letters",
        "--lateData=" + dir + "/late-data"));
    args.addAll(extra);
    return BundleRun.launch(dir, args.toArray(new String[0]));
  }

  @Test
  public void directRunnerGivesTheExpectedShapeOfResults() {
    JsonLinesOutput direct = SESSIONS.get("direct");
    assertEquals(186, direct.finalResults.size());
    long converted = direct.finalResults.values().stream()
        .filter(s -> s.get("converted").asBoolean()).count();
    assertEquals(35, converted);
    assertEquals(14, DEAD_LETTERS.get("direct").size());
  }

  @Test
  public void everyRunnerMergesTheSameSessionsAndKeepsTheSameDeadLetters() {
    for (String runner : SESSIONS.keySet()) {
      SESSIONS.get(runner).assertSameFinalResultsAs(SESSIONS.get("direct"), Set.of(), runner);
      assertEquals(runner, DEAD_LETTERS.get("direct"), DEAD_LETTERS.get(runner));
    }
  }

  @Test
  public void everyRunnerBalancesItsLedger() {
    for (Map.Entry<String, String> e : STDOUTS.entrySet()) {
      assertThat(e.getKey(), e.getValue(), containsString(
          "lines_read 1500 = records_cleaned 1486 + records_dead_lettered 14  OK"));
      assertThat(e.getKey(), e.getValue(), containsString(
          "records_cleaned 1486 = windowed_events 1486 + dropped_late 0  OK"));
      assertThat(e.getKey(), e.getValue(), containsString("sessions_written       186"));
    }
  }

  /** Flink batch and Spark batch (merging windows) report pane timing UNKNOWN. */
  @Test
  public void everySessionIsItsWindowsOnlyPaneTimedAsTheRunnerReportsIt() {
    for (String runner : SESSIONS.keySet()) {
      String expected = runner.endsWith("-batch") ? "UNKNOWN" : "ON_TIME";
      for (JsonNode pane : SESSIONS.get(runner).finalPanes.values()) {
        assertEquals(runner, expected, pane.get("timing").asText());
        assertEquals(runner, 0, pane.get("index").asLong());
        assertTrue(runner, pane.get("final").asBoolean());
      }
    }
  }

  @Test
  public void sparkStreamingIsRefusedWithTheReason() {
    assertEquals(sparkStreaming.toString(), 2, sparkStreaming.exitCode);
    assertThat(sparkStreaming.stderr, containsString("beamline: SplitLateData cannot run on "
        + "SparkRunner in streaming mode: it reads the watermark through an event-time timer, which "
        + "the Spark runner does not support in streaming (apache/beam#33237)"));
  }
}
