package dev.beamline.bench.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one variant as a child process, keeps its stdout/stderr beside its results, reads its run
 * summary and checks its counters: every line read, every line a valid event, none dropped.
 */
final class ChildRunner {
  private static final Pattern SUMMARY_LINE = Pattern.compile("^  (\\S(?:.*?\\S)?)\\s{2,}(\\S.*)$");
  private static final Pattern NUMBER = Pattern.compile("^[0-9][0-9,]*(\\.[0-9]+)?");
  private static final long TIMEOUT_MINUTES = 30;

  private final Environment env;
  private final Map<String, String> childEnv;

  ChildRunner(Environment env, Map<String, String> childEnv) {
    this.env = env;
    this.childEnv = childEnv;
  }

  Measurement run(Variant v, Workload w, int run, Path out) throws IOException, InterruptedException {
    deleteRecursively(out);
    Files.createDirectories(out);
    List<String> cmd = v.command(env, w, out);
    Files.writeString(out.resolve("command.txt"), String.join(" ", cmd) + "\n");
    File stdout = out.resolve("stdout.txt").toFile();
    File stderr = out.resolve("stderr.txt").toFile();
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(env.home.toFile())
        .redirectOutput(stdout).redirectError(stderr);
    pb.environment().putAll(childEnv);
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new VoidBenchmarkException(v.id + " did not finish in " + TIMEOUT_MINUTES + " minutes; see " + out);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    Map<String, String> summary = summary(Files.readString(stdout.toPath(), StandardCharsets.UTF_8));
    if (p.exitValue() != 0) {
      throw new VoidBenchmarkException(v.id + " exited with " + p.exitValue() + " on " + w.describe()
          + "; see " + stderr + tail(stderr.toPath()));
    }
    requireCount(v, summary, "lines_read", w.events(), out);
    requireCount(v, summary, "valid_events", w.events(), out);
    requireCount(v, summary, "dead_letters", 0, out);
    if (summary.containsKey("late_dropped")) {
      requireCount(v, summary, "late_dropped", 0, out);
    }
    double processing = number(v, summary, "wall time", out);
    OptionalDouble job = summary.containsKey("job time")
        ? OptionalDouble.of(number(v, summary, "job time", out)) : OptionalDouble.empty();
    String rss = summary.getOrDefault("peak memory (RSS)", "n/a");
    long rssMb = rss.equals("n/a") ? -1 : (long) number(v, summary, "peak memory (RSS)", out);
    double cpu = summary.getOrDefault("cpu time", "n/a").equals("n/a")
        ? Double.NaN : number(v, summary, "cpu time", out);
    return new Measurement(v, w, run, wall, processing, job, rssMb, cpu);
  }

  static Map<String, String> summary(String stdout) {
    Map<String, String> m = new HashMap<>();
    for (String line : stdout.split("\n")) {
      Matcher x = SUMMARY_LINE.matcher(line);
      if (x.matches()) {
        m.put(x.group(1), x.group(2));
      }
    }
    return m;
  }

  private static void requireCount(Variant v, Map<String, String> s, String name, long expected, Path out) {
    long actual = (long) number(v, s, name, out);
    if (actual != expected) {
      throw new VoidBenchmarkException(v.id + ": " + name + " = " + actual + ", expected " + expected
          + "; see " + out);
    }
  }

  private static double number(Variant v, Map<String, String> s, String name, Path out) {
    String value = s.get(name);
    if (value == null) {
      throw new VoidBenchmarkException(v.id + ": no '" + name + "' in its run summary; see " + out);
    }
    Matcher m = NUMBER.matcher(value);
    if (!m.find()) {
      throw new VoidBenchmarkException(v.id + ": '" + name + "' is not a number: " + value);
    }
    return Double.parseDouble(m.group().replace(",", ""));
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path x : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(x);
      }
    }
  }
}
