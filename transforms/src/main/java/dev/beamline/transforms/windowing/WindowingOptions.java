package dev.beamline.transforms.windowing;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The windowing flags every event-time pipeline shares. Durations take the forms of
 * {@link Durations} (250ms, 30s, 5m, 2h, 1d, PT1M); {@link WindowingSpec#fromOptions} reads them.
 */
public interface WindowingOptions extends PipelineOptions {
  @Description("Event-time window size (tumbling windows unless --windowSlide is set).")
  @Default.String("60s")
  String getWindowSize();

  void setWindowSize(String value);

  @Description("Slide of sliding windows; empty for tumbling windows.")
  @Default.String("")
  String getWindowSlide();

  void setWindowSlide(String value);

  @Description("How long after the end of a window late data still updates it (late panes); "
      + "data later than this is dropped.")
  @Default.String("0")
  String getAllowedLateness();

  void setAllowedLateness(String value);

  @Description("Emit early (speculative) panes this often in processing time while a window is "
      + "open; empty for none.")
  @Default.String("")
  String getEarlyFiringsEvery();

  void setEarlyFiringsEvery(String value);

  @Description("Pane accumulation: 'accumulating' (each pane restates the whole window) or "
      + "'discarding' (each pane holds only what arrived since the last).")
  @Default.String("accumulating")
  String getPaneAccumulation();

  void setPaneAccumulation(String value);
}
