package dev.beamline.pipelines.io;

import org.junit.experimental.categories.Category;
import dev.beamline.transforms.testing.RunnerLimits;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The sink flags: what each delivery guarantee needs from the runner, refused at start-up when it
 * cannot be had, and said out loud when it can.
 */
public class WriteOutputTest {
  private static final String[] KAFKA = {"--sink=kafka", "--bootstrapServers=127.0.0.1:19092",
      "--outputTopic=stats", "--deadLetterTopic=dead", "--lateDataTopic=late"};
  private static final String[] FLINK_STREAMING = {"--runner=FlinkRunner", "--streaming=true"};

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** As every pipeline calls it: the input is not bounded, and the pipeline writes late data. */
  private static String describe(String... args) {
    return WriteOutput.describe(SourceSinkTestOptions.of(args), false, true);
  }

  private static String error(boolean boundedInput, String... args) {
    SourceSinkTestOptions o = SourceSinkTestOptions.of(args);
    return assertThrows(IllegalArgumentException.class,
        () -> WriteOutput.describe(o, boundedInput, true)).getMessage();
  }

  @Test
  public void fileSinkNeedsNoDescription() {
    assertEquals("", describe());
  }

  @Test
  public void unknownSinkAndDelivery() {
    assertEquals("--sink: 'kafka2' is not one of: file, kafka", error(false, "--sink=kafka2"));
    assertEquals("--kafkaDelivery: 'once' is not one of: at-least-once, exactly-once",
        error(false, with(KAFKA, "--kafkaDelivery=once")));
  }

  @Test
  public void kafkaNeedsEveryTopic() {
    assertEquals("--outputTopic is required with --sink=kafka", error(false, "--sink=kafka",
        "--bootstrapServers=h:1", "--deadLetterTopic=d", "--lateDataTopic=l"));
    assertEquals("--deadLetterTopic is required with --sink=kafka", error(false, "--sink=kafka",
        "--bootstrapServers=h:1", "--outputTopic=s", "--lateDataTopic=l"));
    assertEquals("--lateDataTopic is required with --sink=kafka", error(false, "--sink=kafka",
        "--bootstrapServers=h:1", "--outputTopic=s", "--deadLetterTopic=d"));
  }

  @Test
  public void aPipelineWithoutLateDataNeedsNoLateDataTopic() {
    SourceSinkTestOptions o = SourceSinkTestOptions.of("--sink=kafka",
        "--bootstrapServers=127.0.0.1:19092", "--outputTopic=stats", "--deadLetterTopic=dead");
    assertEquals("output kafka topics stats (results) and dead (dead letters) at "
        + "127.0.0.1:19092, at-least-once: a retried bundle can write a record twice",
        WriteOutput.describe(o, false, false));
  }

  @Test
  public void atLeastOnceIsTheDefaultAndSaysWhatItMeans() {
    assertEquals("output kafka topics stats (results), late (late data) and dead (dead letters) "
        + "at 127.0.0.1:19092, at-least-once: a retried bundle can write a record twice",
        describe(KAFKA));
  }

  @Test
  public void exactlyOnceIsRefusedOnTheDirectRunner() {
    assertEquals("--kafkaDelivery=exactly-once: DirectRunner cannot give exactly-once Kafka "
        + "output (it needs stable input replayed from durable checkpoints, which only the "
        + "FlinkRunner provides here). Use --profile=flink-local --streaming=true "
        + "--checkpointingInterval=5000, or --kafkaDelivery=at-least-once.",
        error(false, with(KAFKA, "--kafkaDelivery=exactly-once")));
  }

  @Test
  public void exactlyOnceIsRefusedOnFlinkInBatchOrWithoutCheckpoints() {
    assertThat(error(false, with(KAFKA, "--kafkaDelivery=exactly-once", "--runner=FlinkRunner")),
        startsWith("--kafkaDelivery=exactly-once: the FlinkRunner checkpoints only in streaming "
            + "mode; add --streaming=true and --checkpointingInterval."));
    assertThat(error(false, with(with(KAFKA, FLINK_STREAMING), "--kafkaDelivery=exactly-once")),
        startsWith("--kafkaDelivery=exactly-once: Kafka transactions commit on Flink checkpoints, "
            + "and checkpointing is off; add --checkpointingInterval=<ms>."));
  }

  @Test
  public void exactlyOnceIsRefusedForABoundedInput() {
    assertThat(error(true, with(with(KAFKA, FLINK_STREAMING), "--kafkaDelivery=exactly-once",
            "--checkpointingInterval=5000")),
        startsWith("--kafkaDelivery=exactly-once is for streaming jobs that read Kafka without "
            + "end; with a bounded input (files, --maxRecords or --maxReadTime) the Flink job "
            + "would not finish."));
  }

  @Test
  public void exactlyOnceOnFlinkStreamingWithCheckpointsSaysHowItWorks() {
    assertEquals("output kafka topics stats (results), late (late data) and dead (dead letters) "
        + "at 127.0.0.1:19092, exactly-once: Kafka transactions committed on each Flink checkpoint "
        + "(every 5000 ms), 1 writer(s) per topic, sink state under consumer groups job7-<topic>; "
        + "read the topics with isolation.level=read_committed",
        describe(with(with(KAFKA, FLINK_STREAMING), "--kafkaDelivery=exactly-once",
            "--checkpointingInterval=5000", "--sinkGroupId=job7")));
  }

  @Test
  public void eachRunGetsItsOwnSinkGroupUnlessOneIsGiven() {
    SourceSinkTestOptions o = SourceSinkTestOptions.of(with(with(KAFKA, FLINK_STREAMING),
        "--kafkaDelivery=exactly-once", "--checkpointingInterval=5000"));
    String description = WriteOutput.describe(o, false, true);
    assertThat(o.getSinkGroupId(), startsWith("beamline-"));
    assertThat(description, containsString("consumer groups " + o.getSinkGroupId() + "-<topic>"));
  }

  @Test
  public void clientSettingsFromTheFileAreDescribedWithSecretsHidden() throws Exception {
    Path file = tmp.newFile("client.properties").toPath();
    Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.jaas.config=org.apache.kafka."
        + "common.security.plain.PlainLoginModule required username=\"u\" password=\"pa55word\";\n",
        StandardCharsets.UTF_8);
    String d = describe(with(KAFKA, "--kafkaConfigFile=" + file,
        "--kafkaProducerConfig=linger.ms=5"));
    assertThat(d, containsString(", client settings: linger.ms=5, sasl.jaas.config=[hidden], "
        + "security.protocol=SASL_PLAINTEXT"));
    assertThat(d, not(containsString("pa55word")));
  }

  @Test
  public void aSettingInTheFileAndOnTheCommandLineIsAnError() throws Exception {
    Path file = tmp.newFile("client.properties").toPath();
    Files.writeString(file, "linger.ms=10\n", StandardCharsets.UTF_8);
    assertEquals("--kafkaProducerConfig and --kafkaConfigFile: Kafka property 'linger.ms' is set "
        + "twice", error(false, with(KAFKA, "--kafkaConfigFile=" + file,
            "--kafkaProducerConfig=linger.ms=5")));
  }

  /**
   * Dead letters of an endless input sit in the global window, whose end never comes: without the
   * periodic flush they would be written only when the stream ends. Written by a processing-time
   * pane, the file is pane 0 but not the last pane; written at the end it would be
   * "pane-0-last".
   */
  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming (untestable): the Spark runner's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Spark Runner"; the streaming context then hangs in stop() until killed) (apache/beam#22620)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void unboundedOutputInTheGlobalWindowIsFlushedBeforeTheStreamEnds() throws Exception {
    Path folder = tmp.newFolder("dead-letters").toPath();
    TestStream<String> stream = TestStream.create(StringUtf8Coder.of())
        .addElements("{\"a\":1}", "{\"b\":2}")
        .advanceProcessingTime(Duration.standardSeconds(WriteOutput.FLUSH_SECONDS + 1))
        .advanceWatermarkToInfinity();
    p.apply(stream).apply(WriteOutput.<String>of(SourceSinkTestOptions.of(), folder.toString(),
        "deadLetterTopic", "", line -> line).withCounter("dead_letters_written"));
    p.run().waitUntilFinish();

    List<String> names = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files
          .filter(x -> x.getFileName().toString().startsWith("part-"))::iterator) {
        names.add(f.getFileName().toString());
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    lines.sort(null);
    assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), lines);
    assertEquals(List.of("part-GlobalWindow-pane-0-00000-of-00001.jsonl"), names);
  }

  private static String[] with(String[] a, String... more) {
    String[] r = java.util.Arrays.copyOf(a, a.length + more.length);
    System.arraycopy(more, 0, r, a.length, more.length);
    return r;
  }
}
