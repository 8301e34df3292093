package dev.beamline.pipelines.trendingtopics;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.transforms.combine.Ranking;
import dev.beamline.transforms.combine.TopK;
import dev.beamline.transforms.late.LateElement;
import dev.beamline.transforms.late.SplitLateData;
import dev.beamline.transforms.windowing.TriggerSpec;
import dev.beamline.transforms.windowing.WindowSpec;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;

/**
 * Posts ({@link Posts#SCHEMA} rows timestamped with their event time, resends already dropped) in;
 * per event-time window, the {@code k} hashtags with the highest {@link TrendScore} against the
 * window one slide earlier, with their counts ({@link #TRENDS}); and every post that came after its
 * window had fired, with the window it missed ({@link #LATE}). Counters {@code windowed_events}
 * and {@code dropped_late} add up to the posts in.
 *
 * <p>Steps: window (sliding, or fixed: then the previous window is the one before), split off late
 * posts ({@link SplitLateData}), hashtags of each post ({@link PostHashtags}), count per hashtag,
 * pair each count with the previous window's ({@link CompareWithPreviousWindow}: 0 for a hashtag
 * that was absent and for the first window), score, rank ({@link TopK}). Candidates are the
 * hashtags mentioned in the window; a hashtag that disappeared is not ranked.
 *
 * <p>Each window fires once, when the watermark passes its end: the score compares two final
 * counts across three shuffles, and a restated count (early or late panes) would be ranked twice,
 * as Beam has no retractions. {@link #of} refuses early firings, late firings, allowed lateness and
 * windows other than fixed or sliding. Runner caveats: Flink in batch mode reports pane timing
 * UNKNOWN, Spark in batch mode gives the ranking (a global combine) no ON_TIME timing; Spark
 * streaming cannot split off late data (the launcher refuses it).
 */
public final class TrendingHashtags extends PTransform<PCollection<Row>, PCollectionTuple> {
  /** Per window: the best-trending hashtags. */
  public static final TupleTag<WindowTrends> TRENDS = new TupleTag<WindowTrends>() {};
  /** Posts that came after their window had fired, with the window each missed. */
  public static final TupleTag<LateElement<Row>> LATE = new TupleTag<LateElement<Row>>() {};

  private final WindowingSpec windowing;
  private final int k;

  private TrendingHashtags(WindowingSpec windowing, int k) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
    checkFiresOnce(windowing);
    if (k < 1) {
      throw new IllegalArgumentException("the number of top hashtags must be >= 1, was " + k);
    }
    this.k = k;
  }

  /** The 10 best-trending hashtags per window. */
  public static TrendingHashtags of(WindowingSpec windowing) {
    return new TrendingHashtags(windowing, 10);
  }

  public TrendingHashtags withTopK(int k) {
    return new TrendingHashtags(windowing, k);
  }

  /** Refuses windowing that fires more than once per window, with the reason. */
  public static void checkFiresOnce(WindowingSpec spec) {
    WindowSpec.Kind kind = spec.window().kind();
    if (kind != WindowSpec.Kind.FIXED && kind != WindowSpec.Kind.SLIDING) {
      throw new IllegalArgumentException("trending-topics compares each window with the window one "
          + "slide earlier, so it needs fixed or sliding windows, got --window="
          + spec.window().toText());
    }
    TriggerSpec t = spec.triggerSpec();
    if (t.isCount() || t.earlyFiringsEvery() != null || t.hasLateFirings()
        || spec.allowedLateness().getMillis() > 0) {
      throw new IllegalArgumentException("trending-topics fires each window once, at the watermark:"
          + " a trend compares a window's final count with the previous window's, and an early or"
          + " late pane would restate counts that were already ranked (Beam has no retractions)."
          + " Use --trigger=ontime and --allowedLateness=0 (got: " + spec.describe() + ")");
    }
  }

  @Override
  public PCollectionTuple expand(PCollection<Row> posts) {
    Duration size = Objects.requireNonNull(windowing.size(), "size");
    SplitLateData.Result<Row> split = posts
        .apply("Window", windowing.<Row>toWindow())
        .apply("SplitLateData", SplitLateData.<Row>create()
            .withCounterNamespace(BeamlinePipeline.COUNTER_NAMESPACE));
    PCollection<WindowTrends> trends = split.accepted()
        .apply("Hashtags", PostHashtags.create()
            .withCounterNamespace(BeamlinePipeline.COUNTER_NAMESPACE))
        .apply("CountPerHashtag", Count.perElement())
        .apply("WithPreviousWindow", CompareWithPreviousWindow.create())
        .apply("Score", ParDo.of(new ScoreFn()))
        .setCoder(KvCoder.of(HashtagTrendCoder.of(), DoubleCoder.of()))
        .apply("TopByTrend", TopK.largest(k))
        .apply("AttachWindowAndPane", ParDo.of(new ToWindowTrendsFn(size)))
        .setCoder(WindowTrendsCoder.of());
    return PCollectionTuple.of(TRENDS, trends).and(LATE, split.late());
  }

  static final class ScoreFn extends DoFn<KV<String, KV<Long, Long>>, KV<HashtagTrend, Double>> {
    @ProcessElement
    public void process(@Element KV<String, KV<Long, Long>> counts,
        OutputReceiver<KV<HashtagTrend, Double>> out) {
      HashtagTrend t = new HashtagTrend(counts.getKey(), counts.getValue().getKey(),
          counts.getValue().getValue());
      out.output(KV.of(t, t.trend()));
    }
  }

  /**
   * The ranking's window is {@code [end - slide, end)} (see {@link CompareWithPreviousWindow});
   * the output names the window it ranks, {@code [end - size, end)}.
   */
  static final class ToWindowTrendsFn extends DoFn<Ranking<HashtagTrend>, WindowTrends> {
    private final Duration size;

    ToWindowTrendsFn(Duration size) {
      this.size = size;
    }

    @ProcessElement
    public void process(@Element Ranking<HashtagTrend> ranking, IntervalWindow window,
        PaneInfo pane, OutputReceiver<WindowTrends> out) {
      List<HashtagTrend> best = new ArrayList<>(ranking.size());
      for (KV<HashtagTrend, Double> e : ranking.entries()) {
        best.add(e.getKey());
      }
      out.output(new WindowTrends(window.end().minus(size).getMillis(), window.end().getMillis(),
          best, pane.getTiming(), pane.getIndex(), pane.isLast()));
    }
  }
}
