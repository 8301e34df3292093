package dev.beamline.transforms.kafka;

import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.io.SourcedLineCoder;
import dev.beamline.transforms.parse.LineParser;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Reads the values of a Kafka topic as lines of text, each tagged with where it came from (source
 * {@code kafka:<topic>/<partition>}, position = offset), stamped with the event time read from the
 * payload, and counted in {@code lines_read}: the Kafka counterpart of
 * {@link dev.beamline.transforms.io.ReadLinesWithSource}, so the same parser and dead-letter path
 * serve both.
 *
 * <p>Values are read as bytes and decoded here: a value that is not UTF-8 becomes a line with
 * {@link SourcedLine#malformedEncoding()} set, and a record without a value (a tombstone) an empty
 * line, so that each becomes a dead letter downstream instead of failing the reader. Keys are
 * ignored. Event times and the watermark come from {@link PayloadTimestampPolicy}.
 *
 * <p>Starts from the earliest offset unless a consumer group with committed offsets is given
 * ({@link #withConsumerGroup}, which also commits offsets when the runner finalizes checkpoints).
 * Reads with {@code isolation.level=read_committed}, so records of aborted transactions (e.g. from
 * an exactly-once writer) are never seen. {@link #withMaxRecords} or {@link #withMaxReadTime} make
 * the read bounded (KafkaIO then uses its legacy reader on every runner); a bounded read's
 * watermark does not advance until it ends, so nothing is late in it.
 *
 * <p>Runner caveats: Direct, Flink and Spark all use KafkaIO's legacy unbounded reader (Beam 2.70
 * chooses it on non-portable runners); Flink does not commit offsets on drain (apache/beam#26884).
 */
public final class ReadKafkaLines extends PTransform<PBegin, PCollection<SourcedLine>> {
  /** The source of a line read from {@code topic}/{@code partition}, as dead letters show it. */
  public static String sourceName(String topic, int partition) {
    return "kafka:" + topic + "/" + partition;
  }

  private final String bootstrapServers;
  private final String topic;
  private final LineParser<Instant> eventTime;
  private final Duration maxOutOfOrderness;
  private final Duration idleTimeout;
  private final long maxRecords;
  private final @Nullable Duration maxReadTime;
  private final @Nullable String consumerGroup;
  private final KafkaClientConfig clientConfig;
  private final String counterNamespace;

  private ReadKafkaLines(String bootstrapServers, String topic, LineParser<Instant> eventTime,
      Duration maxOutOfOrderness, Duration idleTimeout, long maxRecords,
      @Nullable Duration maxReadTime, @Nullable String consumerGroup,
      KafkaClientConfig clientConfig, String counterNamespace) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.eventTime = eventTime;
    this.maxOutOfOrderness = maxOutOfOrderness;
    this.idleTimeout = idleTimeout;
    this.maxRecords = maxRecords;
    this.maxReadTime = maxReadTime;
    this.consumerGroup = consumerGroup;
    this.clientConfig = clientConfig;
    this.counterNamespace = counterNamespace;
  }

  /**
   * Reads {@code topic} from the cluster at {@code bootstrapServers}, with event times read by
   * {@code eventTime} (e.g. {@code JsonEventTime.field("ts")}). Defaults: 10 s out-of-orderness,
   * 30 s idle timeout, unbounded.
   */
  public static ReadKafkaLines from(String bootstrapServers, String topic,
      LineParser<Instant> eventTime) {
    return new ReadKafkaLines(requireText("bootstrapServers", bootstrapServers),
        requireText("topic", topic), Objects.requireNonNull(eventTime, "eventTime"),
        Duration.standardSeconds(10), Duration.standardSeconds(30), Long.MAX_VALUE, null, null,
        KafkaClientConfig.empty(), "beamline");
  }

  /** How far out of order records of one partition may arrive before they are late. */
  public ReadKafkaLines withMaxOutOfOrderness(Duration d) {
    return new ReadKafkaLines(bootstrapServers, topic, eventTime, d, idleTimeout, maxRecords,
        maxReadTime, consumerGroup, clientConfig, counterNamespace);
  }

  /** How far a partition with nothing to read may hold the watermark behind the wall clock. */
  public ReadKafkaLines withIdleTimeout(Duration d) {
    return new ReadKafkaLines(bootstrapServers, topic, eventTime, maxOutOfOrderness, d,
        maxRecords, maxReadTime, consumerGroup, clientConfig, counterNamespace);
  }

  /** Stops after {@code n} records (a bounded read). */
  public ReadKafkaLines withMaxRecords(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("maxRecords must be positive, was " + n);
    }
    return new ReadKafkaLines(bootstrapServers, topic, eventTime, maxOutOfOrderness, idleTimeout,
        n, maxReadTime, consumerGroup, clientConfig, counterNamespace);
  }

  /** Stops reading after {@code d} of processing time (a bounded read). */
  public ReadKafkaLines withMaxReadTime(Duration d) {
    if (!d.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("maxReadTime must be positive, was " + d);
    }
    return new ReadKafkaLines(bootstrapServers, topic, eventTime, maxOutOfOrderness, idleTimeout,
        maxRecords, d, consumerGroup, clientConfig, counterNamespace);
  }

  /** Resumes from, and commits offsets to, this consumer group. */
  public ReadKafkaLines withConsumerGroup(String group) {
    return new ReadKafkaLines(bootstrapServers, topic, eventTime, maxOutOfOrderness, idleTimeout,
        maxRecords, maxReadTime, requireText("consumerGroup", group), clientConfig,
        counterNamespace);
  }

  /** Extra client properties (SASL, TLS, ...), given to every consumer; may hold secrets. */
  public ReadKafkaLines withClientConfig(KafkaClientConfig config) {
    return new ReadKafkaLines(bootstrapServers, topic, eventTime, maxOutOfOrderness, idleTimeout,
        maxRecords, maxReadTime, consumerGroup, Objects.requireNonNull(config, "config"),
        counterNamespace);
  }

  public ReadKafkaLines withCounterNamespace(String namespace) {
    return new ReadKafkaLines(bootstrapServers, topic, eventTime, maxOutOfOrderness, idleTimeout,
        maxRecords, maxReadTime, consumerGroup, clientConfig, namespace);
  }

  public boolean isBounded() {
    return maxRecords != Long.MAX_VALUE || maxReadTime != null;
  }

  @Override
  public PCollection<SourcedLine> expand(PBegin input) {
    Map<String, Object> consumerConfig = new HashMap<>();
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaIO.Read<byte[], byte[]> read = KafkaIO.<byte[], byte[]>read()
        .withBootstrapServers(bootstrapServers)
        .withTopic(topic)
        .withKeyDeserializer(ByteArrayDeserializer.class)
        .withValueDeserializer(ByteArrayDeserializer.class)
        .withConsumerFactoryFn(KafkaClientFactories.consumers(clientConfig))
        .withTimestampPolicyFactory(
            PayloadTimestampPolicy.factory(eventTime, maxOutOfOrderness, idleTimeout));
    if (consumerGroup != null) {
      consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
      read = read.commitOffsetsInFinalize();
    }
    read = read.withConsumerConfigUpdates(consumerConfig);
    if (maxRecords != Long.MAX_VALUE) {
      read = read.withMaxNumRecords(maxRecords);
    }
    if (maxReadTime != null) {
      read = read.withMaxReadTime(maxReadTime);
    }
    return input
        .apply("ReadKafka", read)
        .apply("ToSourcedLines", ParDo.of(new ToSourcedLineFn(counterNamespace)))
        .setCoder(SourcedLineCoder.of());
  }

  /** Kafka record to line; keeps the element's timestamp (the event time the policy read). */
  static final class ToSourcedLineFn extends DoFn<KafkaRecord<byte[], byte[]>, SourcedLine> {
    private final Counter linesRead;

    ToSourcedLineFn(String namespace) {
      this.linesRead = Metrics.counter(namespace, "lines_read");
    }

    @ProcessElement
    public void process(@Element KafkaRecord<byte[], byte[]> record,
        OutputReceiver<SourcedLine> out) {
      linesRead.inc();
      out.output(toLine(record));
    }
  }

  static SourcedLine toLine(KafkaRecord<byte[], byte[]> record) {
    String source = sourceName(record.getTopic(), record.getPartition());
    byte[] value = record.getKV().getValue();
    if (value == null) {
      return new SourcedLine(source, record.getOffset(), "", false);
    }
    String text = StrictUtf8.decode(value);
    return text != null
        ? new SourcedLine(source, record.getOffset(), text, false)
        : new SourcedLine(source, record.getOffset(), new String(value, StandardCharsets.UTF_8), true);
  }

  private static String requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }
}
