package dev.beamline.pipelines.io;

import dev.beamline.pipelines.PipelineFlags;
import org.apache.beam.sdk.options.StreamingOptions;

/** A pipeline's view of the source and sink flags, as the tests build it from a command line. */
public interface SourceSinkTestOptions extends SourceOptions, SinkOptions, StreamingOptions {
  static SourceSinkTestOptions of(String... args) {
    return PipelineFlags.parse(SourceSinkTestOptions.class, args);
  }
}
