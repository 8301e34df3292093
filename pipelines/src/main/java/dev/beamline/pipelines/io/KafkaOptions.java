package dev.beamline.pipelines.io;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Kafka connection flags shared by {@link SourceOptions} and {@link SinkOptions}. */
public interface KafkaOptions extends PipelineOptions {
  @Description("Kafka bootstrap servers (host:port[,host:port]) for --source=kafka and "
      + "--sink=kafka. './beamline kafka status' prints the local broker's.")
  @Default.String("")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("Java properties file of Kafka client settings (SASL, TLS, ...) for every consumer "
      + "and producer. Secrets (names with password, secret, jaas, key, token, credential) belong "
      + "here: they are refused on the command line and never printed.")
  @Default.String("")
  String getKafkaConfigFile();

  void setKafkaConfigFile(String value);
}
