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
}
