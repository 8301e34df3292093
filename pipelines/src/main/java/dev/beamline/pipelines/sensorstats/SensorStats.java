package dev.beamline.pipelines.sensorstats;

import dev.beamline.transforms.stats.MergeNumericSummariesFn;
import dev.beamline.transforms.stats.NumericSummary;
import dev.beamline.transforms.stats.NumericSummaryCoder;
import dev.beamline.transforms.stats.NumericSummaryFn;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.Objects;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * Per sensor and event-time window: count, min, max, mean and population stddev of temperature,
 * one output per pane the {@link WindowingSpec}'s trigger fires.
 *
 * <p>Input elements must carry their event time as their timestamp. The statistics are a lifted
 * {@link NumericSummaryFn}, so raw readings never cross the shuffle on runners that lift combiners
 * (all of them in batch). Flink does not lift in streaming mode; when the trigger fires once at the
 * watermark with no allowed lateness, readings are summarised per bundle first
 * ({@link SummariseInBundleFn}), which has the same effect there; then Beam's dropped-as-late
 * counter counts dropped partial summaries, not readings. Runner caveats: in batch,
 * Flink and Spark fire one pane per window (Flink reports its timing as UNKNOWN); Spark streaming
 * has no allowed lateness (the launcher refuses that combination).
 */
public final class SensorStats
    extends PTransform<PCollection<SensorEvent>, PCollection<SensorWindowStats>> {
  private final WindowingSpec windowing;

  private SensorStats(WindowingSpec windowing) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  public static SensorStats of(WindowingSpec windowing) {
    return new SensorStats(windowing);
  }

  @Override
  public PCollection<SensorWindowStats> expand(PCollection<SensorEvent> events) {
    PCollection<SensorEvent> windowed = events.apply("Window", windowing.<SensorEvent>toWindow());
    PCollection<KV<String, NumericSummary>> summaries;
    if (panesIgnoreArrivalGrouping(windowed.getWindowingStrategy())) {
      summaries = windowed
          .apply("SummariseInBundle", ParDo.of(new SummariseInBundleFn()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), NumericSummaryCoder.of()))
          .apply("SummarisePerSensor", Combine.perKey(MergeNumericSummariesFn.of()));
    } else {
      summaries = windowed
          .apply("KeyBySensor", ParDo.of(new KeyTemperatureBySensorFn()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()))
          .apply("SummarisePerSensor", Combine.perKey(NumericSummaryFn.of()));
    }
    return summaries
        .apply("AttachWindowAndPane", ParDo.of(new ToWindowStatsFn()))
        .setCoder(SensorWindowStatsCoder.of());
  }

  /**
   * True when no pane can show how readings were grouped on arrival, so readings may be summarised
   * per bundle before the shuffle ({@link SummariseInBundleFn}): one firing at the watermark, no
   * allowed lateness (late data is dropped either way), non-merging windows. Early firings and late
   * firings (one per late reading) keep the per-reading path.
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
    @ProcessElement
    public void process(@Element KV<String, NumericSummary> kv, IntervalWindow window,
        PaneInfo pane, OutputReceiver<SensorWindowStats> out) {
      out.output(new SensorWindowStats(kv.getKey(), window.start().getMillis(),
          window.end().getMillis(), kv.getValue(), pane.getTiming(), pane.getIndex(),
          pane.isLast()));
    }
  }
}
