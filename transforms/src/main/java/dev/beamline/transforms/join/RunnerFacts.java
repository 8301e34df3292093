package dev.beamline.transforms.join;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.values.PCollection;

/**
 * What the join transforms need to know about the runner at construction time, to refuse what a
 * runner would get wrong. Runners are told apart by class name, as the launcher does, so that the
 * library needs no runner on its classpath.
 */
final class RunnerFacts {
  private RunnerFacts() {}

  static String runnerName(PCollection<?> input) {
    return input.getPipeline().getOptions().getRunner().getSimpleName();
  }

  static boolean isSpark(PCollection<?> input) {
    return runnerName(input).contains("Spark");
  }

  /** Spark switches to streaming by itself when any input is unbounded. */
  static boolean isStreaming(PCollection<?> input) {
    PipelineOptions options = input.getPipeline().getOptions();
    return options.as(StreamingOptions.class).isStreaming()
        || input.isBounded() == PCollection.IsBounded.UNBOUNDED;
  }

  /**
   * Refuses bounded input on Spark in streaming mode for a transform with a multi-output ParDo:
   * Beam 2.70's Spark runner translates bounded parts of a streaming pipeline with its batch
   * translator but never counts their consumers, and fails with a NullPointerException
   * (EvaluationContext.isLeaf) on every ParDo with more than one output.
   */
  static void checkMultiOutputPossible(PCollection<?> input, String transform) {
    if (isSpark(input) && input.getPipeline().getOptions().as(StreamingOptions.class).isStreaming()
        && input.isBounded() == PCollection.IsBounded.BOUNDED) {
      throw new IllegalArgumentException(runnerName(input) + " in streaming mode fails on "
          + transform + " over bounded input: its ParDo with a dead-letter output hits a"
          + " NullPointerException in Beam 2.70's Spark runner (EvaluationContext.isLeaf). Run"
          + " bounded input in batch mode (--streaming=false).");
    }
  }
}
