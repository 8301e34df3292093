package dev.beamline.pipelines;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Parses one pipeline's command-line flags. Beam checks every registered options interface against
 * all the others, and the catalogue's pipelines share flag names with different defaults
 * ({@code --input}, {@code --deadLetters}...): in one JVM (the launcher, a test run) only the options
 * of the pipeline at hand may be registered, or Beam refuses "contradictory annotations".
 */
public final class PipelineFlags {
  private PipelineFlags() {}

  /** Forgets every options interface registered before and registers {@code options} alone. */
  public static void registerOnly(Class<? extends PipelineOptions> options) {
    PipelineOptionsFactory.resetCache();
    PipelineOptionsFactory.register(options);
  }

  /** {@code args} as {@code options}, without the {@code @Validation.Required} checks. */
  public static <O extends PipelineOptions> O parse(Class<O> options, String... args) {
    registerOnly(options);
    return PipelineOptionsFactory.fromArgs(args).as(options);
  }
}
