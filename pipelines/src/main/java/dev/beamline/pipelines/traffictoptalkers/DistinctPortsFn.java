package dev.beamline.pipelines.traffictoptalkers;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/** The exact set of destination ports (and the flow count) of a source's flows. */
final class DistinctPortsFn extends CombineFn<Integer, PortSet, PortSet> {
  @Override
  public PortSet createAccumulator() {
    return PortSet.empty();
  }

  @Override
  public PortSet addInput(PortSet set, Integer port) {
    return set.add(port);
  }

  @Override
  public PortSet mergeAccumulators(Iterable<PortSet> accumulators) {
    PortSet merged = PortSet.empty();
    for (PortSet s : accumulators) {
      merged.addAll(s);
    }
    return merged;
  }

  @Override
  public PortSet extractOutput(PortSet set) {
    return set;
  }

  @Override
  public Coder<PortSet> getAccumulatorCoder(CoderRegistry registry, Coder<Integer> in) {
    return PortSetCoder.of();
  }

  @Override
  public Coder<PortSet> getDefaultOutputCoder(CoderRegistry registry, Coder<Integer> in) {
    return PortSetCoder.of();
  }
}
