package dev.beamline.pipelines.traffictoptalkers;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/** Adds flows up into bytes, packets and flow count, in one pass and three longs. */
final class TrafficTotalsFn extends CombineFn<FlowRecord, TrafficTotals, TrafficTotals> {
  @Override
  public TrafficTotals createAccumulator() {
    return TrafficTotals.zero();
  }

  @Override
  public TrafficTotals addInput(TrafficTotals totals, FlowRecord flow) {
    return totals.add(flow);
  }

  @Override
  public TrafficTotals mergeAccumulators(Iterable<TrafficTotals> accumulators) {
    TrafficTotals merged = TrafficTotals.zero();
    for (TrafficTotals t : accumulators) {
      merged.add(t);
    }
    return merged;
  }

  @Override
  public TrafficTotals extractOutput(TrafficTotals totals) {
    return totals;
  }

  @Override
  public Coder<TrafficTotals> getAccumulatorCoder(CoderRegistry registry, Coder<FlowRecord> in) {
    return TrafficTotalsCoder.of();
  }

  @Override
  public Coder<TrafficTotals> getDefaultOutputCoder(CoderRegistry registry, Coder<FlowRecord> in) {
    return TrafficTotalsCoder.of();
  }
}
