package dev.beamline.pipelines.io;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.RunnerCapabilities;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.WriteJsonLines;
import dev.beamline.transforms.kafka.KafkaClientConfig;
import dev.beamline.transforms.kafka.WriteKafkaLines;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Writes one output of a pipeline (its results, its dead letters, ...) as JSON lines to the sink
 * {@link SinkOptions} names: a folder of part files ({@link WriteJsonLines}) or a Kafka topic
 * ({@link WriteKafkaLines}, each record keyed by {@link #withKey}, at-least-once or exactly-once as
 * {@code --kafkaDelivery} says). Counts what it writes in a {@code beamline} counter.
 *
 * <p>Files from an unbounded input: windowed outputs are written per window and pane; an output in
 * the global window with the default trigger (dead letters) would never be written before the end
 * of an endless input, so it is flushed every {@value #FLUSH_SECONDS} s of processing time.
 */
public final class WriteOutput<T> extends PTransform<PCollection<T>, PDone> {
  static final int FLUSH_SECONDS = 10;
  public static final String AT_LEAST_ONCE = "at-least-once";
  public static final String EXACTLY_ONCE = "exactly-once";

  private final SerializableFunction<T, String> toJson;
  private final @Nullable SerializableFunction<T, String> key;
  private final String counterName;
  private final int numShards;
  private final @Nullable String folder;
  private final @Nullable WriteKafkaLines kafka;

  private WriteOutput(SerializableFunction<T, String> toJson,
      @Nullable SerializableFunction<T, String> key, String counterName, int numShards,
      @Nullable String folder, @Nullable WriteKafkaLines kafka) {
    this.toJson = toJson;
    this.key = key;
    this.counterName = counterName;
    this.numShards = numShards;
    this.folder = folder;
    this.kafka = kafka;
  }

  /**
   * Writes to {@code folder} with {@code --sink=file}, or to the topic in flag {@code topicFlag}
   * (whose value is {@code topic}) with {@code --sink=kafka}; {@code toJson} renders an element.
   */
  public static <T> WriteOutput<T> of(SinkOptions o, String folder, String topicFlag,
      String topic, SerializableFunction<T, String> toJson) {
    Objects.requireNonNull(toJson, "toJson");
    if (!isKafka(o)) {
      return new WriteOutput<>(toJson, null, "lines_written", 0, folder, null);
    }
    String t = requireTopic(topicFlag, topic);
    WriteKafkaLines write = WriteKafkaLines.to(KafkaSettings.bootstrapServers(o, "--sink=kafka"), t)
        .withClientConfig(producerConfig(o));
    if (isExactlyOnce(o)) {
      write = write.withExactlyOnce(o.getExactlyOnceShards(), sinkGroupPrefix(o) + "-" + t);
    }
    return new WriteOutput<>(toJson, null, "lines_written", 0, null, write);
  }

  /**
   * The dead letters: to {@code folder} (the pipeline's {@code --deadLetters}) or to
   * {@code --deadLetterTopic}, keyed by their source, counted in {@code dead_letters_written}.
   */
  public static WriteOutput<DeadLetter> deadLetters(SinkOptions o, String folder) {
    return of(o, folder, "deadLetterTopic", o.getDeadLetterTopic(), DeadLetter::toJson)
        .withKey(DeadLetter::source)
        .withCounter("dead_letters_written");
  }

  /**
   * Records later than the allowed lateness: to {@code folder} (the pipeline's {@code --lateData})
   * or to {@code --lateDataTopic}, counted in {@code late_data_written}.
   */
  public static <T> WriteOutput<T> lateData(SinkOptions o, String folder,
      SerializableFunction<T, String> toJson) {
    return WriteOutput.<T>of(o, folder, "lateDataTopic", o.getLateDataTopic(), toJson)
        .withCounter("late_data_written");
  }

  /** The Kafka record key of an element (e.g. its sensor id); no key when not set. */
  public WriteOutput<T> withKey(SerializableFunction<T, String> keyFn) {
    return new WriteOutput<>(toJson, Objects.requireNonNull(keyFn, "keyFn"), counterName,
        numShards, folder, kafka);
  }

  /** Counts written elements in {@code beamline:<name>}. */
  public WriteOutput<T> withCounter(String name) {
    return new WriteOutput<>(toJson, key, name, numShards, folder, kafka);
  }

  /** Files per output folder; 0 lets the runner decide. Kafka ignores it. */
  public WriteOutput<T> withNumShards(int shards) {
    return new WriteOutput<>(toJson, key, counterName, shards, folder, kafka);
  }

  public static boolean isKafka(SinkOptions o) {
    String k = o.getSink() == null ? "" : o.getSink().strip();
    if (!k.equals(ReadInput.FILE) && !k.equals(ReadInput.KAFKA)) {
      throw new IllegalArgumentException("--sink: '" + k + "' is not one of: file, kafka");
    }
    return k.equals(ReadInput.KAFKA);
  }

  /**
   * Checks the sink flags before a run and describes the sink in one line, delivery guarantee
   * included; empty for files (the run summary lists the folders). With {@code withLateData} (a
   * pipeline that also writes data later than the allowed lateness) {@code --lateDataTopic} is
   * required with {@code --sink=kafka}. Throws {@link IllegalArgumentException} naming the flag,
   * e.g. when exactly-once is asked of a runner that cannot give it, or for a bounded input
   * ({@code boundedInput}): Beam's Flink runner keeps sources alive while it checkpoints, so such a
   * job would never finish, and with {@code --shutdownSourcesAfterIdleMs} the exactly-once writer
   * fails at shutdown ("watermark holds left") and is restarted.
   */
  public static String describe(SinkOptions o, boolean boundedInput, boolean withLateData) {
    if (!isKafka(o)) {
      return "";
    }
    String servers = KafkaSettings.bootstrapServers(o, "--sink=kafka");
    String results = requireTopic("outputTopic", o.getOutputTopic());
    String deadLetters = requireTopic("deadLetterTopic", o.getDeadLetterTopic());
    String lateData = withLateData ? requireTopic("lateDataTopic", o.getLateDataTopic()) : null;
    KafkaClientConfig config = producerConfig(o);
    String delivery;
    if (isExactlyOnce(o)) {
      RunnerCapabilities.checkKafkaExactlyOnce(o);
      if (boundedInput) {
        throw new IllegalArgumentException("--kafkaDelivery=exactly-once is for streaming jobs "
            + "that read Kafka without end; with a bounded input (files, --maxRecords or "
            + "--maxReadTime) the Flink job would not finish. Drop the bound, or use "
            + "--kafkaDelivery=at-least-once.");
      }
      if (o.getExactlyOnceShards() < 1) {
        throw new IllegalArgumentException(
            "--exactlyOnceShards must be >= 1, was " + o.getExactlyOnceShards());
      }
      delivery = "exactly-once: Kafka transactions committed on each Flink checkpoint (every "
          + RunnerCapabilities.checkpointingIntervalMillis(o) + " ms), "
          + o.getExactlyOnceShards() + " writer(s) per topic, sink state under consumer groups "
          + sinkGroupPrefix(o) + "-<topic>; read the topics with isolation.level=read_committed";
    } else {
      delivery = "at-least-once: a retried bundle can write a record twice";
    }
    return "output kafka topics " + results + " (results)"
        + (lateData == null ? " and " : ", " + lateData + " (late data) and ") + deadLetters
        + " (dead letters) at " + servers + ", " + delivery
        + (config.isEmpty() ? "" : ", client settings: " + config.describe());
  }

  @Override
  public PDone expand(PCollection<T> input) {
    if (kafka != null) {
      SerializableFunction<T, String> keyFn = key;
      SerializableFunction<T, String> json = toJson;
      return input
          .apply("ToKeyedJson", MapElements
              .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
              .via((T e) -> KV.of(keyFn == null ? null : keyFn.apply(e), json.apply(e))))
          .setCoder(KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), StringUtf8Coder.of()))
          .apply("WriteKafka", kafka.withCounter(BeamlinePipeline.COUNTER_NAMESPACE, counterName));
    }
    PCollection<String> lines = input
        .apply("ToJson", MapElements.into(TypeDescriptor.of(String.class)).via(toJson));
    if (lines.isBounded() == PCollection.IsBounded.UNBOUNDED && isGlobalDefault(lines)) {
      lines = lines.apply("FlushPeriodically", Window.<String>into(new GlobalWindows())
          .triggering(Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane()
              .plusDelayOf(Duration.standardSeconds(FLUSH_SECONDS))))
          .discardingFiredPanes());
    }
    return lines.apply("WriteFiles", WriteJsonLines.to(Objects.requireNonNull(folder))
        .withCounter(BeamlinePipeline.COUNTER_NAMESPACE, counterName)
        .withNumShards(numShards));
  }

  private static boolean isGlobalDefault(PCollection<?> c) {
    WindowingStrategy<?, ?> ws = c.getWindowingStrategy();
    return ws.getWindowFn() instanceof GlobalWindows && ws.getTrigger() instanceof DefaultTrigger;
  }

  private static boolean isExactlyOnce(SinkOptions o) {
    String d = o.getKafkaDelivery() == null ? "" : o.getKafkaDelivery().strip();
    if (!d.equals(AT_LEAST_ONCE) && !d.equals(EXACTLY_ONCE)) {
      throw new IllegalArgumentException(
          "--kafkaDelivery: '" + d + "' is not one of: at-least-once, exactly-once");
    }
    return d.equals(EXACTLY_ONCE);
  }

  private static KafkaClientConfig producerConfig(SinkOptions o) {
    return KafkaSettings.clientConfig(o, "kafkaProducerConfig", o.getKafkaProducerConfig());
  }

  /**
   * The exactly-once sink refuses a consumer group that an earlier job already used (its stored
   * state belongs to that job). Unless the user names one, each run gets its own, recorded in the
   * options so that every output of the run and the start-up message agree.
   */
  private static synchronized String sinkGroupPrefix(SinkOptions o) {
    String prefix = o.getSinkGroupId() == null ? "" : o.getSinkGroupId().strip();
    if (prefix.isEmpty()) {
      prefix = "beamline-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
          .format(ZonedDateTime.now(ZoneOffset.UTC));
      o.setSinkGroupId(prefix);
    }
    return prefix;
  }

  private static String requireTopic(String flag, String topic) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("--" + flag + " is required with --sink=kafka");
    }
    return topic.strip();
  }
}
