package dev.beamline.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The outputs of one sensor-stats run read back from its folders: the final pane of every
 * (sensor, window) and the dead letters; and the comparison every runner must pass.
 */
public final class SensorStatsOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final Map<String, JsonNode> finalPanes = new TreeMap<>();
  public final Set<String> deadLetters = new HashSet<>();

  public static SensorStatsOutput read(Path results, Path deadLetters) throws IOException {
    SensorStatsOutput o = new SensorStatsOutput();
    for (JsonNode row : readParts(results)) {
      String key = row.get("sensorId").asText() + "|" + row.get("windowStart").asText() + "|"
          + row.get("windowEnd").asText();
      JsonNode prev = o.finalPanes.get(key);
      if (prev == null || prev.get("pane").get("index").asLong() < row.get("pane").get("index").asLong()) {
        o.finalPanes.put(key, row);
      }
    }
    for (JsonNode letter : readParts(deadLetters)) {
      assertTrue("duplicate dead letter " + letter, o.deadLetters.add(letter.toString()));
    }
    return o;
  }

  /**
   * Same windows, same count/min/max, mean and stddev within 1e-9 relative (runners merge partial
   * accumulators in different orders), same dead letters.
   */
  public void assertSameFinalResultsAs(SensorStatsOutput expected, String who) {
    assertEquals(who + ": windows", expected.finalPanes.keySet(), finalPanes.keySet());
    for (Map.Entry<String, JsonNode> row : expected.finalPanes.entrySet()) {
      JsonNode a = row.getValue();
      JsonNode b = finalPanes.get(row.getKey());
      String where = who + " " + row.getKey();
      assertEquals(where + " count", a.get("count").asLong(), b.get("count").asLong());
      assertEquals(where + " min", a.get("min").asDouble(), b.get("min").asDouble(), 0.0);
      assertEquals(where + " max", a.get("max").asDouble(), b.get("max").asDouble(), 0.0);
      assertClose(where + " mean", a.get("mean").asDouble(), b.get("mean").asDouble());
      assertClose(where + " stddev", a.get("stddev").asDouble(), b.get("stddev").asDouble());
    }
    assertEquals(who + ": dead letters", expected.deadLetters, deadLetters);
  }

  private static void assertClose(String what, double expected, double actual) {
    assertEquals(what, expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)));
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
}
