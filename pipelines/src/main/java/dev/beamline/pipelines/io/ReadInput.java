package dev.beamline.pipelines.io;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.InputFiles;
import dev.beamline.transforms.io.ReadLinesWithSource;
import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.kafka.ReadKafkaLines;
import dev.beamline.transforms.parse.LineParser;
import dev.beamline.transforms.windowing.Durations;
import java.util.Set;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * A pipeline's input lines from the source {@link SourceOptions} names: the files matching the
 * pipeline's {@code --input} glob ({@link ReadLinesWithSource}) or a Kafka topic
 * ({@link ReadKafkaLines}, event times read from each payload by the pipeline's own event-time
 * parser). Either way every line carries its source and position and is counted in
 * {@code lines_read}, so the pipeline's parser, dead letters and ledger are the same for both.
 */
public final class ReadInput extends PTransform<PBegin, PCollection<SourcedLine>> {
  public static final String FILE = "file";
  public static final String KAFKA = "kafka";

  private final PTransform<PBegin, PCollection<SourcedLine>> read;
  private final String stepName;

  private ReadInput(PTransform<PBegin, PCollection<SourcedLine>> read, String stepName) {
    this.read = read;
    this.stepName = stepName;
  }

  /**
   * Reads the source the options name. {@code inputGlob} is the pipeline's file input;
   * {@code eventTime} reads a record's event time the way the pipeline's parser does (Kafka only:
   * files are stamped by the parser).
   */
  public static ReadInput of(SourceOptions o, String inputGlob, LineParser<Instant> eventTime) {
    if (!isKafka(o)) {
      return new ReadInput(ReadLinesWithSource.from(inputGlob)
          .withCounterNamespace(BeamlinePipeline.COUNTER_NAMESPACE), "ReadFiles");
    }
    ReadKafkaLines read = ReadKafkaLines.from(
            KafkaSettings.bootstrapServers(o, "--source=kafka"), requireTopic(o), eventTime)
        .withMaxOutOfOrderness(KafkaSettings.duration("maxOutOfOrderness", o.getMaxOutOfOrderness()))
        .withIdleTimeout(KafkaSettings.duration("idleTimeout", o.getIdleTimeout()))
        .withClientConfig(KafkaSettings.clientConfig(o, "kafkaConsumerConfig",
            o.getKafkaConsumerConfig()))
        .withCounterNamespace(BeamlinePipeline.COUNTER_NAMESPACE);
    if (o.getMaxRecords() > 0) {
      read = read.withMaxRecords(o.getMaxRecords());
    }
    if (!isBlank(o.getMaxReadTime())) {
      read = read.withMaxReadTime(KafkaSettings.duration("maxReadTime", o.getMaxReadTime()));
    }
    if (!isBlank(o.getConsumerGroup())) {
      read = read.withConsumerGroup(o.getConsumerGroup().strip());
    }
    return new ReadInput(read, "ReadKafka");
  }

  public static boolean isKafka(SourceOptions o) {
    return KAFKA.equals(kind(o));
  }

  /**
   * An endless Kafka read sets {@code --streaming=true}: Flink and Spark switch to streaming by
   * themselves when they meet an unbounded source, and the checks that depend on the mode (Spark
   * streaming has no allowed lateness, exactly-once needs Flink streaming) must see the mode the
   * job will really run in. Call it before those checks.
   */
  public static void streamingIfEndless(SourceOptions o) {
    if (!isBounded(o)) {
      o.as(StreamingOptions.class).setStreaming(true);
    }
  }

  /** True when the input ends: files, or Kafka with --maxRecords or --maxReadTime. */
  public static boolean isBounded(SourceOptions o) {
    return !isKafka(o) || o.getMaxRecords() > 0 || !isBlank(o.getMaxReadTime());
  }

  /**
   * Checks the source flags before a run (files match; Kafka flags parse, the cluster answers and
   * the topic exists) and describes the source in one line. Throws
   * {@link IllegalArgumentException} naming the flag.
   */
  public static String describe(SourceOptions o, String inputFlag, String inputGlob) {
    if (!isKafka(o)) {
      int files = InputFiles.requireMatch(inputFlag, inputGlob, o);
      return "input " + inputGlob + " (" + files + (files == 1 ? " file)" : " files)");
    }
    if (o.getMaxRecords() < 0) {
      throw new IllegalArgumentException("--maxRecords must be >= 0, was " + o.getMaxRecords());
    }
    String servers = KafkaSettings.bootstrapServers(o, "--source=kafka");
    String topic = requireTopic(o);
    Duration disorder = KafkaSettings.duration("maxOutOfOrderness", o.getMaxOutOfOrderness());
    Duration idle = KafkaSettings.duration("idleTimeout", o.getIdleTimeout());
    String bound = "";
    if (o.getMaxRecords() > 0) {
      bound = "first " + o.getMaxRecords() + " records";
    }
    if (!isBlank(o.getMaxReadTime())) {
      Duration d = KafkaSettings.duration("maxReadTime", o.getMaxReadTime());
      if (!d.isLongerThan(Duration.ZERO)) {
        throw new IllegalArgumentException("--maxReadTime must be above 0, was " + o.getMaxReadTime());
      }
      bound += (bound.isEmpty() ? "" : " or ") + Durations.format(d) + " of reading";
    }
    var config = KafkaSettings.clientConfig(o, "kafkaConsumerConfig", o.getKafkaConsumerConfig());
    KafkaSettings.requireTopics(servers, config, Set.of(topic));
    return "input kafka topic " + topic + " at " + servers
        + (bound.isEmpty() ? " (unbounded, so streaming: stop with Ctrl-C)"
            : " (bounded: " + bound + ")")
        + ", event time from the payload, watermark = latest event time - "
        + Durations.format(disorder) + ", idle partitions trail the clock by "
        + Durations.format(idle)
        + (isBlank(o.getConsumerGroup()) ? ", from the earliest offset"
            : ", consumer group " + o.getConsumerGroup().strip())
        + (config.isEmpty() ? "" : ", client settings: " + config.describe());
  }

  @Override
  public PCollection<SourcedLine> expand(PBegin input) {
    return input.apply(stepName, read);
  }

  private static String kind(SourceOptions o) {
    String k = o.getSource() == null ? "" : o.getSource().strip();
    if (!k.equals(FILE) && !k.equals(KAFKA)) {
      throw new IllegalArgumentException("--source: '" + k + "' is not one of: file, kafka");
    }
    return k;
  }

  private static String requireTopic(SourceOptions o) {
    if (isBlank(o.getTopic())) {
      throw new IllegalArgumentException("--topic is required with --source=kafka");
    }
    return o.getTopic().strip();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
