package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.ResultPane;
import dev.beamline.transforms.combine.FoldCombineFn;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Per protocol and window: total bytes, packets and flows, one result per pane. Apply it to flows
 * already windowed with their event times. With accumulating panes each pane restates the window
 * so far; with discarding panes each pane holds the increment since the previous one, which adds
 * up to the window's total (the one aggregation here where discarding panes make sense).
 *
 * <p>Runners: a combine, so every runner; in batch, Flink and Spark fire one pane per window. The
 * Flink runner in streaming mode can fire a spurious empty pane when one watermark step passes
 * both the end of a window and its allowed lateness (as the end of a bounded input does): a pane
 * of no flows says nothing, so it is skipped and counted in {@code empty_panes_skipped}.
 */
public final class ProtocolTotals
    extends PTransform<PCollection<FlowRecord>, PCollection<ProtocolWindowTotals>> {

  /** Adds flows up into bytes, packets and flow count, in one pass and three longs. */
  static final FoldCombineFn<FlowRecord, TrafficTotals> TOTALS = FoldCombineFn.of(
      TrafficTotals::zero, TrafficTotals::add, TrafficTotals::add, TrafficTotalsCoder.of());

  private ProtocolTotals() {}

  public static ProtocolTotals create() {
    return new ProtocolTotals();
  }

  @Override
  public PCollection<ProtocolWindowTotals> expand(PCollection<FlowRecord> flows) {
    return flows
        .apply("KeyByProtocol", WithKeys.of(FlowRecord::protocol)
            .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), FlowRecordCoder.of()))
        .apply("TotalsPerProtocol", Combine.perKey(TOTALS))
        .apply("AttachWindowAndPane", ParDo.of(new ToProtocolWindowTotalsFn()))
        .setCoder(ProtocolWindowTotalsCoder.of());
  }

  static final class ToProtocolWindowTotalsFn
      extends DoFn<KV<String, TrafficTotals>, ProtocolWindowTotals> {
    private final Counter emptyPanes =
        Metrics.counter(BeamlinePipeline.COUNTER_NAMESPACE, "empty_panes_skipped");

    @ProcessElement
    public void process(@Element KV<String, TrafficTotals> kv, IntervalWindow window,
        PaneInfo pane, OutputReceiver<ProtocolWindowTotals> out) {
      if (kv.getValue().flows() == 0) {
        emptyPanes.inc();
        return;
      }
      out.output(new ProtocolWindowTotals(kv.getKey(), window.start().getMillis(),
          window.end().getMillis(), kv.getValue(), ResultPane.of(pane)));
    }
  }
}
