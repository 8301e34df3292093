package dev.beamline.bench.plain;

import dev.beamline.bench.ChildArgs;
import dev.beamline.bench.ChildSummary;
import dev.beamline.bench.InputFiles;
import dev.beamline.bench.WindowResultJson;
import dev.beamline.pipelines.sensorstats.SensorEvent;
import dev.beamline.pipelines.sensorstats.SensorEventParser;
import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.stats.NumericSummary;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * sensor-stats as one thread of plain Java: the same strict parser as the pipeline
 * ({@link SensorEventParser}), a hash map from (sensor, window) to the same Welford/Chan
 * {@link NumericSummary}, then one result line per entry. No framework, no serialisation, no
 * watermark: the per-core ceiling the runners are compared with.
 *
 * <p>Windows are assigned as Beam's FixedWindows/SlidingWindows (and Flink's assigners) do with
 * offset 0: starts at multiples of the slide, each event in every window [start, start + size)
 * that contains it. Nothing is late by construction of the input, so nothing is dropped.
 */
public final class PlainJavaSensorStats {
  /** Map key: one sensor in one window. */
  private record WindowKey(String sensorId, long windowStart) {}

  private PlainJavaSensorStats() {}

  public static void main(String[] argv) throws IOException {
    ChildArgs args = new ChildArgs(argv);
    Path input = Paths.get(args.get("input"));
    Path output = Paths.get(args.get("output"));
    long size = args.getLong("windowSizeMillis");
    long slide = args.getLong("windowSlideMillis", size);

    long start = System.nanoTime();
    SensorEventParser parser = new SensorEventParser();
    Map<WindowKey, NumericSummary> windows = new HashMap<>();
    long lines = 0;
    long valid = 0;
    long dead = 0;
    for (Path file : InputFiles.in(input)) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          lines++;
          SensorEvent e;
          try {
            e = parser.parse(line);
          } catch (InvalidRecordException bad) {
            dead++;
            continue;
          }
          valid++;
          long ts = e.timestampMillis();
          for (long w = ts - Math.floorMod(ts, slide); w > ts - size; w -= slide) {
            windows.computeIfAbsent(new WindowKey(e.sensorId(), w), k -> new NumericSummary())
                .add(e.temperature());
          }
        }
      }
    }
    Files.createDirectories(output);
    try (BufferedWriter out = Files.newBufferedWriter(output.resolve("part-00000-of-00001.jsonl"),
        StandardCharsets.UTF_8)) {
      for (Map.Entry<WindowKey, NumericSummary> w : windows.entrySet()) {
        NumericSummary s = w.getValue();
        long ws = w.getKey().windowStart();
        out.write(WindowResultJson.line(w.getKey().sensorId(), ws, ws + size, s.count(), s.min(),
            s.max(), s.mean(), s.populationStddev()));
        out.write('\n');
      }
    }
    long nanos = System.nanoTime() - start;
    System.out.print(new ChildSummary("plain-java")
        .put("runner", "plain Java, 1 thread")
        .wallTime(nanos, "read, parse, aggregate, write")
        .put("lines_read", lines)
        .put("valid_events", valid)
        .put("dead_letters", dead)
        .put("results_written", windows.size())
        .render());
  }
}
