package dev.beamline.pipelines.trendingtopics;

import dev.beamline.transforms.combine.Ranking;
import dev.beamline.transforms.combine.TopK;
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
import org.joda.time.Duration;

/**
 * Hashtags (one element per post that mentions one, timestamped with the post's event time) in;
 * per event-time window, the {@code k} hashtags with the highest {@link TrendScore} against the
 * window one slide earlier out, with their counts.
 *
 * <p>Steps: window (sliding, or fixed: then the previous window is the one before), count per
 * hashtag, pair each count with the previous window's ({@link CompareWithPreviousWindow}: 0 for a
 * hashtag that was absent and for the first window), score, rank ({@link TopK}). Candidates are the
 * hashtags mentioned in the window; a hashtag that disappeared is not ranked.
 *
 * <p>Each window fires once, when the watermark passes its end: the score compares two final
 * counts across three shuffles, and a restated count (early or late panes) would be ranked twice,
 * as Beam has no retractions. {@link #of} refuses early firings and allowed lateness; data behind
 * the watermark is dropped by the count. Runner caveats: Flink in batch mode reports pane timing
 * UNKNOWN, Spark in batch mode gives the ranking (a global combine) no ON_TIME timing.
 */
public final class TrendingHashtags extends PTransform<PCollection<String>, PCollection<WindowTrends>> {
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
    if (spec.earlyFiringsEvery() != null || spec.hasLateFirings()) {
      throw new IllegalArgumentException("trending-topics fires each window once, at the watermark:"
          + " a trend compares a window's final count with the previous window's, and an early or"
          + " late pane would restate counts that were already ranked (Beam has no retractions)."
          + " Drop --earlyFiringsEvery and use --allowedLateness=0 (got: " + spec.describe() + ")");
    }
  }

  @Override
  public PCollection<WindowTrends> expand(PCollection<String> hashtags) {
    Duration size = windowing.size();
    return hashtags
        .apply("Window", windowing.<String>toWindow())
        .apply("CountPerHashtag", Count.perElement())
        .apply("WithPreviousWindow", CompareWithPreviousWindow.create())
        .apply("Score", ParDo.of(new ScoreFn()))
        .setCoder(KvCoder.of(HashtagTrendCoder.of(), DoubleCoder.of()))
        .apply("TopByTrend", TopK.largest(k))
        .apply("AttachWindowAndPane", ParDo.of(new ToWindowTrendsFn(size)))
        .setCoder(WindowTrendsCoder.of());
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
