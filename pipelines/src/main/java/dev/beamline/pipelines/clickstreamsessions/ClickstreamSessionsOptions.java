package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.pipelines.LocalPath;
import dev.beamline.transforms.windowing.WindowingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options of clickstream-sessions. The windows are always sessions of {@code --sessionGap}; the
 * trigger, allowed lateness and pane accumulation flags come from {@link WindowingOptions}.
 */
public interface ClickstreamSessionsOptions extends WindowingOptions, StreamingOptions {
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
