package dev.beamline.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamline.kafka.KafkaTool;
import dev.beamline.pipelines.sensorstats.SensorStatsOptions;
import dev.beamline.pipelines.sensorstats.SensorStatsPipeline;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.TestRule;

/**
 * A Flink TaskManager killed with SIGKILL in the middle of an exactly-once Kafka-to-Kafka
 * sensor-stats job loses nothing and duplicates nothing.
 *
 * <p>sensor-stats runs in streaming mode on the project's local Flink session cluster (JobManager
 * and TaskManager processes, {@code ./beamline cluster flink start}), submitted by the bundle
 * exactly as a user submits it ({@code --profile=flink-cluster}), reading the sample from a topic
 * without end and writing results and dead letters with {@code --kafkaDelivery=exactly-once}
 * (Kafka transactions committed on Flink checkpoints, every {@value #CHECKPOINT_MS} ms). Two runs:
 *
 * <ul>
 *   <li>baseline: both halves of the sample are in the topic before the job starts; the job is
 *       cancelled once the results are complete;
 *   <li>failure: the job starts on the first half; once results and dead letters have been
 *       committed, and a checkpoint taken after that has completed (see below), the TaskManager
 *       process is killed with SIGKILL, the second half is produced while no TaskManager runs, a
 *       new one is started with {@code ./beamline cluster flink start}, and the job must restore
 *       from its last checkpoint on its own (Flink's restart strategy) and finish the work.
 * </ul>
 *
 * Everything is read back with {@code read_committed}; the failure run's results must be the
 * baseline's row for row (pane fields included, no row missing, none twice), its dead letters
 * likewise, and the baseline's must be those of the same sample read from the file on the
 * DirectRunner.
 *
 * <p>Determinism, not timing: the sample's event times lie weeks before the wall clock, so the
 * source's idle rule (a caught-up partition trails the clock by {@code --idleTimeout}) would close
 * every window as soon as a partition is caught up, and records produced after a pause would be
 * late. The runs switch it off ({@code --idleTimeout=1000d}) and end the input instead with one
 * end-of-input event per partition, an hour after the sample: each partition's watermark then
 * passes every window of the sample and no record is behind its partition's watermark, whenever it
 * is read. The second half and the end-of-input events are sent only after the kill, so the job
 * is mid-run when the TaskManager dies whatever the machine's speed: half the windows are still
 * open. The window of the end-of-input events never closes, so they produce no result.
 *
 * <p>A limit of Beam's exactly-once Kafka writer on Flink, found by this test: the writer keeps its
 * id in Flink state from its first write, and writes only when a checkpoint completes, so that
 * state reaches the following checkpoint. A job that dies between its first write and the next
 * completed checkpoint cannot restore: every restart fails with "Kafka metadata exists for shard 0,
 * but there is no stored state for it" until the restart strategy gives up. The kill therefore
 * waits for a checkpoint triggered after the first committed writes.
 */
public class FlinkTaskManagerRecoveryIT {
  private static final Path HOME = Paths.get(System.getProperty("beamline.home", ".."))
      .toAbsolutePath().normalize();
  private static final Path SAMPLE = HOME.resolve("testdata/sensor-stats/sample.jsonl");
  private static final Path WORK = Paths.get("target", "flink-recovery").toAbsolutePath();

  public static final KafkaBroker KAFKA = new KafkaBroker();
  public static final FlinkSessionCluster FLINK =
      new FlinkSessionCluster(HOME, WORK.resolve("cluster-state"));
  public static final TemporaryFolder TMP = new TemporaryFolder();
  @ClassRule public static final TestRule RESOURCES =
      RuleChain.outerRule(TMP).around(KAFKA).around(FLINK);

  static final int CHECKPOINT_MS = 1000;
  /** The sample is produced in two halves (the failure run's second half after the kill). */
  static final int FIRST_HALF_LINES = 732;
  /** The failure run kills the TaskManager once this many results are committed. */
  static final int KILL_AFTER_RESULTS = 24;
  static final int PARTITIONS = 3;
  static final String END_OF_INPUT = "{\"sensorId\":\"end-of-input\","
      + "\"ts\":\"2026-11-01T01:00:00Z\",\"temperature\":0.0}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StringBuilder FIGURES = new StringBuilder();

  private static Reference fileRun;
  private static Path firstHalf;
  private static Path secondHalf;
  private static Outcome baseline;
  private static Outcome failure;
  private static Recovery recovery;

  @BeforeClass
  public static void runBaselineAndFailure() throws Exception {
    long start = System.nanoTime();
    fileRun = Reference.compute(TMP.newFolder("file-run").toPath());
    figure("file run on Direct: %d results, %d dead letters in %d s", fileRun.results.size(),
        fileRun.deadLetters.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    splitSample(TMP.newFolder("input").toPath());
    baseline = runBaseline();
    failure = runWithKilledTaskManager();
    figure("file run, baseline and failure run (after broker and cluster start): %d s",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    System.out.println("FlinkTaskManagerRecoveryIT figures:\n" + FIGURES);
    Files.createDirectories(WORK);
    Files.writeString(WORK.resolve("figures.txt"), FIGURES.toString());
  }

  @Test
  public void baselineResultsAreTheFileRunsWithNothingLate() {
    assertSameRows("baseline vs file run", fileRun.results, baseline.results, false);
    assertEquals(fileRun.deadLetters, reasonsAndPayloads(baseline.deadLetters));
    assertEquals("no record was later than the watermark", List.of(), baseline.lateData);
    for (String row : baseline.results) {
      assertThat(row, containsString("\"pane\":{\"timing\":\"ON_TIME\",\"index\":0,"));
    }
  }

  @Test
  public void afterTheKillTheJobRestoredFromACheckpointOnANewTaskManager() {
    assertNotEquals("a new TaskManager process", recovery.killedPid, recovery.newPid);
    assertThat("a checkpoint had completed before the kill", recovery.checkpointsBeforeKill,
        greaterThanOrEqualTo(1L));
    assertThat("results were committed before the kill", recovery.committedAtKill,
        greaterThanOrEqualTo(KILL_AFTER_RESULTS));
    assertThat("and results were still missing (mid-run)", recovery.committedAtKill,
        lessThan(fileRun.results.size()));
    assertTrue("the job restored a checkpoint: " + recovery.checkpoints,
        recovery.restoredCheckpointId > 0);
    assertThat("the restored checkpoint is the latest completed at the kill (or one that "
        + "completed in the moment before it)", recovery.restoredCheckpointId,
        greaterThanOrEqualTo(recovery.latestBeforeKill));
    assertTrue("the job failed over (exception history): " + recovery.exceptions,
        recovery.failoverAt > 0);
    assertEquals("RUNNING", recovery.stateBeforeCancel);
  }

  @Test
  public void afterTheKillTheResultsAreTheBaselinesNoLossNoDuplicates() {
    assertEquals(baseline.results.size(), failure.results.size());
    assertSameRows("failure run vs baseline", baseline.results, failure.results, true);
  }

  @Test
  public void afterTheKillTheDeadLettersAreTheBaselinesWithTheSameOffsets() throws Exception {
    assertEquals(canonicalLetters(baseline.deadLetters, baseline.topics.in),
        canonicalLetters(failure.deadLetters, failure.topics.in));
    assertEquals(List.of(), failure.lateData);
  }

  // ------------------------------------------------------------------------------- the two runs

  private static Outcome runBaseline() throws Exception {
    Topics t = Topics.create("baseline");
    produce(t.in, firstHalf);
    produce(t.in, secondHalf);
    endInput(t.in);
    Job job = Job.submit("baseline", t);
    try {
      long submitted = System.nanoTime();
      KAFKA.readUntil(t.results, true, v -> v.size() >= fileRun.results.size());
      KAFKA.readUntil(t.deadLetters, true, v -> v.size() >= fileRun.deadLetters.size());
      figure("baseline: complete results committed %d s after submission",
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - submitted));
      checkpointFigures("baseline", FLINK.get("/jobs/" + job.id + "/checkpoints"));
      FLINK.cancel(job.id);
    } finally {
      job.stop();
    }
    return Outcome.read("baseline", t);
  }

  private static Outcome runWithKilledTaskManager() throws Exception {
    Topics t = Topics.create("failure");
    Job job = Job.submit("failure", t);
    Recovery r = new Recovery();
    try {
      FlinkSessionCluster.await("all tasks of the failure job RUNNING",
          () -> FLINK.get("/jobs/" + job.id), FlinkTaskManagerRecoveryIT::allTasksRunning);
      produce(t.in, firstHalf);

      r.committedAtKill = KAFKA.readUntil(t.results, true,
          v -> v.size() >= KILL_AFTER_RESULTS).size();
      KAFKA.readUntil(t.deadLetters, true, v -> !v.isEmpty());
      // Beam's exactly-once writer records its writer id in Flink state when it first writes, and
      // on Flink it writes when a checkpoint completes, so that state is only in the NEXT
      // checkpoint. Restored from a checkpoint without it, the writer finds its own metadata in
      // Kafka and refuses to start ("Kafka metadata exists for shard 0, but there is no stored
      // state for it"), on every restart. Kill only once a checkpoint triggered after the first
      // writes of both writers has completed.
      long firstWritesSeenAt = System.currentTimeMillis();
      JsonNode before = FlinkSessionCluster.await("a checkpoint after the first writes",
          () -> FLINK.get("/jobs/" + job.id + "/checkpoints"),
          c -> c.path("latest").path("completed").path("trigger_timestamp").asLong()
              > firstWritesSeenAt);
      r.checkpointsBeforeKill = before.get("counts").get("completed").asLong();
      long lastBefore = before.get("latest").get("completed").get("id").asLong();
      r.latestBeforeKill = lastBefore;
      ProcessHandle tm = FLINK.taskManager();
      r.killedPid = tm.pid();
      long killedAt = System.currentTimeMillis();
      assertTrue(tm.destroyForcibly()); // SIGKILL on Linux
      tm.onExit().get(30, TimeUnit.SECONDS);
      figure("failure: SIGKILL to TaskManager pid %d with %d results committed, %d checkpoints "
              + "completed (latest id %d)", r.killedPid, r.committedAtKill,
          r.checkpointsBeforeKill, lastBefore);
      // The rest of the input arrives while the job has no TaskManager.
      produce(t.in, secondHalf);
      endInput(t.in);

      String restart = FLINK.script("start");
      assertThat(restart, containsString("starting Flink TaskManager"));
      assertThat(restart, not(containsString("starting Flink JobManager")));
      r.newPid = FLINK.taskManager().pid();
      figure("failure: new TaskManager pid %d registered %.1f s after the kill", r.newPid,
          (System.currentTimeMillis() - killedAt) / 1000.0);
      FlinkSessionCluster.await("all tasks of the failure job RUNNING again",
          () -> FLINK.get("/jobs/" + job.id), FlinkTaskManagerRecoveryIT::allTasksRunning);
      figure("failure: all tasks RUNNING again %.1f s after the kill",
          (System.currentTimeMillis() - killedAt) / 1000.0);


      JsonNode restored = FlinkSessionCluster.await("a restored checkpoint",
          () -> FLINK.get("/jobs/" + job.id + "/checkpoints"),
          c -> c.get("counts").get("restored").asLong() >= 1
              && !c.get("latest").get("restored").isNull());
      JsonNode rc = restored.get("latest").get("restored");
      r.restoredCheckpointId = rc.get("id").asLong();
      long restoredAt = rc.get("restore_timestamp").asLong();

      KAFKA.readUntil(t.results, true, v -> v.size() >= fileRun.results.size());
      KAFKA.readUntil(t.deadLetters, true, v -> v.size() >= fileRun.deadLetters.size());
      long completeAt = System.currentTimeMillis();

      JsonNode after = FlinkSessionCluster.await("a checkpoint after the restore",
          () -> FLINK.get("/jobs/" + job.id + "/checkpoints"),
          c -> c.get("latest").get("completed").get("id").asLong() > r.restoredCheckpointId);
      r.firstCheckpointAfterRestore = after.get("latest").get("completed").get("id").asLong();
      r.checkpoints = after.toString();
      checkpointFigures("failure", after);

      JsonNode exceptions = FLINK.get("/jobs/" + job.id + "/exceptions");
      r.exceptions = exceptions.toString();
      for (JsonNode e : exceptions.path("exceptionHistory").path("entries")) {
        long at = e.get("timestamp").asLong();
        if (at >= killedAt && (r.failoverAt == 0 || at < r.failoverAt)) {
          r.failoverAt = at;
          r.failoverCause = e.get("exceptionName").asText() + ": "
              + firstLine(e.path("stacktrace").asText());
        }
      }
      r.stateBeforeCancel = FLINK.get("/jobs/" + job.id).get("state").asText();
      figure("failure: lost TaskManager detected %.1f s after the kill (%s)",
          (r.failoverAt - killedAt) / 1000.0, r.failoverCause);
      figure("failure: restored checkpoint %d (the latest before the kill was %d) %.1f s after "
              + "the kill", r.restoredCheckpointId, lastBefore, (restoredAt - killedAt) / 1000.0);
      figure("failure: complete results committed %.1f s after the kill",
          (completeAt - killedAt) / 1000.0);
      FLINK.cancel(job.id);
    } finally {
      job.stop();
    }
    recovery = r;
    return Outcome.read("failure", t);
  }

  private static boolean allTasksRunning(JsonNode job) {
    if (!job.get("state").asText().equals("RUNNING")) {
      return false;
    }
    for (JsonNode v : job.get("vertices")) {
      if (!v.get("status").asText().equals("RUNNING")) {
        return false;
      }
    }
    return true;
  }

  private static void checkpointFigures(String run, JsonNode c) {
    JsonNode s = c.path("summary");
    figure("%s: checkpoints completed %d, failed %d, restored %d; end-to-end duration avg %d ms "
            + "max %d ms; checkpointed size avg %d B max %d B", run,
        c.path("counts").path("completed").asLong(), c.path("counts").path("failed").asLong(),
        c.path("counts").path("restored").asLong(),
        s.path("end_to_end_duration").path("avg").asLong(),
        s.path("end_to_end_duration").path("max").asLong(),
        s.path("checkpointed_size").path("avg").asLong(),
        s.path("checkpointed_size").path("max").asLong());
  }

  // ----------------------------------------------------------------------------- Kafka helpers

  /** One run's topics. */
  private static final class Topics {
    final String in;
    final String results;
    final String deadLetters;
    final String lateData;

    private Topics(String run) {
      in = run + "-events";
      results = run + "-stats";
      deadLetters = run + "-dead-letters";
      lateData = run + "-late-data";
    }

    static Topics create(String run) throws Exception {
      Topics t = new Topics(run);
      KAFKA.createTopic(t.in, PARTITIONS);
      KAFKA.createTopic(t.results, 1);
      KAFKA.createTopic(t.deadLetters, 1);
      KAFKA.createTopic(t.lateData, 1);
      return t;
    }
  }

  /**
   * A file into {@code topic} with {@code ./beamline kafka produce} (keyed by sensor id, records
   * without one round-robin by line number: the same layout every time).
   */
  private static void produce(String topic, Path file) {
    List<String> args = List.of("produce", "--bootstrap", KAFKA.bootstrapServers(),
        "--topic", topic, "--file", file.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new KafkaTool(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8), HOME).run(args.toArray(new String[0]));
    assertEquals("kafka produce: " + out.toString(StandardCharsets.UTF_8), 0, code);
  }

  /** The sample's bytes (bad UTF-8 included) split after {@link #FIRST_HALF_LINES} lines. */
  private static void splitSample(Path dir) throws IOException {
    byte[] all = Files.readAllBytes(SAMPLE);
    int cut = 0;
    for (int lines = 0; lines < FIRST_HALF_LINES; cut++) {
      if (all[cut] == '\n') {
        lines++;
      }
    }
    firstHalf = Files.write(dir.resolve("first-half.jsonl"), Arrays.copyOfRange(all, 0, cut));
    secondHalf = Files.write(dir.resolve("second-half.jsonl"),
        Arrays.copyOfRange(all, cut, all.length));
  }

  private static void endInput(String topic) throws Exception {
    for (int p = 0; p < PARTITIONS; p++) {
      KAFKA.send(topic, p, "end-of-input", END_OF_INPUT.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** What a run left in its topics after the job was cancelled. */
  private static final class Outcome {
    final Topics topics;
    final List<String> results;
    final List<String> deadLetters;
    final List<String> lateData;

    private Outcome(Topics topics) {
      this.topics = topics;
      this.results = KAFKA.readAll(topics.results, true);
      this.deadLetters = KAFKA.readAll(topics.deadLetters, true);
      this.lateData = KAFKA.readAll(topics.lateData, true);
    }

    static Outcome read(String run, Topics t) {
      Outcome o = new Outcome(t);
      figure("%s: read_committed %d results, %d dead letters, %d late; read_uncommitted %d "
              + "results, %d dead letters", run, o.results.size(), o.deadLetters.size(),
          o.lateData.size(), KAFKA.readAll(t.results, false).size(),
          KAFKA.readAll(t.deadLetters, false).size());
      return o;
    }
  }

  // -------------------------------------------------------------------------------- the job

  /** sensor-stats submitted by the bundle in a JVM of its own; Flink runs it until cancelled. */
  private static final class Job {
    final String id;
    final Process launcher;

    private Job(String id, Process launcher) {
      this.id = id;
      this.launcher = launcher;
    }

    static Job submit(String run, Topics t) throws Exception {
      String jobName = "recovery-" + run + "-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> cmd = new ArrayList<>();
      cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(Arrays.asList(System.getProperty("beamline.java17.opens").trim().split("\\s+")));
      cmd.addAll(List.of("-Xmx512m", "-Dbeamline.home=" + HOME,
          "-Dbeamline.bundle=" + System.getProperty("beamline.bundle"),
          "-cp", System.getProperty("beamline.bundle"), "dev.beamline.launcher.Main",
          "run", "sensor-stats", "--profile=flink-cluster", "--flinkMaster=" + FLINK.master(),
          "--jobName=" + jobName, "--streaming=true",
          "--source=kafka", "--bootstrapServers=" + KAFKA.bootstrapServers(), "--topic=" + t.in,
          "--idleTimeout=1000d",
          "--sink=kafka", "--outputTopic=" + t.results, "--deadLetterTopic=" + t.deadLetters,
          "--lateDataTopic=" + t.lateData, "--kafkaDelivery=exactly-once",
          "--sinkGroupId=" + jobName,
          "--checkpointingInterval=" + CHECKPOINT_MS,
          // The job's own restart strategy, so it recovers on any cluster configuration.
          "--numberOfExecutionRetries=5", "--executionRetryDelay=2000"));
      File log = WORK.resolve(run + "-launcher.log").toFile();
      Files.createDirectories(WORK);
      long started = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
      JsonNode found = FlinkSessionCluster.await("job " + jobName + " on the cluster", () -> {
        if (!p.isAlive()) {
          throw new AssertionError("the launcher exited " + p.exitValue() + ":\n"
              + Files.readString(log.toPath()));
        }
        for (JsonNode j : FLINK.get("/jobs/overview").get("jobs")) {
          if (j.get("name").asText().equals(jobName)) {
            return j;
          }
        }
        return null;
      }, j -> j != null);
      figure("%s: job %s on the cluster %d s after the launcher started", run,
          found.get("state").asText(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
      return new Job(found.get("jid").asText(), p);
    }

    /** The launcher returns once the job ended (it was cancelled); a guard, not a timing. */
    void stop() throws InterruptedException {
      if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
        launcher.destroyForcibly();
      }
    }
  }

  /** Facts about the failure run's recovery, read from the REST API. */
  private static final class Recovery {
    long killedPid;
    long newPid;
    int committedAtKill;
    long checkpointsBeforeKill;
    long restoredCheckpointId;
    long latestBeforeKill;
    long firstCheckpointAfterRestore;
    long failoverAt;
    String failoverCause = "";
    String stateBeforeCancel = "";
    String checkpoints = "";
    String exceptions = "";
  }

  // ----------------------------------------------------------------------------- comparisons

  /**
   * Rows compared as multisets: count, min, max and (when {@code withPane}) the pane fields
   * exactly, mean and stddev to 1e-9 relative (summaries merged in another order may differ in
   * the last bits).
   */
  private static void assertSameRows(String what, List<String> expected, List<String> actual,
      boolean withPane) {
    List<Row> e = Row.parse(expected, withPane);
    List<Row> a = Row.parse(actual, withPane);
    assertEquals(what + ": rows (sensor, window, count, min, max"
        + (withPane ? ", pane)" : ")"), Row.keys(e), Row.keys(a));
    for (int i = 0; i < e.size(); i++) {
      assertEquals(what + ": mean of " + e.get(i).key, e.get(i).mean, a.get(i).mean,
          1e-9 * Math.max(1, Math.abs(e.get(i).mean)));
      assertEquals(what + ": stddev of " + e.get(i).key, e.get(i).stddev, a.get(i).stddev,
          1e-9 * Math.max(1, e.get(i).stddev));
    }
  }

  private static final class Row {
    final String key;
    final double mean;
    final double stddev;

    private Row(String key, double mean, double stddev) {
      this.key = key;
      this.mean = mean;
      this.stddev = stddev;
    }

    static List<Row> parse(List<String> json, boolean withPane) {
      List<Row> rows = new ArrayList<>();
      for (String line : json) {
        try {
          JsonNode n = JSON.readTree(line);
          String key = String.format(Locale.ROOT, "%s %s..%s count=%d min=%s max=%s",
              n.get("sensorId").asText(), n.get("windowStart").asText(),
              n.get("windowEnd").asText(), n.get("count").asLong(), n.get("min").asDouble(),
              n.get("max").asDouble());
          if (withPane) {
            JsonNode pane = n.get("pane");
            key += " " + pane.get("timing").asText() + "#" + pane.get("index").asLong()
                + (pane.get("final").asBoolean() ? " final" : "");
          }
          rows.add(new Row(key, n.get("mean").asDouble(), n.get("stddev").asDouble()));
        } catch (IOException ex) {
          throw new AssertionError("not JSON: " + line, ex);
        }
      }
      rows.sort((x, y) -> x.key.compareTo(y.key));
      return rows;
    }

    static List<String> keys(List<Row> rows) {
      List<String> keys = new ArrayList<>();
      for (Row r : rows) {
        keys.add(r.key);
      }
      return keys;
    }
  }

  /** Dead letters as sorted canonical JSON, the input topic's name replaced by {@code IN}. */
  private static List<String> canonicalLetters(List<String> json, String inputTopic)
      throws Exception {
    List<String> letters = new ArrayList<>();
    for (String line : json) {
      TreeMap<?, ?> m = JSON.readValue(line.replace("kafka:" + inputTopic + "/", "kafka:IN/"),
          TreeMap.class);
      letters.add(JSON.writeValueAsString(m));
    }
    letters.sort(null);
    return letters;
  }

  private static List<String> reasonsAndPayloads(List<String> json) {
    List<String> out = new ArrayList<>();
    for (String line : json) {
      try {
        JsonNode n = JSON.readTree(line);
        out.add(n.get("reason").asText() + " | " + n.get("payload").asText());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + line, e);
      }
    }
    out.sort(null);
    return out;
  }

  /** The same sample read from the file by sensor-stats on the DirectRunner in this JVM. */
  private static final class Reference {
    final List<String> results;
    final List<String> deadLetters;

    private Reference(List<String> results, List<String> deadLetters) {
      this.results = results;
      this.deadLetters = deadLetters;
    }

    static Reference compute(Path out) throws Exception {
      PipelineOptionsFactory.register(SensorStatsOptions.class);
      SensorStatsOptions o = PipelineOptionsFactory.fromArgs("--runner=DirectRunner",
          "--input=" + SAMPLE, "--output=" + out.resolve("results"),
          "--deadLetters=" + out.resolve("dead-letters"), "--lateData=" + out.resolve("late"))
          .as(SensorStatsOptions.class);
      SensorStatsPipeline pipeline = new SensorStatsPipeline();
      pipeline.validate(o);
      Pipeline p = Pipeline.create(o);
      pipeline.build(p, o);
      assertEquals(PipelineResult.State.DONE, p.run().waitUntilFinish());
      List<String> results = readParts(out.resolve("results"));
      assertFalse(results.isEmpty());
      return new Reference(results, reasonsAndPayloads(readParts(out.resolve("dead-letters"))));
    }

    private static List<String> readParts(Path folder) throws IOException {
      List<String> rows = new ArrayList<>();
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : (Iterable<Path>) files.filter(
            x -> x.getFileName().toString().startsWith("part-"))::iterator) {
          rows.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        }
      }
      return rows;
    }
  }

  private static void figure(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    FIGURES.append("  ").append(line).append('\n');
    System.out.println("FlinkTaskManagerRecoveryIT: " + line);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
