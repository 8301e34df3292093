package dev.beamline.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The final results in one output folder of JSON Lines part files, keyed by the fields that
 * identify a result (e.g. sensorId, windowStart, windowEnd): when a result came in several panes,
 * the pane with the highest {@code pane.index} is its final answer. Used by the cross-runner tests
 * of every pipeline to say "same final results" the same way.
 */
public final class JsonLinesOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Final result per key, with the {@code pane} object removed (runners legitimately differ). */
  public final Map<String, ObjectNode> finalResults = new TreeMap<>();
  /** The pane object of each final result, for tests that check pane metadata. */
  public final Map<String, JsonNode> finalPanes = new TreeMap<>();

  /** Reads {@code folder}/part-*; results without a pane field must be unique per key. */
  public static JsonLinesOutput read(Path folder, List<String> keyFields) throws IOException {
    JsonLinesOutput o = new JsonLinesOutput();
    for (JsonNode row : readParts(folder)) {
      StringBuilder key = new StringBuilder();
      for (String f : keyFields) {
        JsonNode v = row.get(f);
        assertTrue("result without key field '" + f + "': " + row, v != null);
        key.append(v.isTextual() ? v.asText() : v.toString()).append('|');
      }
      String k = key.toString();
      ObjectNode copy = ((ObjectNode) row).deepCopy();
      JsonNode pane = copy.remove("pane");
      ObjectNode prev = o.finalResults.get(k);
      if (prev != null) {
        assertTrue("two results for " + k + " and no pane index to order them", pane != null);
        if (o.finalPanes.get(k).get("index").asLong() >= pane.get("index").asLong()) {
          continue;
        }
      }
      o.finalResults.put(k, copy);
      if (pane != null) {
        o.finalPanes.put(k, pane);
      }
    }
    return o;
  }

  /**
   * Same keys and equal results: fields in {@code approximate} within 1e-9 relative (floating-point
   * merge order differs between runners), everything else exactly.
   */
  public void assertSameFinalResultsAs(JsonLinesOutput expected, Set<String> approximate, String who) {
    assertEquals(who + ": result keys", expected.finalResults.keySet(), finalResults.keySet());
    for (Map.Entry<String, ObjectNode> e : expected.finalResults.entrySet()) {
      ObjectNode a = e.getValue();
      ObjectNode b = finalResults.get(e.getKey());
      String where = who + " " + e.getKey();
      assertEquals(where + " fields", fieldNames(a), fieldNames(b));
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (approximate.contains(f) && a.get(f).isNumber() && b.get(f).isNumber()) {
          double x = a.get(f).asDouble();
          double y = b.get(f).asDouble();
          assertEquals(where + " " + f, x, y, 1e-9 * Math.max(1.0, Math.abs(x)));
        } else {
          assertEquals(where + " " + f, a.get(f), b.get(f));
        }
      }
    }
  }

  /** Every line of every part file, for outputs compared as sets (dead letters, alerts). */
  public static List<String> lines(Path folder) throws IOException {
    List<String> all = new ArrayList<>();
    for (JsonNode n : readParts(folder)) {
      all.add(n.toString());
    }
    all.sort(null);
    return all;
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    return names;
  }

  private static List<JsonNode> readParts(Path folder) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return rows;
    }
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
