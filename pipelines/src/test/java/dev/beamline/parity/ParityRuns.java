package dev.beamline.parity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamline.testing.BundleRun;
import dev.beamline.testing.JsonLinesOutput;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.rules.TemporaryFolder;

/**
 * One pipeline run from the bundle once per runner, as {@code ./beamline run} runs it (a JVM per
 * run), and the comparisons every parity test makes: Direct (the reference), Flink batch, Flink
 * streaming and Spark batch must give the same final results and dead letters. Optionally one more
 * run in Spark streaming mode, which the pipelines refuse at start-up.
 *
 * <p>Every run reads the pipeline's sample, {@code testdata/<pipeline>/sample.jsonl}, and writes
 * to a folder of its own: {@code results}, {@code dead-letters}, {@code late-data}. A parity test
 * states its pipeline, its extra flags and what it compares.
 */
final class ParityRuns {
  /** The runner every other one is compared with. */
  static final String REFERENCE = "direct";

  private static final String[][] RUNNERS = {
      {"direct"},
      {"flink-batch", "--profile=flink-local"},
      {"flink-streaming", "--profile=flink-local", "--streaming=true"},
      {"spark-batch", "--profile=spark-local"},
  };
  private static final String[] SPARK_STREAMING =
      {"spark-streaming", "--profile=spark-local", "--streaming=true"};

  private final Map<String, Path> folders = new TreeMap<>();
  private final Map<String, String> stdouts = new TreeMap<>();
  private @Nullable BundleRun sparkStreaming;

  private ParityRuns() {}

  /** Runs {@code pipeline} with {@code flags} on every runner; each run must exit with 0. */
  static ParityRuns onEveryRunner(TemporaryFolder tmp, String pipeline, String... flags)
      throws Exception {
    ParityRuns runs = new ParityRuns();
    for (String[] runner : RUNNERS) {
      File folder = tmp.newFolder(runner[0]);
      BundleRun run = launch(folder, pipeline, flags, runner);
      assertEquals(runner[0] + ": " + run, 0, run.exitCode);
      runs.folders.put(runner[0], folder.toPath());
      runs.stdouts.put(runner[0], run.stdout);
    }
    return runs;
  }

  /** The same, and one run in Spark streaming mode: see {@link #assertSparkStreamingRefused}. */
  static ParityRuns onEveryRunnerAndSparkStreaming(TemporaryFolder tmp, String pipeline,
      String... flags) throws Exception {
    ParityRuns runs = onEveryRunner(tmp, pipeline, flags);
    runs.sparkStreaming = launch(tmp.newFolder(SPARK_STREAMING[0]), pipeline, flags,
        SPARK_STREAMING);
    return runs;
  }

  private static BundleRun launch(File folder, String pipeline, String[] flags, String[] runner)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("run", pipeline,
        "--input=" + BundleRun.home() + "/testdata/" + pipeline + "/sample.jsonl",
        "--output=" + folder + "/results", "--deadLetters=" + folder + "/dead-letters",
        "--lateData=" + folder + "/late-data"));
    args.addAll(List.of(flags));
    args.addAll(List.of(runner).subList(1, runner.length));
    return BundleRun.launch(folder, args.toArray(new String[0]));
  }

  /** The run's stdout (its summary). */
  String stdout(String runner) {
    return stdouts.get(runner);
  }

  /** The run's folder, for outputs a test reads its own way. */
  Path folder(String runner) {
    return folders.get(runner);
  }

  /** Each runner's final results in {@code results}, keyed by {@code keyFields}. */
  Map<String, JsonLinesOutput> results(List<String> keyFields) throws IOException {
    return results("", keyFields);
  }

  /** The same for one output of several, in {@code results/<output>}. */
  Map<String, JsonLinesOutput> results(String output, List<String> keyFields)
      throws IOException {
    Map<String, JsonLinesOutput> results = new TreeMap<>();
    for (Map.Entry<String, Path> f : folders.entrySet()) {
      results.put(f.getKey(),
          JsonLinesOutput.read(f.getValue().resolve("results").resolve(output), keyFields));
    }
    return results;
  }

  /** Each runner's dead letters, sorted. */
  Map<String, List<String>> deadLetters() throws IOException {
    Map<String, List<String>> letters = new TreeMap<>();
    for (Map.Entry<String, Path> f : folders.entrySet()) {
      letters.put(f.getKey(), JsonLinesOutput.lines(f.getValue().resolve("dead-letters")));
    }
    return letters;
  }

  /**
   * Every runner's final results equal the reference's: fields in {@code approximate} within 1e-9
   * relative, the others exactly.
   */
  static void assertSameFinalResults(Map<String, JsonLinesOutput> results,
      Set<String> approximate, String what) {
    for (Map.Entry<String, JsonLinesOutput> e : results.entrySet()) {
      e.getValue().assertSameFinalResultsAs(results.get(REFERENCE), approximate,
          e.getKey() + " " + what);
    }
  }

  /** Every runner wrote the reference's dead letters, line for line. */
  void assertSameDeadLetters() throws IOException {
    Map<String, List<String>> letters = deadLetters();
    for (Map.Entry<String, List<String>> e : letters.entrySet()) {
      assertEquals(e.getKey() + " dead letters", letters.get(REFERENCE), e.getValue());
    }
  }

  /** Every runner's summary has each of {@code lines} (counters, ledger lines). */
  void assertEverySummaryContains(String... lines) {
    for (Map.Entry<String, String> e : stdouts.entrySet()) {
      for (String line : lines) {
        assertThat(e.getKey(), e.getValue(), containsString(line));
      }
    }
  }

  /**
   * Every final result is its window's only pane (index 0, final), with the pane timing the
   * runner reports ({@code timingOf} runner): runners legitimately differ there.
   */
  static void assertOnePanePerResult(Map<String, JsonLinesOutput> results,
      Function<String, String> timingOf, String what) {
    for (Map.Entry<String, JsonLinesOutput> e : results.entrySet()) {
      String who = e.getKey() + " " + what;
      for (JsonNode pane : e.getValue().finalPanes.values()) {
        assertEquals(who, timingOf.apply(e.getKey()), pane.get("timing").asText());
        assertEquals(who, 0, pane.get("index").asLong());
        assertTrue(who, pane.get("final").asBoolean());
      }
    }
  }

  /** The Spark streaming run was refused at start-up (exit code 2) and said {@code expected}. */
  void assertSparkStreamingRefused(String expected) {
    BundleRun run = sparkStreaming();
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.stderr, containsString(expected));
  }

  /** The Spark streaming run, for a test that checks its output exactly. */
  BundleRun sparkStreaming() {
    assertNotNull("no Spark streaming run: use onEveryRunnerAndSparkStreaming", sparkStreaming);
    return sparkStreaming;
  }
}
