package dev.beamline.pipelines;

import dev.beamline.transforms.late.SplitLateData;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * What each runner cannot do, checked before a run so that the user gets a clear refusal at
 * start-up instead of silently wrong results. Each rule names the runner, the mode and the reason.
 *
 * <p>Sources: Beam's capability matrix (which marks the classic Spark runner as supporting every
 * window kind, trigger and allowed lateness), the runners' own code (the Spark streaming
 * translator rejects event-time timers in stateful DoFns, apache/beam#33237), our prototypes and
 * the unit tests run on every runner ({@code docs/capabilities.md}), which win where they disagree
 * with the matrix.
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
   * lateness nor accumulating panes across firings (seen wrong in our own prototypes, although
   * Beam's capability matrix marks both supported): refuse both rather than emit panes that
   * silently miss data.
   */
  public static void checkWindowing(PipelineOptions options, WindowingSpec spec) {
    if (!isSpark(options) || !isStreaming(options)) {
      return;
    }
    if (spec.allowedLateness().getMillis() > 0) {
      throw new IllegalArgumentException(runnerName(options) + " in streaming mode does not "
          + "support allowed lateness (--allowedLateness=" + spec.allowedLateness().getMillis()
          + "ms): late data would be lost without notice. Use --allowedLateness=0, batch mode "
          + "(--streaming=false) or --profile=flink-local.");
    }
    if (spec.isAccumulating()
        && (spec.earlyFiringsEvery() != null || spec.triggerSpec().isCount())) {
      throw new IllegalArgumentException(runnerName(options) + " in streaming mode does not "
          + "support accumulating panes with early firings or count:<n> (--trigger="
          + spec.triggerSpec().toText() + "). Use --accumulation=discarding, a trigger that fires "
          + "once per window, or --profile=flink-local.");
    }
  }

  /**
   * Throws {@link IllegalArgumentException} when the runner cannot split off droppably-late data
   * ({@link SplitLateData}), which a pipeline that accounts for every record needs: the Spark
   * runner in streaming mode has no event-time timers (apache/beam#33237).
   */
  public static void checkLateDataAccounting(PipelineOptions options, boolean unboundedInput) {
    String refusal = SplitLateData.unsupportedBy(options, unboundedInput);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal + " Use --profile=flink-local --streaming=true "
          + "for streaming, or --streaming=false.");
    }
  }

  /**
   * Facts worth printing at start-up, one per line: how this runner will honour {@code spec}
   * (never refusals) and what the spec itself means where it may surprise
   * ({@link WindowingSpec#caveats()}). Empty when there are none.
   */
  public static String notes(PipelineOptions options, WindowingSpec spec) {
    List<String> notes = new ArrayList<>();
    boolean batchOnClusterRunner = !isStreaming(options) && !runnerName(options).contains("Direct");
    if (batchOnClusterRunner && (spec.earlyFiringsEvery() != null || spec.hasLateFirings())) {
      notes.add(runnerName(options) + " in batch mode fires one pane per window; early "
          + "and late firings apply in streaming mode (--streaming=true)");
    }
    if (batchOnClusterRunner && spec.triggerSpec().isCount()) {
      // Beam's capability matrix: in batch, intermediate trigger firings are meaningless.
      notes.add(runnerName(options) + " in batch mode fires one pane per key for "
          + "--trigger=count:" + spec.triggerSpec().count() + "; count panes apply in streaming "
          + "mode (--streaming=true)");
    }
    if (isFlink(options) && isStreaming(options) && spec.allowedLateness().getMillis() > 0) {
      notes.add(runnerName(options) + " in streaming mode can emit an extra empty pane for a "
          + "window whose end and allowed lateness one watermark step passes (the end of a file "
          + "does); such panes hold no readings and are skipped (counter empty_panes_skipped)");
    }
    notes.addAll(spec.caveats());
    List<String> lines = new ArrayList<>();
    for (String n : notes) {
      lines.add("note: " + n);
    }
    return String.join("\n", lines);
  }

  /** Flink's checkpointing interval in ms, or -1 when checkpointing is off or not Flink. */
  public static long checkpointingIntervalMillis(PipelineOptions options) {
    if (!isFlink(options)) {
      return -1;
    }
    Long interval = options.as(FlinkPipelineOptions.class).getCheckpointingInterval();
    return interval == null || interval <= 0 ? -1 : interval;
  }

  /**
   * Throws {@link IllegalArgumentException} unless the runner can give Kafka exactly-once output.
   *
   * <p>KafkaIO's exactly-once sink commits a Kafka transaction per checkpoint and relies on
   * {@code @RequiresStableInput}: after a failure, the runner must replay exactly the input it had
   * checkpointed. Flink in streaming mode with checkpointing does that. The DirectRunner keeps no
   * durable checkpoints and Spark's classic runner does not support stable input, so there the
   * guarantee would be a promise nobody keeps: refuse.
   */
  public static void checkKafkaExactlyOnce(PipelineOptions options) {
    String fix = " Use --profile=flink-local --streaming=true --checkpointingInterval=5000, or "
        + "--kafkaDelivery=at-least-once.";
    if (!isFlink(options)) {
      throw new IllegalArgumentException("--kafkaDelivery=exactly-once: " + runnerName(options)
          + " cannot give exactly-once Kafka output (it needs stable input replayed from durable "
          + "checkpoints, which only the FlinkRunner provides here)." + fix);
    }
    if (!isStreaming(options)) {
      throw new IllegalArgumentException("--kafkaDelivery=exactly-once: the FlinkRunner checkpoints "
          + "only in streaming mode; add --streaming=true and --checkpointingInterval." + fix);
    }
    if (checkpointingIntervalMillis(options) <= 0) {
      throw new IllegalArgumentException("--kafkaDelivery=exactly-once: Kafka transactions commit "
          + "on Flink checkpoints, and checkpointing is off; add --checkpointingInterval=<ms>." + fix);
    }
  }
}
