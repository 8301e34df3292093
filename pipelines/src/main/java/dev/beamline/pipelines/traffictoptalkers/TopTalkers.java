package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.RestatedPanes;
import dev.beamline.pipelines.ResultPane;
import dev.beamline.transforms.combine.Ranking;
import dev.beamline.transforms.combine.TopK;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Per window, the k sources that sent the most bytes: bytes summed per source (a combine, so flows
 * never cross the shuffle whole), then ranked with {@link TopK#onePerKey()}. Ties rank the smaller
 * address text first. Apply it to flows already windowed with their event times.
 *
 * <p>Panes: with early or late firings, each source's sum is restated in every pane, and a ranking
 * accumulates all restatements of its window; ranking each source once by its largest sum (bytes
 * are never negative, so that is its latest) keeps every pane's ranking the ranking of the
 * window so far. Discarding panes with several firings per window are refused. Sums are exact
 * longs ({@link ExactLongSum}: overflow fails the run rather than wrap); they are ranked as doubles,
 * exact up to 2^53 bytes (8 PiB) per source and window.
 *
 * <p>Runners: combines only, so every runner; in batch, Flink and Spark fire one pane per window.
 */
public final class TopTalkers
    extends PTransform<PCollection<FlowRecord>, PCollection<TopTalkersWindow>> {
  private final int k;

  private TopTalkers(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("the number of top sources must be >= 1, was " + k);
    }
    this.k = k;
  }

  /** The {@code k} sources with the most bytes per window. */
  public static TopTalkers of(int k) {
    return new TopTalkers(k);
  }

  @Override
  public PCollection<TopTalkersWindow> expand(PCollection<FlowRecord> flows) {
    RestatedPanes.requireAccumulatingWhenRefired(flows.getWindowingStrategy(), "TopTalkers");
    return flows
        .apply("BytesBySource", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via((FlowRecord f) -> KV.of(f.srcIp(), f.bytes())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("SumBytesPerSource", Combine.perKey(new ExactLongSum()))
        .apply("AsRankingMetric", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
            .via((KV<String, Long> kv) -> KV.of(kv.getKey(), (double) kv.getValue())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()))
        .apply("TopSources", TopK.<String>largest(k).onePerKey())
        .apply("AttachWindowAndPane", ParDo.of(new ToTopTalkersWindowFn()))
        .setCoder(TopTalkersWindowCoder.of());
  }

  /** Skips empty panes (see {@link ProtocolTotals}); counted in {@code empty_panes_skipped}. */
  static final class ToTopTalkersWindowFn extends DoFn<Ranking<String>, TopTalkersWindow> {
    private final Counter emptyPanes =
        Metrics.counter(BeamlinePipeline.COUNTER_NAMESPACE, "empty_panes_skipped");

    @ProcessElement
    public void process(@Element Ranking<String> ranking, IntervalWindow window, PaneInfo pane,
        OutputReceiver<TopTalkersWindow> out) {
      if (ranking.size() == 0) {
        emptyPanes.inc();
        return;
      }
      List<KV<String, Long>> talkers = new ArrayList<>(ranking.size());
      for (KV<String, Double> e : ranking.entries()) {
        talkers.add(KV.of(e.getKey(), e.getValue().longValue()));
      }
      out.output(new TopTalkersWindow(window.start().getMillis(), window.end().getMillis(),
          talkers, ResultPane.of(pane)));
    }
  }
}
