package dev.beamline.pipelines.io;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Where a pipeline writes its outputs: folders of JSON Lines files (the pipeline's own folder
 * flags) or Kafka topics. {@link WriteOutput} writes them; {@link WriteOutput#describe} checks
 * these flags and says which delivery guarantee the run has.
 */
public interface SinkOptions extends KafkaOptions {
  @Description("Output sink: 'file' (folders) or 'kafka' (--outputTopic, --deadLetterTopic, "
      + "--lateDataTopic and any topic flag of the pipeline's own).")
  @Default.String("file")
  String getSink();

  void setSink(String value);

  @Description("Kafka topic for results (--sink=kafka).")
  @Default.String("")
  String getOutputTopic();

  void setOutputTopic(String value);

  @Description("Kafka topic for dead letters (--sink=kafka).")
  @Default.String("")
  String getDeadLetterTopic();

  void setDeadLetterTopic(String value);

  @Description("Kafka topic for records later than the allowed lateness (--sink=kafka).")
  @Default.String("")
  String getLateDataTopic();

  void setLateDataTopic(String value);

  @Description("Kafka delivery: 'at-least-once', or 'exactly-once' (Kafka transactions committed "
      + "on Flink checkpoints; needs --streaming=true and --checkpointingInterval on Flink).")
  @Default.String("at-least-once")
  String getKafkaDelivery();

  void setKafkaDelivery(String value);

  @Description("Exactly-once: prefix of the consumer groups the sink keeps its state under; set a "
      + "stable one to restore a job from a savepoint. Empty: a new one per run.")
  @Default.String("")
  String getSinkGroupId();

  void setSinkGroupId(String value);

  @Description("Exactly-once: number of transactional writers per topic (at most the topic's "
      + "partition count).")
  @Default.Integer(1)
  int getExactlyOnceShards();

  void setExactlyOnceShards(int value);

  @Description("Kafka producer settings name=value[,name=value...] (no secrets: use "
      + "--kafkaConfigFile).")
  @Default.String("")
  String getKafkaProducerConfig();

  void setKafkaProducerConfig(String value);
}
