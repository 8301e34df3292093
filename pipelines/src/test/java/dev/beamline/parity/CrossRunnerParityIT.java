package dev.beamline.parity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamline.testing.BundleRun;
import dev.beamline.testing.SensorStatsOutput;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
  private static final String[][] VARIANTS = {
      {"direct"},
      {"flink-batch", "--profile=flink-local"},
      {"flink-streaming", "--profile=flink-local", "--streaming=true"},
      {"spark-batch", "--profile=spark-local"},
  };
  static final String BALANCED_LEDGER =
      "ledger                 lines_read 1464 = valid_events 1438 + dead_letters 26  OK";

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Map<String, SensorStatsOutput> OUTPUTS = new TreeMap<>();
  private static final Map<String, String> STDOUTS = new TreeMap<>();

  @BeforeClass
  public static void runEveryVariantOnce() throws Exception {
    for (String[] v : VARIANTS) {
      File dir = TMP.newFolder(v[0]);
      List<String> args = new ArrayList<>(List.of("run", "sensor-stats",
          "--input=" + BundleRun.home() + "/testdata/sensor-stats/sample.jsonl",
          "--output=" + dir + "/results", "--deadLetters=" + dir + "/dead-letters",
          "--lateData=" + dir + "/late-data"));
      args.addAll(Arrays.asList(v).subList(1, v.length));
      BundleRun run = BundleRun.launch(dir, args.toArray(new String[0]));
      assertEquals(v[0] + ": " + run, 0, run.exitCode);
      STDOUTS.put(v[0], run.stdout);
      OUTPUTS.put(v[0], SensorStatsOutput.read(dir.toPath().resolve("results"),
          dir.toPath().resolve("dead-letters")));
    }
  }

  @Test
  public void directRunnerGivesTheExpectedShapeOfResults() {
    SensorStatsOutput direct = OUTPUTS.get("direct");
    // 8 sensors x 15 one-minute windows in the sample.
    assertEquals(120, direct.finalPanes.size());
    assertEquals(26, direct.deadLetters.size());
    assertThat(STDOUTS.get("direct"), containsString(BALANCED_LEDGER));
  }

  @Test
  public void everyRunnerGivesTheSameFinalStatisticsAndDeadLetters() {
    for (Map.Entry<String, SensorStatsOutput> e : OUTPUTS.entrySet()) {
      e.getValue().assertSameFinalResultsAs(OUTPUTS.get("direct"), e.getKey());
    }
  }

  @Test
  public void everyRunnerBalancesItsLedger() {
    for (Map.Entry<String, String> e : STDOUTS.entrySet()) {
      assertThat(e.getKey(), e.getValue(), containsString(BALANCED_LEDGER));
      assertThat(e.getKey(), e.getValue(), containsString("results_written        120"));
      // A file has no droppably-late data in any mode: every valid event reaches a window.
      assertThat(e.getKey(), e.getValue(), containsString(
          "ledger                 valid_events 1438 = windowed_events 1438 + dropped_late 0  OK"));
    }
  }

  @Test
  public void paneMetadataIsOnTimeExceptInFlinkBatchWhichReportsUnknown() {
    for (Map.Entry<String, SensorStatsOutput> e : OUTPUTS.entrySet()) {
      String expected = e.getKey().equals("flink-batch") ? "UNKNOWN" : "ON_TIME";
      for (JsonNode row : e.getValue().finalPanes.values()) {
        assertEquals(e.getKey(), expected, row.get("pane").get("timing").asText());
        assertEquals(e.getKey(), 0, row.get("pane").get("index").asLong());
        assertTrue(e.getKey(), row.get("pane").get("final").asBoolean());
      }
    }
  }
}
