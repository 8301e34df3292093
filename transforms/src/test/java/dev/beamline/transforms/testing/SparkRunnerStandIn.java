package dev.beamline.transforms.testing;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * A runner that cannot run anything, named so that the library's runner checks (which look at the
 * runner's class name, as the launcher does) take it for Spark: tests of "this runner cannot do X,
 * so expand() refuses" need no Spark on the classpath and build the pipeline without running it.
 */
public final class SparkRunnerStandIn extends PipelineRunner<PipelineResult> {
  public static SparkRunnerStandIn fromOptions(PipelineOptions options) {
    return new SparkRunnerStandIn();
  }

  /** A pipeline to build (never run) as if for Spark, in streaming mode or not. */
  public static Pipeline pipeline(boolean streaming) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(SparkRunnerStandIn.class);
    options.as(StreamingOptions.class).setStreaming(streaming);
    return Pipeline.create(options);
  }

  @Override
  public PipelineResult run(Pipeline pipeline) {
    throw new UnsupportedOperationException("a stand-in runner only builds pipelines");
  }
}
