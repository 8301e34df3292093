package dev.beamline.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamline.kafka.EmbeddedKafkaBroker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka path: end-to-end latency from an event produced to its window's result produced, with
 * the wait the watermark imposes reported apart.
 *
 * <p>A real single-node broker (KRaft) runs inside the harness JVM on free ports. For each variant,
 * in turn: fresh input (2 partitions) and output topics; the variant is started reading the input
 * from the earliest offset and writing results to the output topic; probe readings (sensor
 * {@value #PROBE}, event time = now) go to both partitions until the probe's window result comes
 * out, which proves the job runs end to end (start-up is not latency); then the harness produces
 * {@code rate × seconds} generated readings at a fixed rate, round-robin over the partitions, each
 * with event time = its scheduled send time minus a deterministic disorder below half the allowance (so
 * nothing is late) and its Kafka timestamp = the time it was sent; then closing probes (event time
 * = now) every 100 ms until the clock has passed the last window's end plus the allowance. A
 * consumer records every result with its Kafka timestamp (CreateTime: when the job's sink produced
 * it).
 *
 * <p>Per result (sensor, window), after the warm-up windows: <b>end-to-end</b> = result timestamp −
 * send time of the sensor's last reading in the window; <b>watermark wait</b> = the send time of
 * the first reading that lets the watermark pass the window (event time ≥ window end + the
 * allowance, on every partition) − that same last send time: the configured wait, not an engine
 * cost; <b>after the watermark</b> = result timestamp − that release time: what the engine adds.
 * The results (probes left out) must equal plain Java's on exactly the readings sent, as in every
 * other suite.
 */
final class KafkaSuite {
  static final String PROBE = "bench-probe";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PARTITIONS = 2;

  private final BenchOptions o;
  private final Environment env;
  private final ChildRunner runner;
  private final Path work;
  private final Consumer<String> say;

  KafkaSuite(BenchOptions o, Environment env, ChildRunner runner, Path work, Consumer<String> say) {
    this.o = o;
    this.env = env;
    this.runner = runner;
    this.work = work.resolve("kafka");
    this.say = say;
  }

  SuiteResult run() throws IOException, InterruptedException {
    SuiteResult r = new SuiteResult("kafka", "Kafka path: end-to-end latency");
    ChildRunner.deleteRecursively(work);
    long events = (long) o.kafkaRate * o.kafkaSeconds;
    say.accept(String.format(Locale.ROOT, "kafka: starting a broker; %,d readings at %,d/s per variant,"
        + " %d s windows", events, o.kafkaRate, o.kafkaWindowMillis / 1000));
    List<Latencies> all = new ArrayList<>();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(work.resolve("broker"), 0, 0)
        .start(Duration.ofSeconds(120))) {
      for (Variant v : o.kafkaVariants) {
        all.add(runOne(broker.bootstrapServers(), v, events));
      }
    }
    r.markdown = markdown(events, all);
    return r;
  }

  private Latencies runOne(String servers, Variant v, long events)
      throws IOException, InterruptedException {
    String suffix = v.id + "-" + System.currentTimeMillis();
    String in = "bench-in-" + suffix;
    String out = "bench-out-" + suffix;
    createTopics(servers, in, out, "bench-dl-" + suffix, "bench-late-" + suffix);
    Path dir = work.resolve(v.id);
    Files.createDirectories(dir);
    List<ConsumerRecord<String, String>> results = new CopyOnWriteArrayList<>();
    AtomicBoolean probeSeen = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader = new Thread(() -> consume(servers, out, results, probeSeen, stop), "bench-results");
    reader.setDaemon(true);
    reader.start();

    List<String> cmd = command(v, servers, in, out, suffix);
    Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\n");
    Process child = new ProcessBuilder(cmd).directory(env.home.toFile())
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    long peakRssMb;
    Sent sent;
    try (KafkaProducer<String, String> producer = producer(servers)) {
      long started = System.nanoTime();
      while (!probeSeen.get()) {
        if (!child.isAlive()) {
          throw new VoidBenchmarkException(v.id + " (kafka) exited with " + child.exitValue()
              + " before its first result; see " + dir);
        }
        if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(5)) {
          throw new VoidBenchmarkException(v.id + " (kafka) produced no result in 5 minutes; see " + dir);
        }
        long now = System.currentTimeMillis();
        for (int p = 0; p < PARTITIONS; p++) {
          producer.send(new ProducerRecord<>(in, p, now, PROBE, line(PROBE, now, 20.0)));
        }
        producer.flush();
        Thread.sleep(250);
      }
      say.accept(String.format(Locale.ROOT, "kafka: %s answers end to end after %.0f s; producing",
          v.id, (System.nanoTime() - started) / 1e9));
      sent = produce(producer, in, events, dir.resolve("input"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        if (countResults(results) >= sent.expectedRows) {
          break;
        }
        Thread.sleep(200);
      }
      peakRssMb = peakRssMb(child);
    } finally {
      stop.set(true);
      child.descendants().forEach(ProcessHandle::destroy);
      child.destroy();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly();
      }
      reader.join(10_000);
    }
    say.accept(String.format(Locale.ROOT, "kafka: %s wrote %,d results (peak RSS %,d MB); checking",
        v.id, countResults(results), peakRssMb));
    WindowResults got = writeResults(results, dir.resolve("results"), v.id);
    Workload w = new Workload("kafka", v.id, dir.resolve("input"), events, o.keys,
        o.kafkaWindowMillis, o.kafkaWindowMillis, o.maxDisorderMillis);
    Path refOut = dir.resolve("plain-java");
    runner.run(Variant.PLAIN_JAVA, w, 0, refOut);
    WindowResults reference = WindowResults.read(refOut.resolve("results"), "plain-java");
    got.requireSameAs(reference, v.id + " (kafka)", "plain-java");
    return latencies(v, sent, results, peakRssMb);
  }

  private List<String> command(Variant v, String servers, String in, String out, String suffix) {
    List<String> cmd = new ArrayList<>();
    String disorder = o.maxDisorderMillis + "ms";
    if (v.kind == Variant.Kind.BEAM) {
      cmd.add(env.home.resolve("beamline").toString());
      cmd.addAll(List.of("run", "sensor-stats", "--profile=" + v.mode, "--streaming=true",
          "--source=kafka", "--bootstrapServers=" + servers, "--topic=" + in,
          "--maxOutOfOrderness=" + disorder, "--sink=kafka", "--outputTopic=" + out,
          "--deadLetterTopic=bench-dl-" + suffix, "--lateDataTopic=bench-late-" + suffix,
          "--windowSize=" + o.kafkaWindowMillis + "ms"));
      cmd.addAll(env.extraBeamFlags);
    } else if (v == Variant.NATIVE_FLINK_STREAMING) {
      cmd.addAll(env.javaCommand(env.nativeJvmFlags));
      cmd.addAll(List.of("dev.beamline.bench.flink.NativeFlinkKafkaSensorStats",
          "--bootstrapServers", servers, "--topic", in, "--outputTopic", out, "--parallelism", "2",
          "--windowSizeMillis", Long.toString(o.kafkaWindowMillis),
          "--maxDisorderMillis", Long.toString(o.maxDisorderMillis)));
    } else {
      throw new IllegalArgumentException("the kafka suite runs streaming variants only: "
          + Variant.BEAM_FLINK_STREAMING.id + ", " + Variant.NATIVE_FLINK_STREAMING.id + "; not " + v.id);
    }
    return cmd;
  }

  /** What was sent: per reading its send time, partition, event time and (sensor, window). */
  private static final class Sent {
    final Map<String, Long> lastSendBySensorWindow = new HashMap<>();
    /** Per partition, the send times and event times of everything sent there, in order. */
    final List<long[]> sendTimes = new ArrayList<>();
    final List<long[]> eventTimes = new ArrayList<>();
    long firstWindowStart;
    long expectedRows;
  }

  private Sent produce(KafkaProducer<String, String> producer, String topic, long events, Path inputDir)
      throws IOException, InterruptedException {
    Files.createDirectories(inputDir);
    Random rnd = new Random(o.seed);
    long window = o.kafkaWindowMillis;
    long start = System.currentTimeMillis() + 200;
    Sent s = new Sent();
    s.firstWindowStart = Math.floorDiv(start, window) * window;
    int perPartition = (int) ((events + PARTITIONS - 1) / PARTITIONS)
        + (int) ((o.kafkaWindowMillis + o.maxDisorderMillis) / 100) + 100;
    long[][] sendTimes = new long[PARTITIONS][perPartition];
    long[][] eventTimes = new long[PARTITIONS][perPartition];
    int[] n = new int[PARTITIONS];
    long lastEventTime = start;
    java.util.Set<String> windows = new java.util.HashSet<>();
    long startNanos = System.nanoTime() + 200_000_000L;
    try (BufferedWriter w = Files.newBufferedWriter(inputDir.resolve("part-0.jsonl"),
        StandardCharsets.UTF_8)) {
      for (long i = 0; i < events; i++) {
        long dueNanos = startNanos + i * 1_000_000_000L / o.kafkaRate;
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 0) {
          if (wait > 2_000_000) {
            Thread.sleep(1);
          } else {
            Thread.onSpinWait();
          }
        }
        String sensor = String.format(Locale.ROOT, "sensor-%06d", rnd.nextInt(o.keys));
        double temperature = Math.round((15 + rnd.nextGaussian() * 3) * 100) / 100.0;
        long scheduled = start + i * 1000 / o.kafkaRate;
        long eventTime = scheduled - (long) (rnd.nextDouble() * (o.maxDisorderMillis / 2.0));
        int p = (int) (i % PARTITIONS);
        String value = line(sensor, eventTime, temperature);
        long now = System.currentTimeMillis();
        producer.send(new ProducerRecord<>(topic, p, now, sensor, value));
        w.write(value);
        w.write('\n');
        sendTimes[p][n[p]] = now;
        eventTimes[p][n[p]] = eventTime;
        n[p]++;
        long ws = Math.floorDiv(eventTime, window) * window;
        s.lastSendBySensorWindow.merge(sensor + "|" + ws, now, Math::max);
        windows.add(sensor + "|" + ws);
        lastEventTime = Math.max(lastEventTime, eventTime);
      }
      producer.flush();
    }
    // Closing probes, event time = now, every 100 ms on every partition until the clock has passed
    // the last window's end plus the allowance: sensor-stats' watermark never runs ahead of the
    // wall clock (a future event time does not drag it along), so a probe stamped in the future
    // would not close the last windows when it is sent.
    long closeAt = Math.floorDiv(lastEventTime, window) * window + window + o.maxDisorderMillis + 1_000;
    while (true) {
      long now = System.currentTimeMillis();
      for (int p = 0; p < PARTITIONS; p++) {
        producer.send(new ProducerRecord<>(topic, p, now, PROBE, line(PROBE, now, 20.0)));
        sendTimes[p][n[p]] = now;
        eventTimes[p][n[p]] = now;
        n[p]++;
      }
      producer.flush();
      if (now > closeAt || n[0] >= sendTimes[0].length) {
        break;
      }
      Thread.sleep(100);
    }
    for (int p = 0; p < PARTITIONS; p++) {
      s.sendTimes.add(Arrays.copyOf(sendTimes[p], n[p]));
      s.eventTimes.add(Arrays.copyOf(eventTimes[p], n[p]));
    }
    s.expectedRows = windows.size();
    return s;
  }

  /**
   * When the watermark could first pass the window ending at {@code end}: on every partition, the
   * send time of the first reading with event time ≥ end + the allowance (the latest of those).
   */
  private long releaseTime(Sent s, long end) {
    long release = Long.MIN_VALUE;
    for (int p = 0; p < PARTITIONS; p++) {
      long[] ev = s.eventTimes.get(p);
      long[] st = s.sendTimes.get(p);
      long first = Long.MAX_VALUE;
      for (int i = 0; i < ev.length; i++) {
        if (ev[i] >= end + o.maxDisorderMillis) {
          first = st[i];
          break;
        }
      }
      release = Math.max(release, first);
    }
    return release;
  }

  private static String line(String sensor, long eventMillis, double temperature) {
    return String.format(Locale.ROOT,
        "{\"sensorId\":\"%s\",\"ts\":\"%s\",\"temperature\":%.2f,\"humidity\":50.0}", sensor,
        Instant.ofEpochMilli(eventMillis), temperature);
  }

  private static void createTopics(String servers, String... topics) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    try (Admin admin = Admin.create(p)) {
      List<NewTopic> nt = new ArrayList<>();
      for (String t : topics) {
        nt.add(new NewTopic(t, PARTITIONS, (short) 1));
      }
      admin.createTopics(nt).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new VoidBenchmarkException("could not create topics " + Arrays.toString(topics) + ": " + e);
    }
  }

  private static KafkaProducer<String, String> producer(String servers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static void consume(String servers, String topic,
      List<ConsumerRecord<String, String>> results, AtomicBoolean probeSeen, AtomicBoolean stop) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int i = 0; i < PARTITIONS; i++) {
        parts.add(new TopicPartition(topic, i));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      while (!stop.get()) {
        for (ConsumerRecord<String, String> rec : c.poll(Duration.ofMillis(100))) {
          if (rec.value().contains("\"" + PROBE + "\"")) {
            probeSeen.set(true);
          } else {
            results.add(rec);
          }
        }
      }
    }
  }

  private static long countResults(List<ConsumerRecord<String, String>> results) {
    return results.size();
  }

  /** Peak resident memory (VmHWM) of the child's JVM, read before it is stopped; -1 if unknown. */
  private static long peakRssMb(Process child) {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(child.toHandle());
    child.descendants().forEach(all::add);
    long best = -1;
    for (ProcessHandle h : all) {
      try {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
          if (l.startsWith("VmHWM:")) {
            best = Math.max(best, Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024);
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux, or the process is gone
      }
    }
    return best;
  }

  private static WindowResults writeResults(List<ConsumerRecord<String, String>> results, Path dir,
      String who) throws IOException {
    Files.createDirectories(dir);
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("part-0.jsonl"), StandardCharsets.UTF_8)) {
      for (ConsumerRecord<String, String> r : results) {
        w.write(r.value());
        w.write('\n');
      }
    }
    return WindowResults.read(dir, who + " (kafka)");
  }

  /** Latency samples of one variant, in milliseconds. */
  private record Latencies(Variant variant, long[] endToEnd, long[] watermarkWait, long[] afterWatermark,
      int windows, long peakRssMb) {}

  private Latencies latencies(Variant v, Sent sent, List<ConsumerRecord<String, String>> results,
      long peakRssMb) throws IOException {
    long warmupEnd = sent.firstWindowStart + o.kafkaWarmupSeconds * 1000L;
    Map<Long, Long> releaseByEnd = new HashMap<>();
    List<long[]> samples = new ArrayList<>();
    java.util.Set<Long> windows = new java.util.HashSet<>();
    for (ConsumerRecord<String, String> r : results) {
      JsonNode n = JSON.readTree(r.value());
      long start = Instant.parse(n.get("windowStart").asText()).toEpochMilli();
      long end = Instant.parse(n.get("windowEnd").asText()).toEpochMilli();
      if (start < warmupEnd) {
        continue;
      }
      Long last = sent.lastSendBySensorWindow.get(n.get("sensorId").asText() + "|" + start);
      if (last == null) {
        continue; // checked against plain Java already: cannot happen for a valid run
      }
      long release = releaseByEnd.computeIfAbsent(end, e -> releaseTime(sent, e));
      samples.add(new long[] {r.timestamp() - last, release - last, r.timestamp() - release});
      windows.add(start);
    }
    long[] e2e = new long[samples.size()];
    long[] wm = new long[samples.size()];
    long[] after = new long[samples.size()];
    for (int i = 0; i < samples.size(); i++) {
      e2e[i] = samples.get(i)[0];
      wm[i] = samples.get(i)[1];
      after[i] = samples.get(i)[2];
    }
    Arrays.sort(e2e);
    Arrays.sort(wm);
    Arrays.sort(after);
    return new Latencies(v, e2e, wm, after, windows.size(), peakRssMb);
  }

  private static String pct(long[] sorted) {
    if (sorted.length == 0) {
      return "– | – | – | –";
    }
    return String.format(Locale.ROOT, "%,d | %,d | %,d | %,d", rank(sorted, 0.50), rank(sorted, 0.95),
        rank(sorted, 0.99), sorted[sorted.length - 1]);
  }

  /** Nearest-rank percentile. */
  private static long rank(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private String markdown(long events, List<Latencies> all) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%,d readings per variant produced at %,d/s over 2 partitions,"
        + " %,d sensors, tumbling %d s windows, disorder below %d s (watermark allowance %d s); results"
        + " of the windows starting in the first %d s left out (warm-up); every variant's results"
        + " checked equal to plain Java's on exactly the readings sent. Milliseconds.%n%n", events,
        o.kafkaRate, o.keys, o.kafkaWindowMillis / 1000, o.maxDisorderMillis / 2000,
        o.maxDisorderMillis / 1000, o.kafkaWarmupSeconds));
    md.append("| variant | results (windows) | end-to-end p50 | p95 | p99 | max | watermark wait p50 | p95"
        + " | p99 | max | after the watermark p50 | p95 | p99 | max | peak RSS MB |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---:"
        + " | ---: | ---: |\n");
    for (Latencies l : all) {
      md.append(String.format(Locale.ROOT, "| %s | %,d (%d) | %s | %s | %s | %,d |%n", l.variant().label,
          l.endToEnd().length, l.windows(), pct(l.endToEnd()), pct(l.watermarkWait()),
          pct(l.afterWatermark()), l.peakRssMb()));
    }
    md.append("\nend-to-end = result's Kafka timestamp − send time of the sensor's last reading in the"
        + " window; watermark wait = send time of the first reading that lets the watermark pass the"
        + " window on every partition − that last send time (configured, not an engine cost); after"
        + " the watermark = result's timestamp − that release time (what the engine adds: watermark"
        + " propagation, firing, bundling, the sink).\n\n");
    return md.toString();
  }
}
