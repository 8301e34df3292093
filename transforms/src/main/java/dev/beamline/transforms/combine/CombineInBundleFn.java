package dev.beamline.transforms.combine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Folds the elements of one bundle into one accumulator per key and window, and emits the
 * accumulators when the bundle finishes, each in its window and stamped with the earliest element it
 * holds: combiner lifting done by hand, for a grouping step ({@link MergeAccumulatorsFn}) that
 * should see one partial per key, window and bundle instead of every element. In batch a Flink
 * bundle is a whole partition, so each subtask sends one partial per key and window.
 *
 * <p>Only valid where panes cannot tell how many elements arrived together: a trigger that fires
 * once at the watermark (or batch), no allowed lateness, non-merging windows. Runners hold the
 * output watermark while a bundle is open, so a partial is never later than its elements would
 * have been. Memory: one accumulator per (key, window) seen in the bundle.
 */
public final class CombineInBundleFn<K, InputT, AccumT>
    extends DoFn<KV<K, InputT>, KV<K, AccumT>> {
  /** A key in a window. */
  private static final class KeyWindow<K> {
    final K key;
    final BoundedWindow window;

    KeyWindow(K key, BoundedWindow window) {
      this.key = key;
      this.window = window;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof KeyWindow)) {
        return false;
      }
      KeyWindow<?> that = (KeyWindow<?>) o;
      return key.equals(that.key) && window.equals(that.window);
    }

    @Override
    public int hashCode() {
      return 31 * key.hashCode() + window.hashCode();
    }
  }

  /** A key's accumulator in a window so far, and the earliest element's time. */
  private static final class Partial<AccumT> {
    AccumT accumulator;
    long earliestMillis = Long.MAX_VALUE;

    Partial(AccumT accumulator) {
      this.accumulator = accumulator;
    }
  }

  private final CombineFn<InputT, AccumT, ?> combineFn;
  private transient @Nullable Map<KeyWindow<K>, Partial<AccumT>> partials;

  public CombineInBundleFn(CombineFn<InputT, AccumT, ?> combineFn) {
    this.combineFn = Objects.requireNonNull(combineFn, "combineFn");
  }

  @StartBundle
  public void startBundle() {
    partials = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element KV<K, InputT> e, @Timestamp Instant ts, BoundedWindow window) {
    Partial<AccumT> p = Objects.requireNonNull(partials).computeIfAbsent(
        new KeyWindow<>(e.getKey(), window), k -> new Partial<>(combineFn.createAccumulator()));
    p.accumulator = combineFn.addInput(p.accumulator, e.getValue());
    p.earliestMillis = Math.min(p.earliestMillis, ts.getMillis());
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    for (Map.Entry<KeyWindow<K>, Partial<AccumT>> e : Objects.requireNonNull(partials).entrySet()) {
      Partial<AccumT> p = e.getValue();
      c.output(KV.of(e.getKey().key, p.accumulator), Instant.ofEpochMilli(p.earliestMillis),
          e.getKey().window);
    }
    partials = null;
  }
}
