package dev.beamline.transforms.state;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.values.PCollection;

/**
 * Refuses, while the pipeline is being built, runners that cannot run a stateful transform
 * correctly: a clear message at construction beats an obscure translation error (or a wrong answer)
 * at run time. Facts checked against the Beam 2.70 runner sources:
 *
 * <ul>
 *   <li>SparkRunner (classic) in streaming mode rejects event-time timers in stateful DoFns
 *       ({@code StatefulStreamingParDoEvaluator}); it supports processing-time timers only. A
 *       pipeline with an unbounded input runs in streaming mode even without {@code --streaming}.
 *   <li>SparkStructuredStreamingRunner rejects state and timers altogether.
 *   <li>SparkRunner in batch mode, FlinkRunner (batch and streaming) and the DirectRunner support
 *       the state, event-time timers, timer families and watermark holds these transforms use.
 * </ul>
 */
public final class StatefulRunnerSupport {
  private StatefulRunnerSupport() {}

  /**
   * Throws {@link IllegalArgumentException} naming the runner, {@code transform} and the reason when
   * the pipeline's runner cannot fire event-time timers for {@code input}.
   *
   * @param needs what the transform uses the timers for, e.g. "to sort each key's values by event
   *     time"
   */
  public static void checkEventTimeTimers(PCollection<?> input, String transform, String needs) {
    PipelineOptions options = input.getPipeline().getOptions();
    String runner = options.getRunner().getSimpleName();
    boolean streaming = options.as(StreamingOptions.class).isStreaming()
        || input.isBounded() == PCollection.IsBounded.UNBOUNDED;
    if (runner.contains("SparkStructuredStreaming")) {
      throw new IllegalArgumentException(runner + " does not support stateful DoFns (state and "
          + "timers), which " + transform + " needs " + needs + ". Use SparkRunner in batch mode, "
          + "FlinkRunner or DirectRunner.");
    }
    if (runner.contains("Spark") && streaming) {
      throw new IllegalArgumentException(runner + " in streaming mode does not support event-time "
          + "timers in stateful DoFns, which " + transform + " needs " + needs + ". Run it in "
          + "batch mode (--streaming=false on a bounded input) or on FlinkRunner "
          + "(--profile=flink-local --streaming=true).");
    }
  }
}
