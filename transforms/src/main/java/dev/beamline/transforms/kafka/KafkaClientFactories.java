package dev.beamline.transforms.kafka;

import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * KafkaIO client factories that add a {@link KafkaClientConfig} to the config KafkaIO builds. The
 * extra properties (SASL, TLS, ...) thereby reach every client KafkaIO opens (the reader's
 * consumers, the offset consumer, producers, the exactly-once sink's metadata consumer) without
 * appearing in KafkaIO's display data, which lists the configs it is given in plain text.
 */
public final class KafkaClientFactories {
  private KafkaClientFactories() {}

  public static <K, V> SerializableFunction<Map<String, Object>, Consumer<K, V>> consumers(
      KafkaClientConfig extra) {
    return new ConsumerFactory<>(extra);
  }

  public static <K, V> SerializableFunction<Map<String, Object>, Producer<K, V>> producers(
      KafkaClientConfig extra) {
    return new ProducerFactory<>(extra);
  }

  private static final class ConsumerFactory<K, V>
      implements SerializableFunction<Map<String, Object>, Consumer<K, V>> {
    private static final long serialVersionUID = 1L;
    private final KafkaClientConfig extra;

    ConsumerFactory(KafkaClientConfig extra) {
      this.extra = Objects.requireNonNull(extra, "extra");
    }

    @Override
    public Consumer<K, V> apply(Map<String, Object> config) {
      return new KafkaConsumer<>(extra.applyTo(config));
    }

    @Override
    public String toString() {
      return "consumers with " + extra;
    }
  }

  private static final class ProducerFactory<K, V>
      implements SerializableFunction<Map<String, Object>, Producer<K, V>> {
    private static final long serialVersionUID = 1L;
    private final KafkaClientConfig extra;

    ProducerFactory(KafkaClientConfig extra) {
      this.extra = Objects.requireNonNull(extra, "extra");
    }

    @Override
    public Producer<K, V> apply(Map<String, Object> config) {
      return new KafkaProducer<>(extra.applyTo(config));
    }

    @Override
    public String toString() {
      return "producers with " + extra;
    }
  }
}
