package dev.beamline.pipelines;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Parses one pipeline's command-line flags. Beam checks the options interface being parsed against
 * every registered one, and the catalogue's pipelines share flag names with different defaults
 * ({@code --input}, {@code --output}, {@code --deadLetters}...): no other pipeline's interface may be
 * registered when this one's flags are parsed, or Beam refuses them ("contradictory annotations").
 */
public final class PipelineFlags {
  private PipelineFlags() {}

  /**
   * Resets Beam's options registry if a Beamline interface was left registered (by a test, or an
   * earlier run in the same JVM). Parsing does not register the pipeline's own interface
   * ({@code fromArgs(...).as(X)} reads X's flags without it), so nothing is left behind, and the
   * reset, which rebuilds the registry from the class path (every {@code PipelineOptionsRegistrar},
   * each interface validated against the others: 1.5-1.9 s of CPU the first time), happens only
   * when needed, not in the launcher's fresh JVM.
   */
  public static synchronized void forgetOtherPipelinesOptions() {
    for (Class<? extends PipelineOptions> c : PipelineOptionsFactory.getRegisteredOptions()) {
      if (c.getName().startsWith("dev.beamline.")) {
        PipelineOptionsFactory.resetCache();
        return;
      }
    }
  }

  /** {@code args} as {@code options}, without the {@code @Validation.Required} checks. */
  public static <O extends PipelineOptions> O parse(Class<O> options, String... args) {
    forgetOtherPipelinesOptions();
    return PipelineOptionsFactory.fromArgs(args).as(options);
  }
}
