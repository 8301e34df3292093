package dev.beamline.pipelines;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes a deterministic input for a pipeline: the same settings give the same bytes on every
 * machine, so benchmarks and bug reports can be reproduced from a command line alone.
 */
public interface SampleGenerator {
  /** What {@code ./beamline generate <pipeline>} may be given, besides events and seed. */
  final class Settings {
    public final long events;
    public final long seed;
    public final int keys;
    public final long maxDisorderMillis;
    public final double badLineRate;

    public Settings(long events, long seed, int keys, long maxDisorderMillis, double badLineRate) {
      if (events < 0 || keys <= 0 || maxDisorderMillis < 0 || badLineRate < 0 || badLineRate > 1) {
        throw new IllegalArgumentException("events >= 0, keys > 0, disorder >= 0 and 0 <= bad rate <= 1");
      }
      this.events = events;
      this.seed = seed;
      this.keys = keys;
      this.maxDisorderMillis = maxDisorderMillis;
      this.badLineRate = badLineRate;
    }
  }

  void generate(Settings settings, Writer out) throws IOException;
}
