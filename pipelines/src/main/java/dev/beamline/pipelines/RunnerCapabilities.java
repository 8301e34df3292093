package dev.beamline.pipelines;

import dev.beamline.transforms.windowing.WindowingSpec;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * What each runner cannot do, checked before a run so that the user gets a clear refusal at
 * start-up instead of silently wrong results. Each rule names the runner, the mode and the reason.
 */
public final class RunnerCapabilities {
  private RunnerCapabilities() {}

  /** The simple class name of the runner, e.g. {@code FlinkRunner}. */
  public static String runnerName(PipelineOptions options) {
    return options.getRunner().getSimpleName();
  }

  public static boolean isStreaming(PipelineOptions options) {
    return options.as(StreamingOptions.class).isStreaming();
  }

  public static boolean isSpark(PipelineOptions options) {
    return runnerName(options).contains("Spark");
  }

  public static boolean isFlink(PipelineOptions options) {
    return runnerName(options).contains("Flink");
  }

  /**
   * Throws {@link IllegalArgumentException} when the runner cannot honour {@code spec}.
   *
   * <p>Spark's classic runner in streaming mode works in micro-batches and has neither allowed
   * lateness nor accumulating panes across firings (Beam's capability matrix; seen wrong in our own
   * prototypes): refuse both rather than emit panes that silently miss data.
   */
  public static void checkWindowing(PipelineOptions options, WindowingSpec spec) {
    if (!isSpark(options) || !isStreaming(options)) {
      return;
    }
    if (spec.hasLateFirings()) {
      throw new IllegalArgumentException(runnerName(options) + " in streaming mode does not "
          + "support allowed lateness (--allowedLateness=" + spec.allowedLateness().getMillis()
          + "ms): late data would be lost without notice. Use --allowedLateness=0, batch mode "
          + "(--streaming=false) or --profile=flink-local.");
    }
    if (spec.isAccumulating() && spec.earlyFiringsEvery() != null) {
      throw new IllegalArgumentException(runnerName(options) + " in streaming mode does not "
          + "support accumulating panes with early firings. Use --paneAccumulation=discarding, "
          + "drop --earlyFiringsEvery, or --profile=flink-local.");
    }
  }

  /** Facts worth printing at start-up: how this runner will honour {@code spec} (never refusals). */
  public static String notes(PipelineOptions options, WindowingSpec spec) {
    if (!isStreaming(options) && (spec.earlyFiringsEvery() != null || spec.hasLateFirings())
        && !runnerName(options).contains("Direct")) {
      return "note: " + runnerName(options) + " in batch mode fires one pane per window; early "
          + "and late firings apply in streaming mode (--streaming=true)";
    }
    return "";
  }
}
