package dev.beamline.bench.harness;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark inputs, made once per (events, keys, seed, disorder) with {@code ./beamline generate}
 * and kept under the work folder. The generated file is dealt round-robin into {@code files} files
 * (line i to file i mod files), like a stream spread over partitions: every engine can then read
 * with as many readers as it has slots (a line file is read by one reader from start to end), and
 * each file keeps the generator's bound on disorder, because a subsequence of a stream with bounded
 * disorder has the same bound.
 */
final class InputData {
  private final Environment env;
  private final Path root;
  private final long seed;
  private final long maxDisorderMillis;
  private final int files;

  InputData(Environment env, Path root, long seed, long maxDisorderMillis, int files) {
    this.env = env;
    this.root = root;
    this.seed = seed;
    this.maxDisorderMillis = maxDisorderMillis;
    this.files = files;
  }

  /** The folder of {@code files} JSON Lines files holding the input; generated when missing. */
  Path folder(long events, int keys) throws IOException, InterruptedException {
    Path dir = root.resolve(String.format(Locale.ROOT, "e%d-k%d-s%d-d%dms-f%d", events, keys, seed,
        maxDisorderMillis, files));
    Path done = dir.resolve(".complete");
    if (Files.exists(done)) {
      return dir;
    }
    ChildRunner.deleteRecursively(dir);
    Files.createDirectories(dir);
    Path whole = dir.resolve("generated.jsonl.tmp");
    List<String> cmd = List.of(env.home.resolve("beamline").toString(), "generate", "sensor-stats",
        "--events", Long.toString(events), "--seed", Long.toString(seed), "--keys",
        Integer.toString(keys), "--maxDisorder", maxDisorderMillis + "ms", "--output", whole.toString());
    Process p = new ProcessBuilder(cmd).directory(env.home.toFile()).inheritIO()
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new VoidBenchmarkException("generating the input failed: " + String.join(" ", cmd));
    }
    List<BufferedWriter> outs = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(whole, StandardCharsets.UTF_8)) {
      for (int i = 0; i < files; i++) {
        outs.add(Files.newBufferedWriter(dir.resolve(String.format(Locale.ROOT,
            "sensor-events-%d-of-%d.jsonl", i, files)), StandardCharsets.UTF_8));
      }
      String line;
      long n = 0;
      while ((line = in.readLine()) != null) {
        BufferedWriter w = outs.get((int) (n++ % files));
        w.write(line);
        w.write('\n');
      }
      if (n != events) {
        throw new VoidBenchmarkException("the generator wrote " + n + " lines, expected " + events);
      }
    } finally {
      for (BufferedWriter w : outs) {
        w.close();
      }
    }
    Files.delete(whole);
    Files.writeString(done, String.join(" ", cmd) + "\n");
    return dir;
  }
}
