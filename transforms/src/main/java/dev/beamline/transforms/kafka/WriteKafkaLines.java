package dev.beamline.transforms.kafka;

import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes keyed lines of text (e.g. JSON objects keyed by sensor) to a Kafka topic as UTF-8 strings,
 * and counts them in a counter of the caller's choosing. A null key (with a key coder that allows
 * it) writes a record without a key.
 *
 * <p>Delivery is at-least-once by default: the producer waits for all in-sync replicas and
 * retries, and a bundle that fails after some records were sent is retried whole, so a failure can
 * write a record twice. {@link #withExactlyOnce} uses KafkaIO's exactly-once sink instead: records
 * are written in Kafka transactions that commit when the runner's checkpoint does, so readers with
 * {@code isolation.level=read_committed} see each record exactly once. That needs a runner that
 * replays stable input from durable checkpoints (in Beamline: Flink streaming with checkpointing);
 * the pipelines refuse it elsewhere. Results then appear once per checkpoint, not continuously.
 */
public final class WriteKafkaLines extends PTransform<PCollection<KV<String, String>>, PDone> {
  private final String bootstrapServers;
  private final String topic;
  private final int exactlyOnceShards;
  private final @Nullable String sinkGroupId;
  private final KafkaClientConfig clientConfig;
  private final String counterNamespace;
  private final String counterName;

  private WriteKafkaLines(String bootstrapServers, String topic, int exactlyOnceShards,
      @Nullable String sinkGroupId, KafkaClientConfig clientConfig, String counterNamespace,
      String counterName) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.exactlyOnceShards = exactlyOnceShards;
    this.sinkGroupId = sinkGroupId;
    this.clientConfig = clientConfig;
    this.counterNamespace = counterNamespace;
    this.counterName = counterName;
  }

  /** At-least-once writes to {@code topic}; counts in {@code beamline:lines_written}. */
  public static WriteKafkaLines to(String bootstrapServers, String topic) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be empty");
    }
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be empty");
    }
    return new WriteKafkaLines(bootstrapServers, topic, 0, null, KafkaClientConfig.empty(),
        "beamline", "lines_written");
  }

  /**
   * Exactly-once writes through {@code shards} transactional producers; the sink keeps its
   * progress in Kafka under {@code sinkGroupId}, which must be unique per job and per sink and
   * stable across restarts of that job.
   */
  public WriteKafkaLines withExactlyOnce(int shards, String sinkGroupId) {
    if (shards < 1) {
      throw new IllegalArgumentException("exactly-once shards must be >= 1, was " + shards);
    }
    if (sinkGroupId == null || sinkGroupId.isBlank()) {
      throw new IllegalArgumentException("sinkGroupId must not be empty");
    }
    return new WriteKafkaLines(bootstrapServers, topic, shards, sinkGroupId, clientConfig,
        counterNamespace, counterName);
  }

  /** Extra client properties (SASL, TLS, ...), given to every producer and consumer. */
  public WriteKafkaLines withClientConfig(KafkaClientConfig config) {
    return new WriteKafkaLines(bootstrapServers, topic, exactlyOnceShards, sinkGroupId,
        Objects.requireNonNull(config, "config"), counterNamespace, counterName);
  }

  /** Counts every record handed to the producer in {@code namespace:name}. */
  public WriteKafkaLines withCounter(String namespace, String name) {
    return new WriteKafkaLines(bootstrapServers, topic, exactlyOnceShards, sinkGroupId,
        clientConfig, namespace, name);
  }

  public boolean isExactlyOnce() {
    return sinkGroupId != null;
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> records) {
    KafkaIO.Write<String, String> write = KafkaIO.<String, String>write()
        .withBootstrapServers(bootstrapServers)
        .withTopic(topic)
        .withKeySerializer(StringSerializer.class)
        .withValueSerializer(StringSerializer.class)
        .withProducerConfigUpdates(Map.of(ProducerConfig.ACKS_CONFIG, "all"))
        .withProducerFactoryFn(KafkaClientFactories.producers(clientConfig));
    if (sinkGroupId != null) {
      write = write.withEOS(exactlyOnceShards, sinkGroupId)
          .withConsumerFactoryFn(KafkaClientFactories.consumers(clientConfig));
    }
    return records
        .apply("Count", ParDo.of(new CountFn(counterNamespace, counterName)))
        .setCoder(records.getCoder())
        .apply("WriteKafka", write);
  }

  static final class CountFn extends DoFn<KV<String, String>, KV<String, String>> {
    private final Counter written;

    CountFn(String namespace, String name) {
      this.written = Metrics.counter(namespace, name);
    }

    @ProcessElement
    public void process(@Element KV<String, String> record, OutputReceiver<KV<String, String>> out) {
      written.inc();
      out.output(record);
    }
  }
}
