package dev.beamline.pipelines.trendingtopics;

import dev.beamline.transforms.join.JoinedPair;
import dev.beamline.transforms.join.WindowedJoin;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;

/**
 * Per-key counts of sliding (or fixed) windows in; each key's count with its count in the window
 * one slide earlier out: {@code KV<key, KV<count, previousCount>>}, previousCount 0 when the key
 * was absent from the earlier window or there is none. Keys absent from a window give nothing for
 * it.
 *
 * <p>How: a window {@code [s, s + size)} is identified by its end. Its counts are stamped with the
 * window's last instant ({@code end - 1ms}); a copy is stamped one slide later, where the next
 * window's counts will be. Both are re-windowed into fixed windows of one slide aligned to end
 * where the sliding windows end, so the output window {@code [end - slide, end)} holds exactly the
 * counts of {@code [end - size, end)} and, shifted, of {@code [end - slide - size, end - slide)},
 * and a left {@link WindowedJoin} pairs them per key. Shifting a timestamp forward is always
 * allowed, and the counts arrive before the watermark passes their new window, so nothing is late.
 *
 * <p>The input must fire once per window (the watermark trigger, no early firings, no allowed
 * lateness): the previous window's count has to be final when it is compared, and Beam has no
 * retractions to take back a comparison made with a count that a later pane restates. {@code
 * expand} refuses other windowing strategies.
 */
public final class CompareWithPreviousWindow<K>
    extends PTransform<PCollection<KV<K, Long>>, PCollection<KV<K, KV<Long, Long>>>> {

  private CompareWithPreviousWindow() {}

  public static <K> CompareWithPreviousWindow<K> create() {
    return new CompareWithPreviousWindow<>();
  }

  @Override
  public PCollection<KV<K, KV<Long, Long>>> expand(PCollection<KV<K, Long>> counts) {
    WindowingStrategy<?, ?> ws = counts.getWindowingStrategy();
    Duration[] sizeSlideOffset = sizeSlideOffset(ws.getWindowFn());
    if (!firesOncePerWindow(ws)) {
      throw new IllegalArgumentException("CompareWithPreviousWindow needs windows that fire once, at"
          + " the watermark, without allowed lateness (a compared count must be final; Beam has no"
          + " retractions), got trigger " + ws.getTrigger() + " with allowed lateness "
          + ws.getAllowedLateness());
    }
    Duration size = sizeSlideOffset[0];
    Duration slide = sizeSlideOffset[1];
    long endOffset = Math.floorMod(sizeSlideOffset[2].getMillis() + size.getMillis(), slide.getMillis());
    Window<KV<K, Long>> byWindowEnd = Window.<KV<K, Long>>into(
            FixedWindows.of(slide).withOffset(Duration.millis(endOffset)))
        .triggering(AfterWatermark.pastEndOfWindow())
        .withAllowedLateness(Duration.ZERO)
        .discardingFiredPanes();

    PCollection<KV<K, Long>> current = counts
        .apply("AtWindowEnd", ParDo.of(new StampFn<K>(Duration.ZERO)))
        .setCoder(counts.getCoder())
        .apply("ByWindowEnd", byWindowEnd);
    PCollection<KV<K, Long>> previous = counts
        .apply("OneSlideLater", ParDo.of(new StampFn<K>(slide)))
        .setCoder(counts.getCoder())
        .apply("ShiftedByWindowEnd", byWindowEnd);
    KvCoder<K, Long> coder = (KvCoder<K, Long>) counts.getCoder();
    return current
        .apply("JoinPreviousWindow", WindowedJoin.<K, Long, Long>left(previous))
        .apply("ZeroWhenAbsent", ParDo.of(new PairCountsFn<K>()))
        .setCoder(KvCoder.of(coder.getKeyCoder(), KvCoder.of(VarLongCoder.of(), VarLongCoder.of())));
  }

  /** Size, slide and offset of fixed (slide = size) or sliding windows; others are refused. */
  static Duration[] sizeSlideOffset(WindowFn<?, ?> fn) {
    if (fn instanceof SlidingWindows) {
      SlidingWindows s = (SlidingWindows) fn;
      return new Duration[] {s.getSize(), s.getPeriod(), s.getOffset()};
    }
    if (fn instanceof FixedWindows) {
      FixedWindows f = (FixedWindows) fn;
      return new Duration[] {f.getSize(), f.getSize(), f.getOffset()};
    }
    throw new IllegalArgumentException("CompareWithPreviousWindow needs fixed or sliding windows "
        + "(a window one slide earlier must exist), got " + fn.getClass().getSimpleName());
  }

  /** The watermark trigger (or its continuation after a GroupByKey) and no allowed lateness. */
  static boolean firesOncePerWindow(WindowingStrategy<?, ?> ws) {
    Trigger t = ws.getTrigger();
    return ws.getAllowedLateness().getMillis() == 0
        && (t instanceof DefaultTrigger || t instanceof AfterWatermark.FromEndOfWindow);
  }

  /** Stamps each count with its window's last instant plus {@code shift}. */
  static final class StampFn<K> extends DoFn<KV<K, Long>, KV<K, Long>> {
    private final Duration shift;

    StampFn(Duration shift) {
      this.shift = shift;
    }

    @ProcessElement
    public void process(@Element KV<K, Long> count, IntervalWindow window,
        OutputReceiver<KV<K, Long>> out) {
      out.outputWithTimestamp(count, window.maxTimestamp().plus(shift));
    }
  }

  static final class PairCountsFn<K> extends DoFn<KV<K, JoinedPair<Long, Long>>, KV<K, KV<Long, Long>>> {
    @ProcessElement
    public void process(@Element KV<K, JoinedPair<Long, Long>> pair,
        OutputReceiver<KV<K, KV<Long, Long>>> out) {
      Long previous = pair.getValue().right();
      out.output(KV.of(pair.getKey(), KV.of(pair.getValue().left(), previous == null ? 0L : previous)));
    }
  }
}
