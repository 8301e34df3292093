package dev.beamline.transforms.windowing;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The windowing flags every event-time pipeline shares; {@link WindowingSpec#fromOptions} reads
 * them. {@code --window}, {@code --trigger}, {@code --allowedLateness} and {@code --accumulation}
 * are the full form ({@link WindowingSpec#toText()}); {@code --windowSize}, {@code --windowSlide},
 * {@code --earlyFiringsEvery} and {@code --paneAccumulation} are shorthands kept from before,
 * refused together with the full flag they abbreviate. Durations take the forms of
 * {@link Durations} (250ms, 30s, 5m, 2h, 1d, PT1M).
 */
public interface WindowingOptions extends PipelineOptions {
  @Description("Event-time windows: fixed:<size> | sliding:<size>/<slide> | session:<gap> | global"
      + " | days:<time zone> (e.g. sliding:5m/1m, days:Europe/Paris). Without it and its "
      + "shorthands: the pipeline's default window (fixed:1m unless the pipeline says otherwise).")
  @Default.String("")
  String getWindow();

  void setWindow(String value);

  @Description("When panes fire: ontime | early:<interval> | late:each | late:<interval> | "
      + "early:<interval>,late:<each or interval> | count:<n> (global window). Without it: on time,"
      + " early firings if --earlyFiringsEvery is set, a late pane per late element if "
      + "--allowedLateness is above 0.")
  @Default.String("")
  String getTrigger();

  void setTrigger(String value);

  @Description("How long after the end of a window late data still updates it (late panes); "
      + "data later than this is dropped by Beam (Beamline's pipelines send it to --lateData).")
  @Default.String("0")
  String getAllowedLateness();

  void setAllowedLateness(String value);

  @Description("Pane accumulation: 'accumulating' (each pane restates the whole window; the "
      + "default) or 'discarding' (each pane holds only what arrived since the last).")
  @Default.String("")
  String getAccumulation();

  void setAccumulation(String value);

  @Description("Shorthand for --window=fixed:<size> (or sliding with --windowSlide).")
  @Default.String("")
  String getWindowSize();

  void setWindowSize(String value);

  @Description("Shorthand: with --windowSize (default 60s), --window=sliding:<size>/<slide>.")
  @Default.String("")
  String getWindowSlide();

  void setWindowSlide(String value);

  @Description("Shorthand for --trigger=early:<interval>: early (speculative) panes this often in "
      + "processing time while a window is open.")
  @Default.String("")
  String getEarlyFiringsEvery();

  void setEarlyFiringsEvery(String value);

  @Description("Shorthand for --accumulation.")
  @Default.String("")
  String getPaneAccumulation();

  void setPaneAccumulation(String value);
}
