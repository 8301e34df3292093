package dev.beamline.pipelines;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.windowing.WindowingSpec;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** The runner facts checked before a run: refusals with their reasons, and start-up notes. */
public class RunnerCapabilitiesTest {
  private static PipelineOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).create();
  }

  private static WindowingSpec spec(String text) {
    return WindowingSpec.parse(text);
  }

  @Test
  public void sparkStreamingRefusesAllowedLateness() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunnerCapabilities.checkWindowing(
            options("--runner=SparkRunner", "--streaming=true"),
            spec("--trigger=late:each --allowedLateness=1m")));
    assertEquals("SparkRunner in streaming mode does not support allowed lateness "
        + "(--allowedLateness=60000ms): late data would be lost without notice. Use "
        + "--allowedLateness=0, batch mode (--streaming=false) or --profile=flink-local.",
        e.getMessage());
  }

  @Test
  public void sparkStreamingRefusesAccumulatingPanesThatFireMoreThanOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunnerCapabilities.checkWindowing(
            options("--runner=SparkRunner", "--streaming=true"),
            spec("--window=global --trigger=count:10")));
    assertEquals("SparkRunner in streaming mode does not support accumulating panes with early "
        + "firings or count:<n> (--trigger=count:10). Use --accumulation=discarding, a trigger that "
        + "fires once per window, or --profile=flink-local.", e.getMessage());
    // Discarding is fine, and so is anything in batch.
    RunnerCapabilities.checkWindowing(options("--runner=SparkRunner", "--streaming=true"),
        spec("--window=global --trigger=count:10 --accumulation=discarding"));
    RunnerCapabilities.checkWindowing(options("--runner=SparkRunner"),
        spec("--trigger=early:10s,late:each --allowedLateness=1m"));
  }

  @Test
  public void lateDataAccountingIsRefusedOnlyOnSparkInStreamingMode() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunnerCapabilities.checkLateDataAccounting(options("--runner=SparkRunner"), true));
    assertEquals("SplitLateData cannot run on SparkRunner in streaming mode: it reads the "
        + "watermark through an event-time timer, which the Spark runner does not support in "
        + "streaming (apache/beam#33237), and without it late data cannot be told apart. Run in "
        + "batch (bounded input), or on the Flink or Direct runner. Use --profile=flink-local "
        + "--streaming=true for streaming, or --streaming=false.", e.getMessage());
    RunnerCapabilities.checkLateDataAccounting(options("--runner=SparkRunner"), false);
    RunnerCapabilities.checkLateDataAccounting(
        options("--runner=FlinkRunner", "--streaming=true"), true);
    RunnerCapabilities.checkLateDataAccounting(options("--runner=DirectRunner"), true);
  }

  @Test
  public void notesSayHowTheRunnerHonoursTheSpec() {
    assertEquals("", RunnerCapabilities.notes(options("--runner=DirectRunner"), spec("")));
    assertEquals("note: FlinkRunner in batch mode fires one pane per window; early and late "
        + "firings apply in streaming mode (--streaming=true)",
        RunnerCapabilities.notes(options("--runner=FlinkRunner"), spec("--trigger=early:5s")));
    assertEquals("note: SparkRunner in batch mode fires one pane per key for --trigger=count:5; "
        + "count panes apply in streaming mode (--streaming=true)\n"
        + "note: --trigger=count:5 fires a pane per 5 elements of a key; the rest fire when the "
        + "input ends", RunnerCapabilities.notes(options("--runner=SparkRunner"),
            spec("--window=global --trigger=count:5")));
    assertEquals("note: FlinkRunner in streaming mode can emit an extra empty pane for a window "
        + "whose end and allowed lateness one watermark step passes (the end of a file does); such "
        + "panes hold no readings and are skipped (counter empty_panes_skipped)",
        RunnerCapabilities.notes(options("--runner=FlinkRunner", "--streaming=true"),
            spec("--trigger=late:each --allowedLateness=2m")));
    assertEquals("note: --window=global with --trigger=ontime fires once, when the input ends; an "
        + "unbounded input never ends, so it would never fire: use --trigger=count:<n> or "
        + "early:<interval> for streams",
        RunnerCapabilities.notes(options("--runner=DirectRunner"), spec("--window=global")));
  }
}
