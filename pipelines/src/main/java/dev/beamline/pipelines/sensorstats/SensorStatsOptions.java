package dev.beamline.pipelines.sensorstats;

import dev.beamline.pipelines.LocalPath;
import dev.beamline.pipelines.io.SinkOptions;
import dev.beamline.pipelines.io.SourceOptions;
import dev.beamline.transforms.windowing.WindowingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options of sensor-stats; windowing flags come from {@link WindowingOptions}, Kafka source and
 * sink flags from {@link SourceOptions} and {@link SinkOptions}.
 */
public interface SensorStatsOptions
    extends WindowingOptions, StreamingOptions, SourceOptions, SinkOptions {
  @Description("Input: a file or glob of JSON Lines sensor events (compressed files are read by "
      + "extension).")
  @Default.String("testdata/sensor-stats/sample.jsonl")
  @LocalPath
  String getInput();

  void setInput(String value);

  @Description("Output folder for the per-sensor, per-window statistics (JSON Lines part files).")
  @Default.String("out/sensor-stats/results")
  @LocalPath
  String getOutput();

  void setOutput(String value);

  @Description("Output folder for dead letters: each bad line with its reason, file and line number.")
  @Default.String("out/sensor-stats/dead-letters")
  @LocalPath
  String getDeadLetters();

  void setDeadLetters(String value);

  @Description("Output folder for readings later than the allowed lateness (which Beam would drop "
      + "silently): each reading with its event time and the window it missed.")
  @Default.String("out/sensor-stats/late-data")
  String getLateData();

  void setLateData(String value);

  @Description("Number of output files per folder; 0 lets the runner decide.")
  @Default.Integer(0)
  int getNumShards();

  void setNumShards(int value);
}
