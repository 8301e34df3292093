package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.LocalPath;
import dev.beamline.transforms.windowing.WindowingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/** Options of traffic-top-talkers; windowing flags come from {@link WindowingOptions}. */
public interface TrafficTopTalkersOptions extends WindowingOptions, StreamingOptions {
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
