package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.LocalPath;
import dev.beamline.pipelines.io.SinkOptions;
import dev.beamline.pipelines.io.SourceOptions;
import dev.beamline.transforms.windowing.WindowingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options of traffic-top-talkers; windowing flags come from {@link WindowingOptions} (without any
 * window flag: {@code --window=sliding:5m/1m}), Kafka source and sink flags from {@link
 * SourceOptions} and {@link SinkOptions} ({@code --outputTopic} takes the top talkers).
 */
public interface TrafficTopTalkersOptions
    extends WindowingOptions, StreamingOptions, SourceOptions, SinkOptions {
  @Description("Input: a file or glob of JSON Lines flow records (srcIp, dstIp, dstPort, protocol, "
      + "bytes, packets, ts); compressed files are read by extension.")
  @Default.String("testdata/traffic-top-talkers/sample.jsonl")
  @LocalPath
  String getInput();

  void setInput(String value);

  @Description("Output folder; results go to its subfolders top-talkers/, protocol-totals/ and "
      + "port-scan-suspects/ (JSON Lines part files).")
  @Default.String("out/traffic-top-talkers")
  @LocalPath
  String getOutput();

  void setOutput(String value);

  @Description("Output folder for dead letters: each bad line with its reason, file and line number.")
  @Default.String("out/traffic-top-talkers/dead-letters")
  @LocalPath
  String getDeadLetters();

  void setDeadLetters(String value);

  @Description("Output folder for flows later than the allowed lateness (which Beam would drop "
      + "silently): each flow with its event time and the window it missed.")
  @Default.String("out/traffic-top-talkers/late-data")
  @LocalPath
  String getLateData();

  void setLateData(String value);

  @Description("Kafka topic for the per-protocol totals (--sink=kafka); --outputTopic takes the "
      + "top talkers.")
  @Default.String("")
  String getProtocolTotalsTopic();

  void setProtocolTotalsTopic(String value);

  @Description("Kafka topic for the port-scan suspects (--sink=kafka).")
  @Default.String("")
  String getPortScanSuspectsTopic();

  void setPortScanSuspectsTopic(String value);

  @Description("How many sources to rank per window by bytes sent.")
  @Default.Integer(10)
  int getTopK();

  void setTopK(int value);

  @Description("A source is a port-scan suspect in a window when its TCP/UDP/SCTP flows reach at "
      + "least this many distinct destination ports there.")
  @Default.Integer(100)
  int getPortScanThreshold();

  void setPortScanThreshold(int value);

  @Description("Number of output files per folder; 0 lets the runner decide.")
  @Default.Integer(0)
  int getNumShards();

  void setNumShards(int value);
}
