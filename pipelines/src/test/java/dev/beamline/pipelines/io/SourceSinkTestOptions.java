package dev.beamline.pipelines.io;

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;

/** A pipeline's view of the source and sink flags, as the tests build it from a command line. */
public interface SourceSinkTestOptions extends SourceOptions, SinkOptions, StreamingOptions {
  static SourceSinkTestOptions of(String... args) {
    PipelineOptionsFactory.register(SourceSinkTestOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(SourceSinkTestOptions.class);
  }
}
