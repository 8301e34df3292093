package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.RestatedPanes;
import dev.beamline.pipelines.ResultPane;
import dev.beamline.transforms.combine.FoldCombineFn;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Port-scan suspects: per window, the sources whose TCP, UDP or SCTP flows went to at least
 * {@code threshold} distinct destination ports (on any destination hosts). Flows of protocols
 * without ports ({@link Protocols#WITH_PORTS}) are left out. The count is exact ({@link PortSet}:
 * at most 8 KiB per source and window), so a threshold decision never depends on an estimate.
 * Apply it to flows already windowed with their event times.
 *
 * <p>Panes: a source appears in the first pane in which it reaches the threshold and in every
 * later pane of that window (accumulating panes restate the window so far), so an early or late
 * flow can make a source a suspect in an early or late pane. Discarding panes with several firings
 * per window are refused: each pane would count only its own ports.
 *
 * <p>Runners: a combine and a filter, so every runner; in batch, Flink and Spark fire one pane per
 * window.
 */
public final class PortScanSuspects
    extends PTransform<PCollection<FlowRecord>, PCollection<PortScanSuspect>> {
  /** The exact set of destination ports (and the flow count) of a source's flows. */
  static final FoldCombineFn<Integer, PortSet> DISTINCT_PORTS =
      FoldCombineFn.of(PortSet::empty, PortSet::add, PortSet::addAll, PortSetCoder.of());

  private final int threshold;

  private PortScanSuspects(int threshold) {
    if (threshold < 1 || threshold > 65536) {
      throw new IllegalArgumentException(
          "the port-scan threshold must be between 1 and 65536 distinct ports, was " + threshold);
    }
    this.threshold = threshold;
  }

  /** Sources with at least {@code threshold} distinct destination ports in a window. */
  public static PortScanSuspects atLeast(int threshold) {
    return new PortScanSuspects(threshold);
  }

  @Override
  public PCollection<PortScanSuspect> expand(PCollection<FlowRecord> flows) {
    RestatedPanes.requireAccumulatingWhenRefired(flows.getWindowingStrategy(), "PortScanSuspects");
    final int min = threshold;
    return flows
        .apply("FlowsWithPorts", Filter.by((FlowRecord f) -> Protocols.hasPorts(f.protocol())))
        .apply("PortBySource", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.integers()))
            .via((FlowRecord f) -> KV.of(f.srcIp(), f.dstPort())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
        .apply("DistinctPortsPerSource", Combine.perKey(DISTINCT_PORTS))
        .apply("AtLeastThreshold", Filter.by((KV<String, PortSet> kv) ->
            kv.getValue().distinctPorts() >= min))
        .apply("AttachWindowAndPane", ParDo.of(new ToSuspectFn()))
        .setCoder(PortScanSuspectCoder.of());
  }

  static final class ToSuspectFn extends DoFn<KV<String, PortSet>, PortScanSuspect> {
    @ProcessElement
    public void process(@Element KV<String, PortSet> kv, IntervalWindow window, PaneInfo pane,
        OutputReceiver<PortScanSuspect> out) {
      PortSet s = kv.getValue();
      out.output(new PortScanSuspect(kv.getKey(), window.start().getMillis(),
          window.end().getMillis(), s.distinctPorts(), s.flows(), s.lowestPort(),
          s.highestPort(), ResultPane.of(pane)));
    }
  }
}
