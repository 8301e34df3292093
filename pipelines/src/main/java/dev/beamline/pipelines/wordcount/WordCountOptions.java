package dev.beamline.pipelines.wordcount;

import dev.beamline.pipelines.LocalPath;
import dev.beamline.pipelines.io.SinkOptions;
import dev.beamline.pipelines.io.SourceOptions;
import dev.beamline.transforms.windowing.WindowingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options of wordcount; windowing flags come from {@link WindowingOptions}, Kafka source and sink
 * flags from {@link SourceOptions} and {@link SinkOptions}.
 */
public interface WordCountOptions
    extends WindowingOptions, StreamingOptions, SourceOptions, SinkOptions {
  @Description("Input: a file or glob of JSON Lines {\"ts\":...,\"text\":\"...\",\"source\":...} "
      + "(ts: ISO-8601 with Z or an offset, or epoch milliseconds; compressed files are read by "
      + "extension).")
  @Default.String("testdata/wordcount/sample.jsonl")
  @LocalPath
  String getInput();

  void setInput(String value);

  @Description("Output folder for the per-window top words (JSON Lines part files).")
  @Default.String("out/wordcount/results")
  @LocalPath
  String getOutput();

  void setOutput(String value);

  @Description("Output folder for dead letters: each bad line with its reason, file and line number.")
  @Default.String("out/wordcount/dead-letters")
  @LocalPath
  String getDeadLetters();

  void setDeadLetters(String value);

  @Description("Output folder for lines later than the allowed lateness (which Beam would drop "
      + "silently): each line with its event time and the window it missed.")
  @Default.String("out/wordcount/late-data")
  @LocalPath
  String getLateData();

  void setLateData(String value);

  @Description("How many of the most frequent words each window reports.")
  @Default.Integer(10)
  int getTopN();

  void setTopN(int value);

  @Description("Number of output files per folder; 0 lets the runner decide.")
  @Default.Integer(0)
  int getNumShards();

  void setNumShards(int value);
}
