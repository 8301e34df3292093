package dev.beamline.bench.harness;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One piece of work every variant of a suite does: an input folder (events, keys) and the windows
 * (size and slide in milliseconds; equal for tumbling windows).
 */
record Workload(String suite, String point, Path input, long events, int keys, long windowSizeMillis,
    long windowSlideMillis, long maxDisorderMillis) {

  boolean sliding() {
    return windowSlideMillis != windowSizeMillis;
  }

  /** The windows as sensor-stats flags. */
  String windowFlags() {
    return "--windowSize=" + windowSizeMillis + "ms"
        + (sliding() ? " --windowSlide=" + windowSlideMillis + "ms" : "");
  }

  String describe() {
    return String.format(Locale.ROOT, "%,d events, %,d sensors, %s", events, keys,
        sliding()
            ? String.format(Locale.ROOT, "sliding windows %d s every %s s (size/slide %d)",
                windowSizeMillis / 1000, trim(windowSlideMillis / 1000.0), windowSizeMillis / windowSlideMillis)
            : String.format(Locale.ROOT, "tumbling %d s windows", windowSizeMillis / 1000));
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
