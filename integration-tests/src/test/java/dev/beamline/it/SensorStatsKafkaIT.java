package dev.beamline.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamline.pipelines.sensorstats.SensorStatsOptions;
import dev.beamline.pipelines.sensorstats.SensorStatsPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.joda.time.Instant;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * sensor-stats from Kafka to Kafka on a real broker, on the DirectRunner (at-least-once) and on the
 * FlinkRunner in streaming mode (exactly-once, read back with {@code read_committed}), asserting
 * the exact windowed results and dead letters read back from the output topics.
 *
 * <p>The input has events out of order within {@code --maxOutOfOrderness}, bad records of four
 * kinds, and, once the first results are out, a record late within the allowed lateness (a LATE
 * pane) and one later than that (no pane: it goes to the late-data topic with the window it
 * missed). Event times sit ten minutes before the wall clock:
 * {@code --idleTimeout} lets caught-up partitions follow the clock, as in production, which closes
 * the windows once everything is read. Two phases keep lateness deterministic: the late records are
 * produced only after the on-time panes were read back, so the watermark has passed their windows.
 */
public class SensorStatsKafkaIT {
  @ClassRule public static final KafkaBroker KAFKA = new KafkaBroker();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MINUTE = 60_000;
  /** Start of the first window: a whole minute, ten minutes ago. */
  private static final Instant T0 =
      new Instant((System.currentTimeMillis() / MINUTE - 10) * MINUTE);

  private static final String BAD_TS =
      "{\"sensorId\":\"sensor-b\",\"ts\":\"yesterday\",\"temperature\":1.0}";
  private static final String NOT_JSON = "not json";
  private static final byte[] NOT_UTF8 = {'{', (byte) 0xFF, '}'};
  private static final String BAD_TEMPERATURE =
      "{\"sensorId\":\"sensor-c\",\"ts\":\"" + at(20) + "\",\"temperature\":\"hot\"}";

  private static Instant at(long seconds) {
    return T0.plus(seconds * 1000);
  }

  private static byte[] event(String sensor, Instant ts, double temperature) {
    return ("{\"sensorId\":\"" + sensor + "\",\"ts\":\"" + ts + "\",\"temperature\":" + temperature
        + ",\"humidity\":40.0}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  public void directRunnerAtLeastOnceGivesExactPanesLatePaneAndDeadLetters() throws Exception {
    Scenario s = new Scenario("direct");
    PipelineResult run = s.start("--runner=DirectRunner", "--blockOnRun=false");
    try {
      s.assertOnTimePanesAndDeadLetters(false);
      s.produceLateRecords();
      s.assertLatePaneAndLateData(false);
      assertEquals("the too-late record is counted as late", 1,
          awaitCounter(run, "dropped_late", 1));
      assertEquals("and caused no result row", s.expectedRows(true),
          rows(KAFKA.readAll(s.results, false)));
      assertEquals(14, awaitCounter(run, "lines_read", 14));
      assertEquals(10, awaitCounter(run, "valid_events", 10));
      assertEquals(4, awaitCounter(run, "dead_letters", 4));
      assertEquals(9, awaitCounter(run, "windowed_events", 9));
    } finally {
      run.cancel();
    }
  }

  /**
   * On Flink, exactly-once results become visible when a checkpoint commits, so every topic is
   * read with {@code read_committed}.
   */
  @Test
  public void flinkStreamingExactlyOnceGivesTheSamePanesAndDeadLetters() throws Exception {
    Scenario s = new Scenario("flink");
    PipelineResult run = s.start("--runner=FlinkRunner", "--flinkMaster=[local]",
        "--parallelism=2", "--streaming=true", "--attachedMode=false",
        "--checkpointingInterval=1000", "--kafkaDelivery=exactly-once",
        "--sinkGroupId=it-" + UUID.randomUUID());
    try {
      s.assertOnTimePanesAndDeadLetters(true);
      s.produceLateRecords();
      s.assertLatePaneAndLateData(true);
    } finally {
      run.cancel();
    }
  }

  /**
   * apache/beam#20908: with Beam's own limited-delay policy, a partition that never receives a
   * record holds the watermark at its minimum and no window ever fires. Here one of three
   * partitions stays empty and every window still fires on time.
   */
  @Test
  public void anEmptyPartitionDoesNotStallTheWindows() throws Exception {
    String in = "idle-events";
    String results = "idle-stats";
    KAFKA.createTopic(in, 3);
    KAFKA.send(in, 0, "sensor-a", event("sensor-a", at(5), 20.0));
    KAFKA.send(in, 0, "sensor-a", event("sensor-a", at(65), 21.0));
    KAFKA.send(in, 1, "sensor-b", event("sensor-b", at(10), 10.0));
    PipelineResult run = start(in, results, "idle-dead", "idle-late", "--runner=DirectRunner",
        "--blockOnRun=false");
    try {
      List<String> rows = KAFKA.readUntil(results, false, v -> v.size() >= 3);
      assertEquals(new TreeSet<>(List.of(
              row("sensor-a", 0, 1, 20.0, 20.0, 20.0, 0.0, "ON_TIME", 0),
              row("sensor-a", 1, 1, 21.0, 21.0, 21.0, 0.0, "ON_TIME", 0),
              row("sensor-b", 0, 1, 10.0, 10.0, 10.0, 0.0, "ON_TIME", 0))),
          rows(rows));
    } finally {
      run.cancel();
    }
  }

  /** One run's topics, what was sent where, and what must come out. */
  private static final class Scenario {
    final String in;
    final String results;
    final String dead;
    final String late;
    final List<String> expectedDeadLetters = new ArrayList<>();

    Scenario(String name) throws Exception {
      in = name + "-events";
      results = name + "-stats";
      dead = name + "-dead-letters";
      late = name + "-late-data";
      KAFKA.createTopic(in, 3);
      // Partition 0: sensor-a, one record 5 s out of order, one in the second window.
      KAFKA.send(in, 0, "sensor-a", event("sensor-a", at(5), 20.0));
      KAFKA.send(in, 0, "sensor-a", event("sensor-a", at(30), 22.0));
      KAFKA.send(in, 0, "sensor-a", event("sensor-a", at(25), 21.0));
      KAFKA.send(in, 0, "sensor-a", event("sensor-a", at(65), 25.0));
      // Partition 1: sensor-b, 8 s out of order, then a time nobody can read and a non-JSON line.
      KAFKA.send(in, 1, "sensor-b", event("sensor-b", at(10), 10.0));
      KAFKA.send(in, 1, "sensor-b", event("sensor-b", at(70), 11.0));
      KAFKA.send(in, 1, "sensor-b", event("sensor-b", at(62), 12.0));
      expect(KAFKA.send(in, 1, "sensor-b", BAD_TS.getBytes(StandardCharsets.UTF_8)),
          "field 'ts' is not an ISO-8601 UTC instant like 2026-11-01T00:00:00.125Z: \"yesterday\"",
          BAD_TS);
      expect(KAFKA.send(in, 1, null, NOT_JSON.getBytes(StandardCharsets.UTF_8)),
          "malformed JSON at column 4: Unrecognized token 'not': was expecting (JSON String, "
              + "Number, Array, Object or token 'null', 'true' or 'false')", NOT_JSON);
      // Partition 2: sensor-c, bytes that are not UTF-8, a temperature that is not a number.
      KAFKA.send(in, 2, "sensor-c", event("sensor-c", at(15), 30.0));
      expect(KAFKA.send(in, 2, "sensor-c", NOT_UTF8),
          "invalid UTF-8: the line contains bytes that are not UTF-8", "{\uFFFD}");
      expect(KAFKA.send(in, 2, "sensor-c", BAD_TEMPERATURE.getBytes(StandardCharsets.UTF_8)),
          "field 'temperature' must be a number, got a string", BAD_TEMPERATURE);
    }

    private void expect(RecordMetadata where, String reason, String payload) throws Exception {
      Map<String, Object> letter = new java.util.LinkedHashMap<>();
      letter.put("stage", "parse");
      letter.put("reason", reason);
      letter.put("source", "kafka:" + in + "/" + where.partition());
      letter.put("position", where.offset());
      letter.put("payload", payload);
      expectedDeadLetters.add(JSON.writeValueAsString(letter));
    }

    PipelineResult start(String... runnerArgs) throws Exception {
      return SensorStatsKafkaIT.start(in, results, dead, late, runnerArgs);
    }

    TreeSet<String> expectedRows(boolean withLatePane) {
      TreeSet<String> rows = new TreeSet<>(List.of(
          row("sensor-a", 0, 3, 20.0, 22.0, 21.0, Math.sqrt(2.0 / 3), "ON_TIME", 0),
          row("sensor-a", 1, 1, 25.0, 25.0, 25.0, 0.0, "ON_TIME", 0),
          row("sensor-b", 0, 1, 10.0, 10.0, 10.0, 0.0, "ON_TIME", 0),
          row("sensor-b", 1, 2, 11.0, 12.0, 11.5, 0.5, "ON_TIME", 0),
          row("sensor-c", 0, 1, 30.0, 30.0, 30.0, 0.0, "ON_TIME", 0)));
      if (withLatePane) {
        rows.add(row("sensor-a", 0, 4, 20.0, 23.0, 21.5, Math.sqrt(1.25), "LATE", 1));
      }
      return rows;
    }

    void assertOnTimePanesAndDeadLetters(boolean readCommitted) throws Exception {
      assertEquals(expectedRows(false),
          rows(KAFKA.readUntil(results, readCommitted, v -> v.size() >= 5)));
      List<String> letters = KAFKA.readUntil(dead, readCommitted, v -> v.size() >= 4);
      assertEquals(canonical(expectedDeadLetters), canonical(letters));
    }

    void produceLateRecords() throws Exception {
      // Its window ended two hours ago, beyond the allowed lateness of one hour: dropped.
      KAFKA.send(in, 0, "sensor-a", event("sensor-a", T0.minus(2 * 3600_000L).plus(5000), 99.0));
      // The first window again, after its on-time pane: a late pane that updates it.
      KAFKA.send(in, 0, "sensor-a", event("sensor-a", at(40), 23.0));
    }

    void assertLatePaneAndLateData(boolean readCommitted) throws Exception {
      assertEquals(expectedRows(true),
          rows(KAFKA.readUntil(results, readCommitted, v -> v.size() >= 6)));
      Instant tooLate = T0.minus(2 * 3600_000L).plus(5000);
      Instant missedStart = T0.minus(2 * 3600_000L);
      String expected = "{\"event\":{\"sensorId\":\"sensor-a\",\"ts\":\"" + tooLate
          + "\",\"temperature\":99.0,\"humidity\":40.0},\"eventTime\":\"" + tooLate
          + "\",\"windowStart\":\"" + missedStart + "\",\"windowEnd\":\""
          + missedStart.plus(MINUTE) + "\"}";
      assertEquals(List.of(expected), KAFKA.readUntil(late, readCommitted, v -> v.size() >= 1));
    }
  }

  static PipelineResult start(String in, String results, String dead, String late,
      String... runnerArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of(
        "--source=kafka", "--bootstrapServers=" + KAFKA.bootstrapServers(), "--topic=" + in,
        "--maxOutOfOrderness=10s", "--idleTimeout=2s",
        "--sink=kafka", "--outputTopic=" + results, "--deadLetterTopic=" + dead,
        "--lateDataTopic=" + late,
        "--windowSize=60s", "--allowedLateness=1h"));
    args.addAll(List.of(runnerArgs));
    PipelineOptionsFactory.register(SensorStatsOptions.class);
    SensorStatsOptions o = PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
        .withValidation().as(SensorStatsOptions.class);
    SensorStatsPipeline pipeline = new SensorStatsPipeline();
    String plan = pipeline.validate(o);
    assertThat(plan, containsString("input kafka topic " + in + " at " + KAFKA.bootstrapServers()
        + " (unbounded, so streaming: stop with Ctrl-C)"));
    assertTrue("an endless read runs in streaming mode", o.isStreaming());
    Pipeline p = Pipeline.create(o);
    pipeline.build(p, o);
    return p.run();
  }

  /** A result row as the pipeline writes it, in a canonical text form for set comparison. */
  private static String row(String sensor, int window, long count, double min, double max,
      double mean, double stddev, String timing, long index) {
    return String.format(java.util.Locale.ROOT,
        "%s %s..%s count=%d min=%s max=%s mean=%.9f stddev=%.9f %s#%d", sensor,
        T0.plus(window * MINUTE), T0.plus((window + 1) * MINUTE), count, min, max, mean, stddev,
        timing, index);
  }

  private static TreeSet<String> rows(List<String> json) {
    TreeSet<String> rows = new TreeSet<>();
    for (String line : json) {
      try {
        JsonNode n = JSON.readTree(line);
        Instant start = Instant.parse(n.get("windowStart").asText());
        Instant end = Instant.parse(n.get("windowEnd").asText());
        assertEquals("window length of " + line, MINUTE, end.getMillis() - start.getMillis());
        assertEquals("pane of " + line, false, n.get("pane").get("final").asBoolean());
        rows.add(row(n.get("sensorId").asText(), (int) ((start.getMillis() - T0.getMillis()) / MINUTE),
            n.get("count").asLong(), n.get("min").asDouble(), n.get("max").asDouble(),
            n.get("mean").asDouble(), n.get("stddev").asDouble(),
            n.get("pane").get("timing").asText(), n.get("pane").get("index").asLong()));
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + line, e);
      }
    }
    assertEquals("duplicate rows in " + json, json.size(), rows.size());
    return rows;
  }

  private static TreeSet<String> canonical(List<String> json) throws Exception {
    TreeSet<String> set = new TreeSet<>();
    for (String line : json) {
      set.add(JSON.writeValueAsString(JSON.readValue(line, TreeMap.class)));
    }
    return set;
  }

  /** Polls a counter (any namespace) until it reaches {@code expected}; returns its last value. */
  private static long awaitCounter(PipelineResult run, String name, long expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + KafkaBroker.GUARD.toNanos();
    long value = -1;
    while (System.nanoTime() < deadline) {
      value = 0;
      for (MetricResult<Long> c : run.metrics().queryMetrics(MetricsFilter.builder().build())
          .getCounters()) {
        if (c.getName().getName().equals(name)) {
          value += c.getAttempted();
        }
      }
      if (value >= expected) {
        return value;
      }
      Thread.sleep(Duration.ofMillis(200).toMillis());
    }
    return value;
  }
}
