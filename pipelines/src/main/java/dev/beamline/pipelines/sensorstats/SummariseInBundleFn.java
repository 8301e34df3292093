package dev.beamline.pipelines.sensorstats;

import dev.beamline.transforms.stats.NumericSummary;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Folds the readings of one bundle into one partial temperature summary per sensor and window, and
 * emits the partials when the bundle finishes, each in its window and stamped with the earliest
 * reading it holds. What the runners' combiner lifting does before a shuffle, done by the pipeline
 * for the runners that do not lift in streaming mode (Flink): the grouping step then sees one
 * partial per sensor, window and bundle instead of every reading.
 *
 * <p>Only valid when panes cannot tell how many elements arrived together: a trigger that fires
 * once at the watermark, no allowed lateness, non-merging windows ({@link SensorStats} checks).
 * Runners hold the output watermark while a bundle is open, so a partial is never later than the
 * readings in it would have been. Memory: one summary per (sensor, window) seen in the bundle.
 */
final class SummariseInBundleFn extends DoFn<SensorEvent, KV<String, NumericSummary>> {
  /** A sensor in a window. */
  private static final class SensorWindow {
    final String sensorId;
    final BoundedWindow window;

    SensorWindow(String sensorId, BoundedWindow window) {
      this.sensorId = sensorId;
      this.window = window;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof SensorWindow)) {
        return false;
      }
      SensorWindow that = (SensorWindow) o;
      return sensorId.equals(that.sensorId) && window.equals(that.window);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sensorId, window);
    }
  }

  /** The summary of a sensor's readings in a window so far, and the earliest reading's time. */
  private static final class Partial {
    final NumericSummary summary = new NumericSummary();
    long earliestMillis = Long.MAX_VALUE;
  }

  private transient @Nullable Map<SensorWindow, Partial> partials;

  @StartBundle
  public void startBundle() {
    partials = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element SensorEvent e, @Timestamp Instant ts, BoundedWindow window) {
    Partial p = Objects.requireNonNull(partials)
        .computeIfAbsent(new SensorWindow(e.sensorId(), window), k -> new Partial());
    p.summary.add(e.temperature());
    p.earliestMillis = Math.min(p.earliestMillis, ts.getMillis());
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    for (Map.Entry<SensorWindow, Partial> e : Objects.requireNonNull(partials).entrySet()) {
      Partial p = e.getValue();
      c.output(KV.of(e.getKey().sensorId, p.summary), Instant.ofEpochMilli(p.earliestMillis),
          e.getKey().window);
    }
    partials = null;
  }
}
