package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.pipelines.LocalPath;
import dev.beamline.pipelines.io.SinkOptions;
import dev.beamline.pipelines.io.SourceOptions;
import dev.beamline.transforms.windowing.WindowingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options of clickstream-sessions. The windows are always sessions of {@code --sessionGap}; the
 * trigger, allowed lateness and pane accumulation flags come from {@link WindowingOptions} (its
 * window flags are refused), Kafka source and sink flags from {@link SourceOptions} and {@link
 * SinkOptions}.
 */
public interface ClickstreamSessionsOptions
    extends WindowingOptions, StreamingOptions, SourceOptions, SinkOptions {
  @Description("Input: a file or glob of JSON Lines click events (userId, page, action, ts); "
      + "compressed files are read by extension.")
  @Default.String("testdata/clickstream-sessions/sample.jsonl")
  @LocalPath
  String getInput();

  void setInput(String value);

  @Description("Output folder for the session summaries (JSON Lines part files).")
  @Default.String("out/clickstream-sessions/results")
  @LocalPath
  String getOutput();

  void setOutput(String value);

  @Description("Output folder for dead letters: each bad line with its reason, file and line number.")
  @Default.String("out/clickstream-sessions/dead-letters")
  @LocalPath
  String getDeadLetters();

  void setDeadLetters(String value);

  @Description("Output folder for events later than the allowed lateness (which Beam would drop "
      + "silently): each event with its event time and the session window it would have opened.")
  @Default.String("out/clickstream-sessions/late-data")
  @LocalPath
  String getLateData();

  void setLateData(String value);

  @Description("A user's session ends after this much event time without an event of theirs "
      + "(30m, 1h, PT45M).")
  @Default.String("30m")
  String getSessionGap();

  void setSessionGap(String value);

  @Description("Number of output files per folder; 0 lets the runner decide.")
  @Default.Integer(0)
  int getNumShards();

  void setNumShards(int value);
}
