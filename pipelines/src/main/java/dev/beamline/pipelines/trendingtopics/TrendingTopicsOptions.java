package dev.beamline.pipelines.trendingtopics;

import dev.beamline.pipelines.LocalPath;
import dev.beamline.pipelines.io.SinkOptions;
import dev.beamline.pipelines.io.SourceOptions;
import dev.beamline.transforms.windowing.WindowingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options of trending-topics; windowing flags come from {@link WindowingOptions}, Kafka source and
 * sink flags from {@link SourceOptions} and {@link SinkOptions}.
 */
public interface TrendingTopicsOptions
    extends WindowingOptions, StreamingOptions, SourceOptions, SinkOptions {
  @Description("Input: a file or glob of JSON Lines posts {\"postId\",\"userId\",\"text\",\"ts\"} "
      + "(ts: ISO-8601 with Z or an offset, or epoch milliseconds; compressed files are read by "
      + "extension).")
  @Default.String("testdata/trending-topics/sample.jsonl")
  @LocalPath
  String getInput();

  void setInput(String value);

  @Description("Output folder for the per-window top hashtags by trend (JSON Lines part files).")
  @Default.String("out/trending-topics/results")
  @LocalPath
  String getOutput();

  void setOutput(String value);

  @Description("Output folder for dead letters: each bad line with its reason, file and line number.")
  @Default.String("out/trending-topics/dead-letters")
  @LocalPath
  String getDeadLetters();

  void setDeadLetters(String value);

  @Description("Output folder for posts that came after their window had fired (which Beam would "
      + "drop silently): each post with its event time and the window it missed.")
  @Default.String("out/trending-topics/late-data")
  @LocalPath
  String getLateData();

  void setLateData(String value);

  @Description("How many hashtags each window reports, highest trend first. Trend = (count - "
      + "previousCount) / sqrt(previousCount + 1), previousCount being the count in the window one "
      + "slide earlier.")
  @Default.Integer(10)
  int getTopK();

  void setTopK(int value);

  @Description("A post whose postId was already seen is dropped when it comes within this much event "
      + "time of the first one (a resent post counts once).")
  @Default.String("10m")
  String getDedupWithin();

  void setDedupWithin(String value);

  @Description("Number of output files per folder; 0 lets the runner decide.")
  @Default.Integer(0)
  int getNumShards();

  void setNumShards(int value);
}
