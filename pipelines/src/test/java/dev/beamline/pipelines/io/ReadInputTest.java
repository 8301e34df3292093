package dev.beamline.pipelines.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.Test;

/**
 * The source flags as a user gets them wrong, one message each (all caught before anything
 * connects to Kafka), and which inputs are bounded. Reading itself: the integration tests.
 */
public class ReadInputTest {
  private static final Path SAMPLE = Paths.get(System.getProperty("beamline.home", ".."))
      .resolve("testdata/sensor-stats/sample.jsonl").toAbsolutePath().normalize();

  private static String error(String... args) {
    SourceSinkTestOptions o = SourceSinkTestOptions.of(args);
    return assertThrows(IllegalArgumentException.class,
        () -> ReadInput.describe(o, "input", SAMPLE.toString())).getMessage();
  }

  @Test
  public void fileSourceDescribesTheMatchedFiles() {
    assertEquals("input " + SAMPLE + " (1 file)",
        ReadInput.describe(SourceSinkTestOptions.of(), "input", SAMPLE.toString()));
  }

  @Test
  public void unknownSourceKind() {
    assertEquals("--source: 'kafak' is not one of: file, kafka", error("--source=kafak"));
  }

  @Test
  public void kafkaNeedsBootstrapServersAndATopic() {
    assertEquals("--bootstrapServers is required with --source=kafka (the local broker's "
        + "address: ./beamline kafka status)", error("--source=kafka", "--topic=t"));
    assertEquals("--topic is required with --source=kafka",
        error("--source=kafka", "--bootstrapServers=127.0.0.1:19092"));
  }

  @Test
  public void durationsAndBoundsAreChecked() {
    String[] kafka = {"--source=kafka", "--bootstrapServers=127.0.0.1:19092", "--topic=t"};
    assertEquals("--maxOutOfOrderness: 'ten' is not a duration: use a number with a unit "
        + "(250ms, 30s, 5m, 2h, 1d), 0, or ISO-8601 (PT1M30S)",
        error(concat(kafka, "--maxOutOfOrderness=ten")));
    assertEquals("--idleTimeout: '-1s' is not a duration: use a number with a unit "
        + "(250ms, 30s, 5m, 2h, 1d), 0, or ISO-8601 (PT1M30S)",
        error(concat(kafka, "--idleTimeout=-1s")));
    assertEquals("--maxRecords must be >= 0, was -5", error(concat(kafka, "--maxRecords=-5")));
    assertEquals("--maxReadTime must be above 0, was 0", error(concat(kafka, "--maxReadTime=0")));
  }

  @Test
  public void secretsOnTheCommandLineAreRefusedAndNotEchoed() {
    String msg = error("--source=kafka", "--bootstrapServers=127.0.0.1:19092", "--topic=t",
        "--kafkaConsumerConfig=security.protocol=SSL,ssl.truststore.password=hunter2");
    assertEquals("--kafkaConsumerConfig: 'ssl.truststore.password' looks like a secret; secrets "
        + "on the command line are visible in process lists and in the runner's UI: put it in a "
        + "properties file and pass --kafkaConfigFile=<path>", msg);
  }

  @Test
  public void missingConfigFile() {
    assertEquals("--kafkaConfigFile: no such file '/nonexistent/client.properties'",
        error("--source=kafka", "--bootstrapServers=127.0.0.1:19092", "--topic=t",
            "--kafkaConfigFile=/nonexistent/client.properties"));
  }

  @Test
  public void filesAndLimitedKafkaReadsAreBounded() {
    assertTrue(ReadInput.isBounded(SourceSinkTestOptions.of()));
    assertFalse(ReadInput.isBounded(SourceSinkTestOptions.of("--source=kafka")));
    assertTrue(ReadInput.isBounded(SourceSinkTestOptions.of("--source=kafka", "--maxRecords=10")));
    assertTrue(ReadInput.isBounded(SourceSinkTestOptions.of("--source=kafka", "--maxReadTime=30s")));
  }

  @Test
  public void anEndlessKafkaReadRunsInStreamingModeABoundedOneAsAsked() {
    SourceSinkTestOptions endless = SourceSinkTestOptions.of("--source=kafka");
    ReadInput.streamingIfEndless(endless);
    assertTrue(endless.isStreaming());
    SourceSinkTestOptions bounded = SourceSinkTestOptions.of("--source=kafka", "--maxRecords=10");
    ReadInput.streamingIfEndless(bounded);
    assertFalse(bounded.isStreaming());
    SourceSinkTestOptions files = SourceSinkTestOptions.of();
    ReadInput.streamingIfEndless(files);
    assertFalse(files.isStreaming());
  }

  private static String[] concat(String[] a, String b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + 1);
    r[a.length] = b;
    return r;
  }
}
