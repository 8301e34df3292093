package dev.beamline.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beamline.kafka.KafkaTool;
import dev.beamline.launcher.Launcher;
import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.clickstreamsessions.ClickstreamSessionsPipeline;
import dev.beamline.pipelines.frauddetection.FraudDetectionPipeline;
import dev.beamline.pipelines.traffictoptalkers.TrafficTopTalkersPipeline;
import dev.beamline.pipelines.trendingtopics.TrendingTopicsPipeline;
import dev.beamline.pipelines.wordcount.WordCountPipeline;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The five catalogue pipelines besides sensor-stats, each run from Kafka to Kafka with the bundle
 * as a user runs it, against one real broker shared by the class.
 *
 * <p>For each pipeline: its sample goes into a 3-partition topic with {@code kafka produce
 * --keyField <its key>} (bad lines, out-of-order lines and repeats included); the bundle runs
 * {@code run <name> --profile=flink-local --source=kafka --maxRecords=<lines> --sink=kafka ...} in
 * a JVM of its own, a bounded read that ends by itself; meanwhile the same launcher runs the file
 * run of the same sample on the same profile in this JVM. Then every output topic (results, the
 * pipeline's extra result topics, dead letters, late data) must hold exactly the file run's lines,
 * as multisets, with each dead letter's {@code kafka:<topic>/<partition>} and offset translated
 * back to the sample's path and line number; both runs' counters must be equal, both ledger
 * identities must hold, every line of the sample must have been read, and each {@code *_written}
 * counter must equal what its topic holds.
 *
 * <p>Flink batch in both runs: a bounded Kafka read holds the watermark at its minimum until the
 * read ends, as a file does, so nothing is late and the pane fields (timing {@code UNKNOWN} in
 * Flink batch) are comparable line for line.
 */
public class CatalogueKafkaIT {
  @ClassRule public static final KafkaBroker KAFKA = new KafkaBroker();
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path HOME = Paths.get(System.getProperty("beamline.home", ".."))
      .toAbsolutePath().normalize();
  private static final String PROFILE = "--profile=flink-local";
  private static final int PARTITIONS = 3;
  /** A guard against a hung run, not a timing assertion. */
  private static final Duration RUN_GUARD = Duration.ofMinutes(5);
  private static final Pattern COUNTER =
      Pattern.compile("^\\s+([a-z_]+)\\s+([0-9][0-9,]*)\\s*$", Pattern.MULTILINE);

  @Test
  public void wordcountFromKafkaEqualsItsFileRun() throws Exception {
    new Case(new WordCountPipeline(), "source").withResults("results_written").run();
  }

  @Test
  public void trendingTopicsFromKafkaEqualsItsFileRun() throws Exception {
    new Case(new TrendingTopicsPipeline(), "postId").withResults("results_written").run();
  }

  /**
   * The account profiles are a side input read from {@code --accounts} (a file) in both runs; its
   * bad lines are dead letters with the accounts file as source in both.
   */
  @Test
  public void fraudDetectionFromKafkaEqualsItsFileRun() throws Exception {
    String accounts = "--accounts=" + HOME.resolve("testdata/fraud-detection/accounts.jsonl");
    new Case(new FraudDetectionPipeline(), "accountId").withResults("alerts_written")
        .withArgs(accounts).run();
  }

  /** Three result topics: top talkers, protocol totals and port-scan suspects. */
  @Test
  public void trafficTopTalkersFromKafkaEqualsItsFileRun() throws Exception {
    new Case(new TrafficTopTalkersPipeline(), "srcIp")
        .withResults("top_talker_rankings_written", "outputTopic", "top-talkers")
        .withResults("protocol_totals_written", "protocolTotalsTopic", "protocol-totals")
        .withResults("port_scan_suspects_written", "portScanSuspectsTopic", "port-scan-suspects")
        .run();
  }

  @Test
  public void clickstreamSessionsFromKafkaEqualsItsFileRun() throws Exception {
    new Case(new ClickstreamSessionsPipeline(), "userId").withResults("sessions_written").run();
  }

  /** One pipeline's Kafka run and file run, and what both must agree on. */
  private static final class Case {
    final BeamlinePipeline<?> pipeline;
    final String name;
    final String keyField;
    final Path sample;
    final String inputTopic;
    final List<String> extraArgs = new ArrayList<>();
    /** Result outputs: counter, topic flag, file sub-folder ("" = the --output folder itself). */
    final List<String[]> results = new ArrayList<>();

    Case(BeamlinePipeline<?> pipeline, String keyField) {
      this.pipeline = pipeline;
      this.name = pipeline.name();
      this.keyField = keyField;
      this.sample = HOME.resolve("testdata").resolve(name).resolve("sample.jsonl");
      this.inputTopic = name + "-events";
    }

    Case withArgs(String... args) {
      extraArgs.addAll(List.of(args));
      return this;
    }

    /** The results: {@code --outputTopic} against the {@code --output} folder. */
    Case withResults(String counter) {
      return withResults(counter, "outputTopic", "");
    }

    Case withResults(String counter, String topicFlag, String subFolder) {
      results.add(new String[] {counter, topicFlag, subFolder});
      return this;
    }

    String topic(String flag) {
      return name + "-" + flag;
    }

    void run() throws Exception {
      List<byte[]> lines = sampleLines(sample);

      // The input topic exists, with every partition led, before producing (see produce()).
      KAFKA.createTopic(inputTopic, PARTITIONS);
      awaitLeaders(inputTopic);
      List<String> outputFlags = new ArrayList<>();
      for (String[] r : results) {
        outputFlags.add(r[1]);
      }
      outputFlags.add("deadLetterTopic");
      outputFlags.add("lateDataTopic");
      for (String flag : outputFlags) {
        KAFKA.createTopic(topic(flag), 1);
      }
      String produced = tool("produce", "--bootstrap", KAFKA.bootstrapServers(),
          "--topic", inputTopic, "--file", sample.toString(), "--keyField", keyField);
      assertTrue(produced, produced.contains("sent " + lines.size() + " records to " + inputTopic));
      Map<String, Long> lineOf = lineNumbers(inputTopic, lines);

      List<String> kafkaArgs = new ArrayList<>(List.of("run", name, PROFILE,
          "--source=kafka", "--bootstrapServers=" + KAFKA.bootstrapServers(),
          "--topic=" + inputTopic, "--maxRecords=" + lines.size(), "--sink=kafka"));
      for (String flag : outputFlags) {
        kafkaArgs.add("--" + flag + "=" + topic(flag));
      }
      kafkaArgs.addAll(extraArgs);
      BundleRun kafkaRun = BundleRun.start(kafkaArgs);

      // The file run of the same sample, in this JVM while the bundle runs.
      Path out = TMP.newFolder(name + "-file-run").toPath();
      List<String> fileArgs = new ArrayList<>(List.of("run", name, PROFILE,
          "--input=" + sample, "--output=" + out.resolve("results"),
          "--deadLetters=" + out.resolve("dead-letters"), "--lateData=" + out.resolve("late-data")));
      fileArgs.addAll(extraArgs);
      String[] fileRun;
      String[] kafka;
      try {
        fileRun = launch(fileArgs);
        kafka = kafkaRun.await();
      } finally {
        kafkaRun.process.destroyForcibly();
      }
      Map<String, Long> kafkaCounters = counters(kafka[0]);
      Map<String, Long> fileCounters = counters(fileRun[0]);

      // Both runs end, balanced, with the same counts.
      assertTrue("kafka run:\n" + kafka[0] + tail(kafka[1]), kafka[0].contains("state                  DONE"));
      for (String c : pipeline.counters()) {
        assertEquals(name + ": counter " + c + " of the Kafka run vs the file run",
            require(fileCounters, c), require(kafkaCounters, c));
      }
      for (List<String> identity : pipeline.ledger()) {
        long parts = 0;
        for (String part : identity.subList(1, identity.size())) {
          parts += require(kafkaCounters, part);
        }
        assertEquals(name + ": ledger " + identity, require(kafkaCounters, identity.get(0)), parts);
      }
      assertEquals(name + ": every record read", lines.size(),
          require(kafkaCounters, "lines_read"));

      // Every output topic holds exactly what the file run wrote to its folder.
      for (String[] r : results) {
        List<String> fromKafka = KAFKA.readAll(topic(r[1]), false);
        Path folder = r[2].isEmpty() ? out.resolve("results") : out.resolve("results").resolve(r[2]);
        assertEquals(name + ": " + r[0], require(kafkaCounters, r[0]), fromKafka.size());
        assertTrue(name + ": no " + r[1] + " results", !fromKafka.isEmpty());
        assertEquals(name + ": " + r[1] + " vs " + folder, sorted(readParts(folder)),
            sorted(fromKafka));
      }
      List<String> deadLetters = KAFKA.readAll(topic("deadLetterTopic"), false);
      assertEquals(name + ": dead_letters_written", require(kafkaCounters, "dead_letters_written"),
          deadLetters.size());
      assertTrue(name + ": the sample's bad lines are dead letters", !deadLetters.isEmpty());
      assertEquals(name + ": dead letters", canonical(readParts(out.resolve("dead-letters")), null),
          canonical(deadLetters, lineOf));
      List<String> late = KAFKA.readAll(topic("lateDataTopic"), false);
      assertEquals(name + ": late_data_written", require(kafkaCounters, "late_data_written"),
          late.size());
      assertEquals(name + ": late data", canonical(readParts(out.resolve("late-data")), null),
          canonical(late, lineOf));
    }

    /**
     * Dead letters (and late data) as canonical JSON, sorted; a Kafka dead letter's source and
     * position ({@code kafka:<topic>/<partition>}, offset) become the sample's path and line number
     * through {@code lineOf}, so that it can equal the file run's.
     */
    private List<String> canonical(List<String> json, Map<String, Long> lineOf) throws IOException {
      List<String> out = new ArrayList<>();
      for (String line : json) {
        JsonNode n = JSON.readTree(line);
        if (lineOf != null && n.has("source")
            && n.get("source").asText().startsWith("kafka:" + inputTopic + "/")) {
          String where = n.get("source").asText().substring(("kafka:" + inputTopic + "/").length())
              + "@" + n.get("position").asLong();
          Long number = lineOf.get(where);
          assertTrue(name + ": no record at partition@offset " + where + " for " + line,
              number != null);
          ((ObjectNode) n).put("source", sample.toString());
          ((ObjectNode) n).put("position", number);
        }
        out.add(JSON.writeValueAsString(n));
      }
      return sorted(out);
    }
  }

  /**
   * The sample's lines as the file reader and {@code kafka produce} split them: at {@code \n},
   * without a trailing {@code \r} or a byte-order mark at the start of the file; raw bytes.
   */
  private static List<byte[]> sampleLines(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= all.length; i++) {
      if (i == all.length || all[i] == '\n') {
        if (i == all.length && i == start) {
          break;
        }
        int from = start;
        int to = i;
        if (lines.isEmpty() && to - from >= 3 && (all[0] & 0xFF) == 0xEF
            && (all[1] & 0xFF) == 0xBB && (all[2] & 0xFF) == 0xBF) {
          from += 3;
        }
        if (to > from && all[to - 1] == '\r') {
          to--;
        }
        lines.add(Arrays.copyOfRange(all, from, to));
        start = i + 1;
      }
    }
    return lines;
  }

  /**
   * Which 1-based line of the sample each record of {@code topic} holds, as
   * {@code "<partition>@<offset>" -> line}. {@code kafka produce} keeps the file's order within a
   * partition, so each line is the next unread record of one partition. Identical lines in two
   * partitions can only be lines without a key (a key is a function of the line), which the
   * producer places round-robin by line number: that settles the tie.
   */
  private static Map<String, Long> lineNumbers(String topic, List<byte[]> lines) {
    List<List<ConsumerRecord<byte[], byte[]>>> byPartition = new ArrayList<>();
    int total = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo i : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, i.partition()));
        byPartition.add(new ArrayList<>());
      }
      partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + KafkaBroker.GUARD.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertTrue("could not read " + topic + " to its end within " + KafkaBroker.GUARD,
            System.nanoTime() < deadline);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          byPartition.get(r.partition()).add(r);
          total++;
        }
      }
    }
    assertEquals("records in " + topic, lines.size(), total);
    int[] next = new int[byPartition.size()];
    Map<String, Long> lineOf = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      List<Integer> candidates = new ArrayList<>();
      for (int p = 0; p < byPartition.size(); p++) {
        if (next[p] < byPartition.get(p).size()
            && Arrays.equals(byPartition.get(p).get(next[p]).value(), lines.get(i))) {
          candidates.add(p);
        }
      }
      int p;
      if (candidates.size() == 1) {
        p = candidates.get(0);
      } else {
        p = i % byPartition.size();
        assertTrue("line " + (i + 1) + " of " + topic + " is not the next record of partition "
            + p + " (candidates " + candidates + ")", candidates.contains(p)
            && byPartition.get(p).get(next[p]).key() == null);
      }
      ConsumerRecord<byte[], byte[]> r = byPartition.get(p).get(next[p]++);
      lineOf.put(p + "@" + r.offset(), (long) (i + 1));
    }
    return lineOf;
  }

  /**
   * Waits until the broker leads every partition of {@code topic}: listing offsets is answered by
   * the leader only. Producing to a partition whose leader is not ready yet can lose the first
   * batch of an idempotent producer whose later batches went through (seen here under load:
   * "OutOfOrderSequenceException ... 0 (incoming seq. number)" until the delivery timeout).
   */
  private static void awaitLeaders(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo i : consumer.partitionsFor(topic, Duration.ofSeconds(60))) {
        partitions.add(new TopicPartition(topic, i.partition()));
      }
      assertEquals(topic + " partitions", PARTITIONS, partitions.size());
      consumer.endOffsets(partitions, Duration.ofSeconds(60));
    }
  }

  private static KafkaConsumer<byte[], byte[]> rawConsumer() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
  }

  /** Runs a {@code ./beamline kafka} command in this JVM; returns what it printed on stdout. */
  private static String tool(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new KafkaTool(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), HOME).run(args);
    assertEquals("kafka " + args[0] + ": " + err.toString(StandardCharsets.UTF_8), 0, code);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A run of the bundle as {@code ./beamline} starts it, in a JVM of its own. */
  private static final class BundleRun {
    final Process process;
    final Path out;
    final Path err;

    private BundleRun(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    static BundleRun start(List<String> args) throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(Arrays.asList(System.getProperty("beamline.java17.opens").trim().split("\\s+")));
      cmd.addAll(List.of("-Xmx1g", "-Dbeamline.home=" + HOME, "-cp",
          System.getProperty("beamline.bundle"), "dev.beamline.launcher.Main"));
      cmd.addAll(args);
      File out = TMP.newFile(args.get(1) + "-kafka-run.out");
      File err = TMP.newFile(args.get(1) + "-kafka-run.err");
      Process p = new ProcessBuilder(cmd).directory(HOME.toFile()).redirectOutput(out)
          .redirectError(err).start();
      return new BundleRun(p, out.toPath(), err.toPath());
    }

    /** Waits for the run to end; returns its stdout and stderr, failing on a non-zero exit. */
    String[] await() throws Exception {
      if (!process.waitFor(RUN_GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the bundle's Kafka run did not end within " + RUN_GUARD
            + "; stderr:\n" + tail(Files.readString(err)));
      }
      String[] printed = {Files.readString(out), Files.readString(err)};
      assertEquals("exit code of the Kafka run; stdout:\n" + printed[0] + "stderr:\n"
          + tail(printed[1]), 0, process.exitValue());
      return printed;
    }
  }

  /** Runs the launcher in this JVM, as {@code ./beamline} would; returns stdout and stderr. */
  private static String[] launch(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), HOME).run(args.toArray(new String[0]));
    String[] printed = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    assertEquals("exit code of the file run " + args + "; stdout:\n" + printed[0] + "stderr:\n"
        + tail(printed[1]), 0, code);
    return printed;
  }

  /** The counters of a run summary ({@code   name   1,234}). */
  private static Map<String, Long> counters(String summary) {
    Map<String, Long> counters = new LinkedHashMap<>();
    Matcher m = COUNTER.matcher(summary);
    while (m.find()) {
      counters.put(m.group(1), Long.parseLong(m.group(2).replace(",", "")));
    }
    return counters;
  }

  private static long require(Map<String, Long> counters, String name) {
    Long v = counters.get(name);
    assertTrue("counter " + name + " in " + counters, v != null);
    return v;
  }

  private static List<String> readParts(Path folder) throws IOException {
    List<String> rows = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return rows;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files.filter(
          x -> x.getFileName().toString().startsWith("part-"))::iterator) {
        rows.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    return rows;
  }

  private static List<String> sorted(List<String> lines) {
    List<String> copy = new ArrayList<>(lines);
    copy.sort(null);
    return copy;
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
  }
}
