package dev.beamline.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The results of one run read back from its part files: one row per (sensor, window). A second row
 * for the same window is an error (every variant here fires exactly once per window), and so is any
 * difference from the reference beyond floating-point merge order: count, min and max must be
 * equal, mean and stddev within 1e-9 relative.
 */
final class WindowResults {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double RELATIVE_TOLERANCE = 1e-9;

  private record Key(String sensorId, long start, long end) {}

  private record Stats(long count, double min, double max, double mean, double stddev) {}

  private final Map<Key, Stats> rows;

  private WindowResults(Map<Key, Stats> rows) {
    this.rows = rows;
  }

  int size() {
    return rows.size();
  }

  static WindowResults read(Path folder, String who) throws IOException {
    Map<Key, Stats> rows = new HashMap<>();
    List<Path> parts;
    try (Stream<Path> s = Files.list(folder)) {
      parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
          .collect(Collectors.toList());
    }
    if (parts.isEmpty()) {
      throw new VoidBenchmarkException(who + " wrote no result files in " + folder);
    }
    for (Path part : parts) {
      try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          JsonNode n = JSON.readTree(line);
          Key k = new Key(n.get("sensorId").asText(), millis(n.get("windowStart").asText()),
              millis(n.get("windowEnd").asText()));
          Stats v = new Stats(n.get("count").asLong(), n.get("min").asDouble(),
              n.get("max").asDouble(), n.get("mean").asDouble(), n.get("stddev").asDouble());
          if (rows.put(k, v) != null) {
            throw new VoidBenchmarkException(who + " wrote two results for " + k + " in " + folder);
          }
        }
      }
    }
    return new WindowResults(rows);
  }

  /** Throws {@link VoidBenchmarkException} naming the first difference. */
  void requireSameAs(WindowResults reference, String who, String referenceName) {
    for (Map.Entry<Key, Stats> e : reference.rows.entrySet()) {
      Stats want = e.getValue();
      Stats got = rows.get(e.getKey());
      String where = who + " vs " + referenceName + " at " + e.getKey();
      if (got == null) {
        throw new VoidBenchmarkException(where + ": window missing");
      }
      if (got.count != want.count || Double.compare(got.min, want.min) != 0
          || Double.compare(got.max, want.max) != 0) {
        throw new VoidBenchmarkException(where + ": " + got + " != " + want);
      }
      close(where + " mean", want.mean, got.mean);
      close(where + " stddev", want.stddev, got.stddev);
    }
    if (rows.size() != reference.rows.size()) {
      for (Key k : rows.keySet()) {
        if (!reference.rows.containsKey(k)) {
          throw new VoidBenchmarkException(who + " has a window " + referenceName + " has not: " + k);
        }
      }
    }
  }

  private static void close(String what, double want, double got) {
    if (Math.abs(want - got) > RELATIVE_TOLERANCE * Math.max(1.0, Math.abs(want))) {
      throw new VoidBenchmarkException(String.format(Locale.ROOT, "%s: %.17g != %.17g", what, got, want));
    }
  }

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }
}
