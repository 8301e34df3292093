package dev.beamline.kafka;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints the records of a topic, one value per line (optionally {@code key<TAB>value}), without a
 * consumer group: every partition is assigned directly and nothing is committed, so looking at a
 * topic never changes it. Stops after {@code max} records or when nothing new arrived for
 * {@code idle}.
 */
final class TopicConsumer {
  private final String bootstrap;
  private final String topic;
  private final String isolation;
  private final PrintStream out;
  private final PrintStream err;

  TopicConsumer(String bootstrap, String topic, String isolation, PrintStream out, PrintStream err) {
    if (!isolation.equals("read_committed") && !isolation.equals("read_uncommitted")) {
      throw new UsageException("--isolation must be read_committed or read_uncommitted");
    }
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.isolation = isolation;
    this.out = out;
    this.err = err;
  }

  /** Returns the number of records printed. */
  long consume(boolean fromBeginning, long max, Duration idle, boolean withKeys) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      List<TopicPartition> partitions = awaitPartitions(consumer, idle);
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      long printed = 0;
      long lastRecord = System.nanoTime();
      while (max <= 0 || printed < max) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (max > 0 && printed >= max) {
            break;
          }
          String value = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
          if (withKeys) {
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            out.println(key + "\t" + value);
          } else {
            out.println(value);
          }
          printed++;
        }
        if (!records.isEmpty()) {
          lastRecord = System.nanoTime();
        } else if (System.nanoTime() - lastRecord > idle.toNanos()) {
          break;
        }
      }
      out.flush();
      err.println(String.format(Locale.ROOT, "read %d record(s) from %s (%d partition(s), %s)",
          printed, topic, partitions.size(), isolation));
      return printed;
    }
  }

  private List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> consumer, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(10));
      List<PartitionInfo> infos = topics.get(topic);
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo i : infos) {
          tps.add(new TopicPartition(topic, i.partition()));
        }
        return tps;
      }
      if (System.nanoTime() > deadline) {
        throw new UsageException("topic '" + topic + "' does not exist at " + bootstrap);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
