package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.transforms.late.LateElement;
import dev.beamline.transforms.late.SplitLateData;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The traffic report of every event-time window: flows are windowed once ({@link WindowingSpec}),
 * droppably-late flows are split off with the window they missed ({@link SplitLateData}, so
 * nothing is dropped silently), and the accepted flows feed {@link TopTalkers}, {@link
 * ProtocolTotals} and {@link PortScanSuspects}.
 *
 * <p>Output: a tuple of {@link #TOP_TALKERS}, {@link #PROTOCOL_TOTALS}, {@link
 * #PORT_SCAN_SUSPECTS} and {@link #LATE}; counters {@code windowed_events} and {@code
 * dropped_late} add up to the flows in (a flow that missed its older sliding windows but is in time
 * for a newer one counts as windowed, and has a late record per window it missed). Input elements
 * must carry their event time as their timestamp.
 *
 * <p>Runners: Direct, Flink (batch and streaming), Spark in batch; the SparkRunner in streaming
 * mode cannot run the late-data split (no event-time timers, apache/beam#33237), and {@code
 * expand} refuses it.
 */
public final class TrafficWindows extends PTransform<PCollection<FlowRecord>, PCollectionTuple> {
  public static final TupleTag<TopTalkersWindow> TOP_TALKERS = new TupleTag<TopTalkersWindow>() {};
  public static final TupleTag<ProtocolWindowTotals> PROTOCOL_TOTALS =
      new TupleTag<ProtocolWindowTotals>() {};
  public static final TupleTag<PortScanSuspect> PORT_SCAN_SUSPECTS =
      new TupleTag<PortScanSuspect>() {};
  /** Flows later than the allowed lateness, one record per window each missed. */
  public static final TupleTag<LateElement<FlowRecord>> LATE =
      new TupleTag<LateElement<FlowRecord>>() {};

  private final WindowingSpec windowing;
  private final int topK;
  private final int portScanThreshold;

  private TrafficWindows(WindowingSpec windowing, int topK, int portScanThreshold) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
    this.topK = topK;
    this.portScanThreshold = portScanThreshold;
  }

  /** Windows of {@code windowing}; the top {@code topK} sources; suspects from the threshold. */
  public static TrafficWindows of(WindowingSpec windowing, int topK, int portScanThreshold) {
    return new TrafficWindows(windowing, topK, portScanThreshold);
  }

  @Override
  public PCollectionTuple expand(PCollection<FlowRecord> flows) {
    SplitLateData.Result<FlowRecord> split = flows
        .apply("Window", windowing.<FlowRecord>toWindow())
        .apply("SplitLateData", SplitLateData.<FlowRecord>create()
            .withCounterNamespace(BeamlinePipeline.COUNTER_NAMESPACE));
    PCollection<FlowRecord> accepted = split.accepted();
    return PCollectionTuple
        .of(TOP_TALKERS, accepted.apply("TopTalkers", TopTalkers.of(topK)))
        .and(PROTOCOL_TOTALS, accepted.apply("ProtocolTotals", ProtocolTotals.create()))
        .and(PORT_SCAN_SUSPECTS,
            accepted.apply("PortScanSuspects", PortScanSuspects.atLeast(portScanThreshold)))
        .and(LATE, split.late());
  }
}
