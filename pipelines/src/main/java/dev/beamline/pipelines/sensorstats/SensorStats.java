package dev.beamline.pipelines.sensorstats;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.transforms.late.LateElement;
import dev.beamline.transforms.late.SplitLateData;
import dev.beamline.transforms.late.OnTimeCombinePerKey;
import dev.beamline.transforms.stats.NumericSummary;
import dev.beamline.transforms.stats.NumericSummaryFn;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.Objects;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * Per sensor and event-time window: count, min, max, mean and population stddev of temperature,
 * one output per pane the {@link WindowingSpec}'s trigger fires; and every reading that came too
 * late for its window (later than the allowed lateness), with the window it missed.
 *
 * <p>Output: a tuple of {@link #STATS} ({@link SensorWindowStats}) and {@link #LATE} (the
 * droppably-late readings, {@link SplitLateData}); counters {@code windowed_events} and
 * {@code dropped_late} add up to the readings in. Input elements must carry their event time as
 * their timestamp. Two paths, same results. When the trigger fires once at the watermark with no
 * allowed lateness (the default), one keyed step ({@link OnTimeCombinePerKey}) folds each reading
 * into its sensor's window on arrival and routes late readings, so every reading crosses one
 * shuffle, as in a hand-written Flink job; in batch on Flink and Spark it is a combine lifted into
 * per-bundle partials. Otherwise (early firings, allowed lateness, sessions) {@link SplitLateData}
 * and a lifted {@link NumericSummaryFn} give every pane the trigger asks for. Runner caveats: in batch, Flink and Spark fire one pane per window (Flink
 * reports its timing as UNKNOWN); Spark streaming cannot run the late-data split (the launcher
 * refuses it); the Flink runner in streaming mode can emit a spurious empty pane when one
 * watermark step passes both the end of a window and its allowed lateness (the end of a bounded
 * input does): a pane of zero readings says nothing, so it is skipped and counted in
 * {@code empty_panes_skipped}.
 */
public final class SensorStats extends PTransform<PCollection<SensorEvent>, PCollectionTuple> {
  /** Per sensor, window and pane: the statistics. */
  public static final TupleTag<SensorWindowStats> STATS = new TupleTag<SensorWindowStats>() {};
  /** Readings later than the allowed lateness, with the window each missed. */
  public static final TupleTag<LateElement<SensorEvent>> LATE =
      new TupleTag<LateElement<SensorEvent>>() {};

  private final WindowingSpec windowing;

  private SensorStats(WindowingSpec windowing) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  public static SensorStats of(WindowingSpec windowing) {
    return new SensorStats(windowing);
  }

  @Override
  public PCollectionTuple expand(PCollection<SensorEvent> events) {
    PCollection<KV<String, NumericSummary>> summaries;
    PCollection<LateElement<SensorEvent>> late;
    WindowingStrategy<?, ?> strategy = WindowingStrategy.of(windowing.windowFn())
        .withTrigger(windowing.trigger())
        .withAllowedLateness(windowing.allowedLateness());
    if (panesIgnoreArrivalGrouping(strategy)) {
      OnTimeCombinePerKey.Result<SensorEvent, String, NumericSummary> r = events.apply(
          "SummarisePerSensor", OnTimeCombinePerKey.of(windowing.windowFn(),
                  SensorEvent::sensorId, StringUtf8Coder.of(), TemperatureSummaryFn.of())
              .withCounterNamespace(BeamlinePipeline.COUNTER_NAMESPACE));
      summaries = r.results();
      late = r.late();
    } else {
      SplitLateData.Result<SensorEvent> split = events
          .apply("Window", windowing.<SensorEvent>toWindow())
          .apply("SplitLateData", SplitLateData.<SensorEvent>create()
              .withCounterNamespace(BeamlinePipeline.COUNTER_NAMESPACE));
      summaries = split.accepted()
          .apply("KeyBySensor", ParDo.of(new KeyTemperatureBySensorFn()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()))
          .apply("SummarisePerSensor", Combine.perKey(NumericSummaryFn.of()));
      late = split.late();
    }
    PCollection<SensorWindowStats> stats = summaries
        .apply("AttachWindowAndPane", ParDo.of(new ToWindowStatsFn()))
        .setCoder(SensorWindowStatsCoder.of());
    return PCollectionTuple.of(STATS, stats).and(LATE, late);
  }

  /**
   * True when no pane can show how readings were grouped on arrival, so that one keyed step may
   * fold them on arrival and emit each window once ({@link OnTimeCombinePerKey}): one firing at the
   * watermark, no allowed lateness (late data goes to the late output either way), non-merging
   * windows. Early firings and late firings (one per late reading) keep the general path.
   */
  static boolean panesIgnoreArrivalGrouping(WindowingStrategy<?, ?> strategy) {
    Trigger t = strategy.getTrigger();
    boolean onceAtWatermark = t instanceof DefaultTrigger || t instanceof AfterWatermark.FromEndOfWindow;
    return onceAtWatermark && strategy.getAllowedLateness().getMillis() == 0
        && strategy.getWindowFn().isNonMerging();
  }

  static final class KeyTemperatureBySensorFn extends DoFn<SensorEvent, KV<String, Double>> {
    @ProcessElement
    public void process(@Element SensorEvent e, OutputReceiver<KV<String, Double>> out) {
      out.output(KV.of(e.sensorId(), e.temperature()));
    }
  }

  static final class ToWindowStatsFn extends DoFn<KV<String, NumericSummary>, SensorWindowStats> {
    private final Counter emptyPanes =
        Metrics.counter(BeamlinePipeline.COUNTER_NAMESPACE, "empty_panes_skipped");

    @ProcessElement
    public void process(@Element KV<String, NumericSummary> kv, IntervalWindow window,
        PaneInfo pane, OutputReceiver<SensorWindowStats> out) {
      if (kv.getValue().isEmpty()) {
        emptyPanes.inc();
        return;
      }
      out.output(new SensorWindowStats(kv.getKey(), window.start().getMillis(),
          window.end().getMillis(), kv.getValue(), pane.getTiming(), pane.getIndex(),
          pane.isLast()));
    }
  }
}
