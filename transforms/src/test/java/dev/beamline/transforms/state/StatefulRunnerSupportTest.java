package dev.beamline.transforms.state;

import static dev.beamline.transforms.state.EwmaTest.KV_CODER;
import static dev.beamline.transforms.state.EwmaTest.v;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Test;

/**
 * Construction-time refusals. The pipelines are only built, never run, with stand-in runner classes
 * that carry the real runners' simple names, so these tests need no Spark on the classpath and pass
 * under every runner profile.
 */
public class StatefulRunnerSupportTest {

  /** Stands in for Beam's SparkRunner: only its simple name matters. */
  public static final class SparkRunner extends PipelineRunner<PipelineResult> {
    public static SparkRunner fromOptions(PipelineOptions options) {
      return new SparkRunner();
    }

    @Override
    public PipelineResult run(Pipeline pipeline) {
      throw new UnsupportedOperationException("stand-in runner");
    }
  }

  /** Stands in for Beam's SparkStructuredStreamingRunner. */
  public static final class SparkStructuredStreamingRunner extends PipelineRunner<PipelineResult> {
    public static SparkStructuredStreamingRunner fromOptions(PipelineOptions options) {
      return new SparkStructuredStreamingRunner();
    }

    @Override
    public PipelineResult run(Pipeline pipeline) {
      throw new UnsupportedOperationException("stand-in runner");
    }
  }

  private static PCollection<KV<String, Double>> input(
      Class<? extends PipelineRunner<?>> runner, boolean streaming) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(runner);
    options.as(StreamingOptions.class).setStreaming(streaming);
    return Pipeline.create(options).apply(Create.timestamped(v("s1", 1, 1)).withCoder(KV_CODER));
  }

  @Test
  public void sparkStreamingIsRefusedNamingTheRunnerTheTransformAndTheReason() {
    PCollection<KV<String, Double>> in = input(SparkRunner.class, true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> in.apply(Ewma.<String>withAlpha(0.5)));
    assertEquals("SparkRunner in streaming mode does not support event-time timers in stateful "
        + "DoFns, which ewma needs to process each key's values in event-time order. Run it in "
        + "batch mode (--streaming=false on a bounded input) or on FlinkRunner "
        + "(--profile=flink-local --streaming=true).", e.getMessage());
  }

  @Test
  public void sparkStructuredStreamingIsRefusedEvenInBatch() {
    PCollection<KV<String, Double>> in = input(SparkStructuredStreamingRunner.class, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> in.apply(AnomalyDetector.<String>of(0.5, 3)));
    assertEquals("SparkStructuredStreamingRunner does not support stateful DoFns (state and "
        + "timers), which anomaly-detector needs to process each key's values in event-time order. "
        + "Use SparkRunner in batch mode, FlinkRunner or DirectRunner.", e.getMessage());
  }

  @Test
  public void sparkBatchIsAccepted() {
    input(SparkRunner.class, false).apply(MovingAverage.<String>lastValues(2));
  }
}
