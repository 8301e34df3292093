package dev.beamline.transforms.late;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerMap;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * The streaming step of {@link OnTimeCombinePerKey}: per key, an accumulator per open window, one
 * event-time timer per open window at its end, and the end of the last window that fired.
 *
 * <p>An element goes to each of its windows unless the input watermark has passed the window's end
 * (the test of Beam's late-data dropping with zero allowed lateness,
 * {@code window.maxTimestamp() < inputWatermark}) or the window already fired for this key; then it
 * goes to the late output for that window. The watermark is read through a timer ({@link
 * Timer#getCurrentRelativeTime()} of an event-time timer is the input watermark, as in {@link
 * SplitLateData}). A window's timer is set when its first element arrives, firing and holding the
 * output watermark at the window's end; when it fires, the window is emitted, in its window,
 * timestamped with its end, in an ON_TIME pane that is also the last.
 *
 * <p>Why a timer per window and not one timer per key moved from window to window: a timer set from
 * a timer callback after the input watermark has already passed its time may not hold the output
 * watermark on every runner (on the DirectRunner about one run in fifteen let the next window's
 * result reach the consumer after the watermark had passed it, and the consumer dropped it as late).
 * Every timer here is set while the element that opens the window holds the watermark.
 */
final class FoldInWindowsFn<K, InputT, AccumT, OutputT>
    extends DoFn<KV<K, InputT>, KV<K, OutputT>> {
  private static final String OPEN = "open";
  private static final String FIRED_UP_TO = "firedUpTo";
  private static final String WINDOW_ENDS = "windowEnds";
  private static final String WATERMARK = "watermark";
  /** The only pane of a window that fires once at the watermark with no allowed lateness. */
  static final PaneInfo ONLY_PANE = PaneInfo.createPane(true, true, Timing.ON_TIME, 0, 0);

  @StateId(OPEN)
  private final StateSpec<MapState<BoundedWindow, AccumT>> openSpec;

  @StateId(FIRED_UP_TO)
  private final StateSpec<ValueState<Instant>> firedUpToSpec = StateSpecs.value(InstantCoder.of());

  @TimerFamily(WINDOW_ENDS)
  private final TimerSpec windowEndsSpec = TimerSpecs.timerMap(TimeDomain.EVENT_TIME);

  /** Only read, never set: the input watermark. */
  @TimerId(WATERMARK)
  private final TimerSpec watermarkSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  private final WindowFn<Object, BoundedWindow> windowFn;
  private final CombineFn<InputT, AccumT, OutputT> combineFn;
  private final TupleTag<KV<K, OutputT>> results;
  private final TupleTag<LateElement<InputT>> late;
  private final Counter windowed;
  private final Counter droppedLate;

  FoldInWindowsFn(WindowFn<Object, BoundedWindow> windowFn,
      CombineFn<InputT, AccumT, OutputT> combineFn, Coder<BoundedWindow> windowCoder,
      Coder<AccumT> accumCoder, String namespace, TupleTag<KV<K, OutputT>> results,
      TupleTag<LateElement<InputT>> late) {
    this.windowFn = windowFn;
    this.combineFn = combineFn;
    this.openSpec = StateSpecs.map(windowCoder, accumCoder);
    this.results = results;
    this.late = late;
    this.windowed = Metrics.counter(namespace, "windowed_events");
    this.droppedLate = Metrics.counter(namespace, "dropped_late");
  }

  @ProcessElement
  public void process(@Element KV<K, InputT> element, @Timestamp Instant ts,
      @StateId(OPEN) MapState<BoundedWindow, AccumT> open,
      @StateId(FIRED_UP_TO) ValueState<Instant> firedUpTo,
      @TimerFamily(WINDOW_ENDS) TimerMap windowEnds,
      @TimerId(WATERMARK) Timer watermarkTimer, MultiOutputReceiver out) {
    InputT value = element.getValue();
    Instant watermark = watermarkTimer.getCurrentRelativeTime();
    boolean accepted = false;
    for (BoundedWindow w : windowsOf(value, ts)) {
      Instant end = w.maxTimestamp();
      AccumT stored = end.isBefore(watermark) ? null : open.get(w).read();
      AccumT acc;
      if (stored != null) {
        // Never update what was read from state in place: the Flink runner's --fasterCopy makes its
        // heap state backend's copy-on-write a no-op, so an asynchronous checkpoint in progress
        // would see the update. A fresh accumulator merged from the stored one is the cheap copy.
        acc = combineFn.mergeAccumulators(List.of(combineFn.createAccumulator(), stored));
      } else {
        Instant fired = firedUpTo.read();
        if (end.isBefore(watermark) || (fired != null && !end.isAfter(fired))) {
          out.get(late).output(LateElement.of(value, ts, w));
          continue;
        }
        acc = combineFn.createAccumulator();
        // Fires at the window's end and holds the output watermark there until it has fired.
        windowEnds.get(Long.toString(end.getMillis())).withOutputTimestamp(end).set(end);
      }
      open.put(w, combineFn.addInput(acc, value));
      accepted = true;
    }
    (accepted ? windowed : droppedLate).inc();
  }

  @OnTimerFamily(WINDOW_ENDS)
  public void onWindowEnd(OnTimerContext c, @Key K key,
      @StateId(OPEN) MapState<BoundedWindow, AccumT> open,
      @StateId(FIRED_UP_TO) ValueState<Instant> firedUpTo, MultiOutputReceiver out) {
    Instant end = c.fireTimestamp();
    List<BoundedWindow> due = new ArrayList<>();
    for (Map.Entry<BoundedWindow, AccumT> e : open.entries().read()) {
      BoundedWindow w = e.getKey();
      if (w.maxTimestamp().equals(end)) {
        out.get(results).outputWindowedValue(KV.of(key, combineFn.extractOutput(e.getValue())),
            end, List.of(w), ONLY_PANE);
        due.add(w);
      }
    }
    due.forEach(open::remove);
    Instant fired = firedUpTo.read();
    if (fired == null || end.isAfter(fired)) {
      firedUpTo.write(end);
    }
  }

  @OnTimer(WATERMARK)
  public void neverSet() {
    // The timer is only read (getCurrentRelativeTime), never set.
  }

  private Collection<BoundedWindow> windowsOf(InputT value, Instant ts) {
    try {
      return AssignedWindows.of(windowFn, value, ts);
    } catch (Exception e) {
      throw new IllegalStateException("window assignment failed for an element at " + ts, e);
    }
  }
}
