package dev.beamline.kafka;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records to a topic, creating it first if needed: each record keyed by a field of its JSON
 * (records without one go round-robin over the partitions, by their number, so a run is
 * reproducible), optionally paced to a rate. Idempotent producer, {@code acks=all}: every record is
 * written once, in order per partition.
 */
final class TopicProducer implements AutoCloseable {
  private final String bootstrap;
  private final String topic;
  private final String keyField;
  private final double ratePerSecond;
  private final PrintStream out;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Map<Integer, Long> perPartition = new TreeMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong acked = new AtomicLong();
  private int partitions;
  private long sent;
  private long keyless;
  private long startNanos;

  TopicProducer(String bootstrap, String topic, String keyField, double ratePerSecond,
      PrintStream out) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.keyField = keyField;
    this.ratePerSecond = ratePerSecond;
    this.out = out;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  /** Creates the topic with {@code wanted} partitions unless it exists; returns its partitions. */
  int prepareTopic(int wanted, boolean explicit) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000))) {
      Set<String> names = admin.listTopics().names().get(15, TimeUnit.SECONDS);
      if (!names.contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, wanted, (short) 1))).all()
            .get(15, TimeUnit.SECONDS);
        out.println("created topic " + topic + " with " + wanted + " partition(s)");
        partitions = wanted;
        awaitLeaders(admin);
      } else {
        partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS)
            .get(topic).partitions().size();
        if (explicit && partitions != wanted) {
          out.println("topic " + topic + " exists with " + partitions + " partition(s); "
              + "--partitions " + wanted + " ignored");
        }
      }
      return partitions;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot prepare topic " + topic + " at " + bootstrap + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Waits until every partition of a topic just created has a leader that answers. The idempotent
   * producer's first batch to a partition without a leader yet can be refused out of sequence while
   * later batches are appended, and then never be written ("Expiring 1 record(s)", seen once with a
   * partition whose leader came 60 ms after the others').
   */
  private void awaitLeaders(Admin admin)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      boolean allLed = true;
      for (TopicPartitionInfo p : admin.describeTopics(List.of(topic))
          .allTopicNames().get(15, TimeUnit.SECONDS).get(topic).partitions()) {
        allLed &= p.leader() != null;
        latest.put(new TopicPartition(topic, p.partition()),
            OffsetSpec.latest());
      }
      if (allLed) {
        try {
          admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS); // every leader answers
          return;
        } catch (ExecutionException e) {
          // a leader moved between the two calls: look again
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + topic + " at " + bootstrap
            + ": not every partition has a leader after 15 s");
      }
      Thread.sleep(50); // leader election after topic creation takes tens of milliseconds
    }
  }

  /** Sends one record: {@code number} is 1-based and places records without a key. */
  void send(byte[] value, long number) throws InterruptedException {
    if (sent == 0) {
      startNanos = System.nanoTime();
    }
    pace();
    byte[] key = RecordKeys.keyOf(value, keyField);
    Integer partition = null;
    if (key == null) {
      keyless++;
      partition = (int) ((number - 1) % partitions);
    }
    sent++;
    producer.send(new ProducerRecord<>(topic, partition, key, value), (meta, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      } else {
        acked.incrementAndGet();
        synchronized (perPartition) {
          perPartition.merge(meta.partition(), 1L, Long::sum);
        }
      }
    });
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("sending to " + topic + " failed: " + e.getMessage(), e);
    }
  }

  private void pace() throws InterruptedException {
    if (ratePerSecond <= 0) {
      return;
    }
    long due = startNanos + (long) (sent * 1e9 / ratePerSecond);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** Flushes, checks that every record was acknowledged, prints a summary. */
  void finish() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("sending to " + topic + " failed: " + e.getMessage(), e);
    }
    double seconds = sent == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9;
    StringBuilder b = new StringBuilder();
    b.append(String.format(java.util.Locale.ROOT, "sent %d records to %s at %s in %.1f s",
        acked.get(), topic, bootstrap, seconds));
    synchronized (perPartition) {
      b.append("; per partition:");
      for (int p = 0; p < partitions; p++) {
        b.append(' ').append(p).append('=').append(perPartition.getOrDefault(p, 0L));
      }
    }
    if (keyless > 0) {
      b.append("; ").append(keyless).append(" without a '").append(keyField)
          .append("' key went round-robin");
    }
    out.println(b);
  }

  @Override
  public void close() {
    producer.close();
  }
}
