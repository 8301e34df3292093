package dev.beamline.parity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * One artifact, three runners, same answers: runs the bundle exactly as {@code ./beamline run} does
 * (a separate JVM per run) on the sample with bad lines, on Direct, Flink batch, Flink streaming
 * and Spark local[2], and compares final results row for row and dead letters line for line.
 *
 * <p>Each runner runs once for the whole class (JVM and runner start-up dominate). Means and
 * standard deviations are compared to 1e-9 relative: runners merge partial sums in different orders,
 * which changes the last bits of a double and nothing else. Pane metadata legitimately differs:
 * Flink's batch mode reports pane timing UNKNOWN, the others ON_TIME.
 */
public class CrossRunnerParityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[][] VARIANTS = {
      {"direct"},
      {"flink-batch", "--profile=flink-local"},
      {"flink-streaming", "--profile=flink-local", "--streaming=true"},
      {"spark-batch", "--profile=spark-local"},
  };

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Map<String, Run> RUNS = new TreeMap<>();

  /** One finished run: its final panes by (sensor, window), its dead letters and its stdout. */
  static final class Run {
    final Map<String, JsonNode> finalPanes = new TreeMap<>();
    final Set<String> deadLetters = new HashSet<>();
    String stdout;
  }

  @BeforeClass
  public static void runEveryVariantOnce() throws Exception {
    for (String[] v : VARIANTS) {
      RUNS.put(v[0], runBundle(v[0], Arrays.copyOfRange(v, 1, v.length)));
    }
  }

  private static Run runBundle(String name, String... flags) throws Exception {
    String bundle = System.getProperty("beamline.bundle");
    String home = System.getProperty("beamline.home");
    File dir = TMP.newFolder(name);
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("beamline.java17.opens").trim().split("\\s+")));
    cmd.addAll(List.of("-Xmx1g", "-Dbeamline.home=" + home, "-cp", bundle,
        "dev.beamline.launcher.Main", "run", "sensor-stats",
        "--input=" + home + "/testdata/sensor-stats/sample.jsonl",
        "--output=" + dir + "/results", "--deadLetters=" + dir + "/dead-letters",
        "--lateData=" + dir + "/late-data"));
    cmd.addAll(Arrays.asList(flags));
    File stdout = new File(dir, "stdout.txt");
    File stderr = new File(dir, "stderr.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout).redirectError(stderr).start();
    // A guard against a hung runner, not a timing assertion.
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(name + " did not finish within 10 minutes");
    }
    String err = Files.readString(stderr.toPath());
    assertEquals(name + " exit code; stderr:\n" + err, 0, p.exitValue());

    Run run = new Run();
    run.stdout = Files.readString(stdout.toPath());
    for (JsonNode row : readParts(dir.toPath().resolve("results"))) {
      String key = row.get("sensorId").asText() + "|" + row.get("windowStart").asText() + "|"
          + row.get("windowEnd").asText();
      JsonNode prev = run.finalPanes.get(key);
      if (prev == null || prev.get("pane").get("index").asLong() < row.get("pane").get("index").asLong()) {
        run.finalPanes.put(key, row);
      }
    }
    for (JsonNode letter : readParts(dir.toPath().resolve("dead-letters"))) {
      assertTrue("duplicate dead letter " + letter, run.deadLetters.add(letter.toString()));
    }
    return run;
  }

  private static List<JsonNode> readParts(Path folder) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files.filter(x -> x.getFileName().toString().startsWith("part-"))::iterator) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          rows.add(JSON.readTree(line));
        }
      }
    }
    return rows;
  }

  @Test
  public void directRunnerGivesTheExpectedShapeOfResults() {
    Run direct = RUNS.get("direct");
    // 8 sensors x 15 one-minute windows in the sample.
    assertEquals(120, direct.finalPanes.size());
    assertEquals(26, direct.deadLetters.size());
    assertThat(direct.stdout, containsString(
        "ledger                 lines_read 1464 = valid_events 1438 + dead_letters 26  OK"));
  }

  @Test
  public void everyRunnerGivesTheSameFinalStatisticsRowForRow() {
    Run direct = RUNS.get("direct");
    for (Map.Entry<String, Run> e : RUNS.entrySet()) {
      Run other = e.getValue();
      assertEquals(e.getKey() + ": windows", direct.finalPanes.keySet(), other.finalPanes.keySet());
      for (Map.Entry<String, JsonNode> row : direct.finalPanes.entrySet()) {
        JsonNode a = row.getValue();
        JsonNode b = other.finalPanes.get(row.getKey());
        String where = e.getKey() + " " + row.getKey();
        assertEquals(where + " count", a.get("count").asLong(), b.get("count").asLong());
        assertEquals(where + " min", a.get("min").asDouble(), b.get("min").asDouble(), 0.0);
        assertEquals(where + " max", a.get("max").asDouble(), b.get("max").asDouble(), 0.0);
        assertClose(where + " mean", a.get("mean").asDouble(), b.get("mean").asDouble());
        assertClose(where + " stddev", a.get("stddev").asDouble(), b.get("stddev").asDouble());
      }
    }
  }

  @Test
  public void everyRunnerGivesTheSameDeadLettersAndABalancedLedger() {
    Run direct = RUNS.get("direct");
    for (Map.Entry<String, Run> e : RUNS.entrySet()) {
      assertEquals(e.getKey() + ": dead letters", direct.deadLetters, e.getValue().deadLetters);
      assertThat(e.getKey(), e.getValue().stdout, containsString(
          "ledger                 lines_read 1464 = valid_events 1438 + dead_letters 26  OK"));
      assertThat(e.getKey(), e.getValue().stdout, containsString("results_written        120"));
      // A file has no droppably-late data in any mode: every valid event reaches a window.
      assertThat(e.getKey(), e.getValue().stdout, containsString(
          "ledger                 valid_events 1438 = windowed_events 1438 + dropped_late 0  OK"));
    }
  }

  @Test
  public void paneMetadataIsOnTimeExceptInFlinkBatchWhichReportsUnknown() {
    for (Map.Entry<String, Run> e : RUNS.entrySet()) {
      String expected = e.getKey().equals("flink-batch") ? "UNKNOWN" : "ON_TIME";
      for (JsonNode row : e.getValue().finalPanes.values()) {
        assertEquals(e.getKey(), expected, row.get("pane").get("timing").asText());
        assertEquals(e.getKey(), 0, row.get("pane").get("index").asLong());
        assertTrue(e.getKey(), row.get("pane").get("final").asBoolean());
      }
    }
  }

  private static void assertClose(String what, double expected, double actual) {
    assertEquals(what, expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)));
  }
}
