package dev.beamline.pipelines.io;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Where a pipeline reads its input lines from: files (the pipeline's own {@code --input}) or a
 * Kafka topic. {@link ReadInput} reads them; {@link ReadInput#describe} checks these flags.
 */
public interface SourceOptions extends KafkaOptions {
  @Description("Input source: 'file' (--input) or 'kafka' (--topic at --bootstrapServers).")
  @Default.String("file")
  String getSource();

  void setSource(String value);

  @Description("Kafka topic to read events from (--source=kafka).")
  @Default.String("")
  String getTopic();

  void setTopic(String value);

  @Description("Kafka: how far out of order events of one partition may arrive before they are "
      + "late; the watermark trails the latest event time by this much.")
  @Default.String("10s")
  String getMaxOutOfOrderness();

  void setMaxOutOfOrderness(String value);

  @Description("Kafka: a partition with nothing left to read holds the watermark at most this far "
      + "behind the wall clock, so idle or empty partitions do not stall windows.")
  @Default.String("30s")
  String getIdleTimeout();

  void setIdleTimeout(String value);

  @Description("Kafka: stop after this many records (a bounded read); 0 reads forever.")
  @Default.Long(0)
  long getMaxRecords();

  void setMaxRecords(long value);

  @Description("Kafka: stop reading after this much time (a bounded read); empty reads forever.")
  @Default.String("")
  String getMaxReadTime();

  void setMaxReadTime(String value);

  @Description("Kafka: consumer group to resume from and commit offsets to on checkpoints; empty "
      + "reads from the earliest offset and commits nothing.")
  @Default.String("")
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description("Kafka consumer settings name=value[,name=value...] (no secrets: use "
      + "--kafkaConfigFile).")
  @Default.String("")
  String getKafkaConsumerConfig();

  void setKafkaConsumerConfig(String value);
}
