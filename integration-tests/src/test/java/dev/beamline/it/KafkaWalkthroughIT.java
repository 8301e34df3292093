package dev.beamline.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The README's Kafka walkthrough as a user runs it: the sample goes into a topic with
 * {@code kafka produce}, the bundle runs sensor-stats on Flink (streaming) from that topic to two
 * topics in a JVM of its own, {@code kafka consume} reads the results back. The results must be
 * the file run's, row for row, and the dead letters the file run's, with Kafka positions.
 *
 * <p>The run also carries client secrets in {@code --kafkaConfigFile}, with logging at INFO: none
 * of them may appear anywhere in what the run prints.
 */
public class KafkaWalkthroughIT {
  @ClassRule public static final KafkaBroker KAFKA = new KafkaBroker();
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path HOME = Paths.get(System.getProperty("beamline.home", ".."))
      .toAbsolutePath().normalize();
  private static final Path SAMPLE = HOME.resolve("testdata/sensor-stats/sample.jsonl");
  private static final String[] SECRETS =
      {"it-jaas-secret-7f3a", "it-truststore-secret-91c2", "it-api-key-55b0"};

  private static String produceOut;
  private static String runOut;
  private static String runErr;
  private static int runExit;
  private static List<String> results;
  private static List<String> deadLetters;

  @BeforeClass
  public static void walkThrough() throws Exception {
    String[] produced = tool("produce", "--bootstrap", KAFKA.bootstrapServers(),
        "--topic", "sensor-events", "--file", SAMPLE.toString());
    produceOut = produced[0];

    Path config = TMP.newFile("client.properties").toPath();
    Files.writeString(config, String.join("\n",
        "# PLAINTEXT ignores these; they are here to prove they never get printed.",
        "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"beamline\" password=\"" + SECRETS[0] + "\";",
        "ssl.truststore.password=" + SECRETS[1],
        "my.api.key=" + SECRETS[2],
        "client.dns.lookup=use_all_dns_ips", ""), StandardCharsets.UTF_8);

    runBundle("run", "sensor-stats", "--profile=flink-local", "--streaming=true",
        "--source=kafka", "--bootstrapServers=" + KAFKA.bootstrapServers(),
        "--topic=sensor-events", "--maxRecords=1464",
        "--sink=kafka", "--outputTopic=sensor-stats", "--deadLetterTopic=sensor-dead-letters",
        "--lateDataTopic=sensor-late-data", "--kafkaConfigFile=" + config);

    results = lines(tool("consume", "--bootstrap", KAFKA.bootstrapServers(),
        "--topic", "sensor-stats", "--from-beginning", "--timeout", "5s")[0]);
    deadLetters = lines(tool("consume", "--bootstrap", KAFKA.bootstrapServers(),
        "--topic", "sensor-dead-letters", "--from-beginning", "--timeout", "5s")[0]);
  }

  @Test
  public void theSampleGoesIntoTheTopicLineForLine() {
    assertThat(produceOut, containsString("created topic sensor-events with 3 partition(s)"));
    assertThat(produceOut, containsString("sent 1464 records to sensor-events"));
  }

  @Test
  public void theRunSucceedsOnFlinkStreamingWithABalancedLedger() {
    assertEquals("exit code; stderr:\n" + runErr, 0, runExit);
    assertThat(runOut, containsString("runner                 FlinkRunner (streaming)"));
    assertThat(runOut, containsString(
        "ledger                 lines_read 1464 = valid_events 1438 + dead_letters 26  OK"));
    assertThat(runOut, containsString("results_written        120"));
    assertThat(runErr, containsString("at-least-once: a retried bundle can write a record twice"));
  }

  @Test
  public void resultsReadBackFromKafkaAreTheFileRunsRowForRow() throws Exception {
    Reference ref = Reference.get();
    Map<String, JsonNode> fromKafka = finalPanes(results);
    assertEquals(120, results.size());
    assertEquals(ref.finalPanes.keySet(), fromKafka.keySet());
    for (Map.Entry<String, JsonNode> e : ref.finalPanes.entrySet()) {
      JsonNode a = e.getValue();
      JsonNode b = fromKafka.get(e.getKey());
      assertEquals(e.getKey(), a.get("count").asLong(), b.get("count").asLong());
      assertEquals(e.getKey(), a.get("min").asDouble(), b.get("min").asDouble(), 0.0);
      assertEquals(e.getKey(), a.get("max").asDouble(), b.get("max").asDouble(), 0.0);
      assertEquals(e.getKey(), a.get("mean").asDouble(), b.get("mean").asDouble(),
          1e-9 * Math.abs(a.get("mean").asDouble()));
      assertEquals(e.getKey(), a.get("stddev").asDouble(), b.get("stddev").asDouble(),
          1e-9 * Math.max(1, a.get("stddev").asDouble()));
      assertEquals(e.getKey(), "ON_TIME", b.get("pane").get("timing").asText());
    }
  }

  @Test
  public void deadLettersAreTheFileRunsWithTopicPartitionAndOffset() throws Exception {
    Reference ref = Reference.get();
    assertEquals(26, deadLetters.size());
    List<String> fromKafka = new ArrayList<>();
    for (String line : deadLetters) {
      JsonNode n = JSON.readTree(line);
      assertThat(line, n.get("source").asText(), org.hamcrest.Matchers.matchesPattern(
          "kafka:sensor-events/[012]"));
      assertTrue(line, n.get("position").asLong() >= 0);
      fromKafka.add(n.get("reason").asText() + " | " + n.get("payload").asText());
    }
    fromKafka.sort(null);
    assertEquals(ref.deadLetters, fromKafka);
  }

  @Test
  public void secretsNeverAppearInWhatTheRunPrintsButTheirNamesDo() {
    for (String secret : SECRETS) {
      assertThat(runOut, not(containsString(secret)));
      assertThat(runErr, not(containsString(secret)));
    }
    assertThat(runErr, containsString("my.api.key=[hidden]"));
    assertThat(runErr, containsString("sasl.jaas.config=[hidden]"));
    assertThat(runErr, containsString("ssl.truststore.password=[hidden]"));
    assertThat(runErr, containsString("client.dns.lookup=use_all_dns_ips"));
    // INFO logging was on: Kafka's own config dumps were printed, and hid the values too.
    assertThat(runErr, containsString("sasl.jaas.config = [hidden]"));
  }

  /** The same sample, read from the file by sensor-stats on the DirectRunner in this JVM. */
  private static final class Reference {
    private static Reference instance;
    final Map<String, JsonNode> finalPanes;
    final List<String> deadLetters = new ArrayList<>();

    private Reference(Path out) throws Exception {
      finalPanes = finalPanes(readParts(out.resolve("results")));
      for (String line : readParts(out.resolve("dead-letters"))) {
        JsonNode n = JSON.readTree(line);
        deadLetters.add(n.get("reason").asText() + " | " + n.get("payload").asText());
      }
      deadLetters.sort(null);
    }

    static synchronized Reference get() throws Exception {
      if (instance == null) {
        Path out = TMP.newFolder("file-run").toPath();
        PipelineOptionsFactory.register(SensorStatsOptions.class);
        SensorStatsOptions o = PipelineOptionsFactory.fromArgs("--runner=DirectRunner",
            "--input=" + SAMPLE, "--output=" + out.resolve("results"),
            "--deadLetters=" + out.resolve("dead-letters")).as(SensorStatsOptions.class);
        SensorStatsPipeline pipeline = new SensorStatsPipeline();
        pipeline.validate(o);
        Pipeline p = Pipeline.create(o);
        pipeline.build(p, o);
        assertEquals(PipelineResult.State.DONE, p.run().waitUntilFinish());
        instance = new Reference(out);
      }
      return instance;
    }
  }

  private static Map<String, JsonNode> finalPanes(List<String> rows) throws IOException {
    Map<String, JsonNode> panes = new TreeMap<>();
    for (String line : rows) {
      JsonNode n = JSON.readTree(line);
      String key = n.get("sensorId").asText() + "|" + n.get("windowStart").asText();
      JsonNode prev = panes.get(key);
      if (prev == null
          || prev.get("pane").get("index").asLong() < n.get("pane").get("index").asLong()) {
        panes.put(key, n);
      }
    }
    return panes;
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

  /** Runs a {@code ./beamline kafka} command in this JVM; returns its stdout and stderr. */
  private static String[] tool(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new KafkaTool(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), HOME).run(args);
    String[] printed = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    assertEquals("kafka " + args[0] + ": " + printed[1], 0, code);
    return printed;
  }

  /** Runs the bundle as {@code ./beamline} does, in a JVM of its own, with logging at INFO. */
  private static void runBundle(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("beamline.java17.opens").trim().split("\\s+")));
    cmd.addAll(List.of("-Xmx1g", "-Dbeamline.home=" + HOME, "-cp",
        System.getProperty("beamline.bundle"), "dev.beamline.launcher.Main"));
    cmd.addAll(Arrays.asList(args));
    File out = TMP.newFile("run.out");
    File err = TMP.newFile("run.err");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err);
    pb.environment().put("BEAMLINE_LOG_LEVEL", "INFO");
    Process p = pb.start();
    // A guard against a hung runner, not a timing assertion.
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the bundle did not finish within 10 minutes");
    }
    runExit = p.exitValue();
    runOut = Files.readString(out.toPath());
    runErr = Files.readString(err.toPath());
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    for (String l : text.split("\n")) {
      if (!l.isEmpty()) {
        lines.add(l);
      }
    }
    return lines;
  }
}
