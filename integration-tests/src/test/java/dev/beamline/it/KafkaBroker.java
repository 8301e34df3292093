package dev.beamline.it;

import dev.beamline.kafka.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.rules.ExternalResource;

/**
 * A real single-node Kafka broker (KRaft) in the test JVM for one test class, with the few client
 * operations the tests need: create a topic, send a record to a chosen partition, and read a topic
 * until the records a test waits for are there.
 */
public final class KafkaBroker extends ExternalResource {
  /** How long a test waits for records before failing: a guard against hangs, not a timing assert. */
  public static final Duration GUARD = Duration.ofMinutes(3);

  private EmbeddedKafkaBroker broker;
  private KafkaProducer<byte[], byte[]> producer;
  private Path dataDir;

  @Override
  protected void before() throws Throwable {
    dataDir = Files.createTempDirectory("beamline-kafka-it");
    broker = EmbeddedKafkaBroker.create(dataDir, 0, 0).start(Duration.ofSeconds(120));
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  @Override
  protected void after() {
    if (producer != null) {
      producer.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public void createTopic(String name, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  /** Sends one record to {@code partition} and waits for the broker's acknowledgement. */
  public RecordMetadata send(String topic, int partition, String key, byte[] value)
      throws Exception {
    return producer.send(new ProducerRecord<>(topic, partition,
        key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value))
        .get(60, TimeUnit.SECONDS);
  }

  /** Everything {@code topic} holds now (up to its end offsets when called), values as UTF-8. */
  public List<String> readAll(String topic, boolean readCommitted) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(readCommitted)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo i : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, i.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + GUARD.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end within " + GUARD);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  private KafkaConsumer<String, byte[]> consumer(boolean readCommitted) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
  }

  /**
   * Reads {@code topic} from the beginning (values as UTF-8) until {@code done} holds for what has
   * been read, and returns it. {@code readCommitted} hides records of open and aborted
   * transactions. Fails after {@link #GUARD} with what it had read.
   */
  public List<String> readUntil(String topic, boolean readCommitted, Predicate<List<String>> done) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(readCommitted)) {
      long deadline = System.nanoTime() + GUARD.toNanos();
      List<TopicPartition> assigned = List.of();
      while (!done.test(values)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("gave up waiting on topic " + topic + " after " + GUARD
              + "; read so far (" + values.size() + "):\n" + String.join("\n", values));
        }
        if (assigned.isEmpty()) {
          List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
          if (infos == null || infos.isEmpty()) {
            Thread.sleep(200);
            continue;
          }
          assigned = new ArrayList<>();
          for (PartitionInfo i : infos) {
            assigned.add(new TopicPartition(topic, i.partition()));
          }
          consumer.assign(assigned);
          consumer.seekToBeginning(assigned);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      return values;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
