package dev.beamline.transforms.stats;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Combines doubles into a {@link NumericSummary} (count, sum, mean, min, max, variance, stddev) in one
 * pass. Because it is a {@code CombineFn}, every runner lifts it before the shuffle: raw values are
 * folded on the sending side and only 49-byte partial summaries cross the network.
 *
 * <p>Runner caveats: none; merge order differs between runners, so means and deviations can differ
 * in the last bits (never more than floating-point rounding) while count, min and max are exact.
 */
public final class NumericSummaryFn extends CombineFn<Double, NumericSummary, NumericSummary> {

  public static NumericSummaryFn of() {
    return new NumericSummaryFn();
  }

  @Override
  public NumericSummary createAccumulator() {
    return new NumericSummary();
  }

  @Override
  public NumericSummary addInput(NumericSummary accumulator, Double input) {
    return accumulator.add(input);
  }

  @Override
  public NumericSummary mergeAccumulators(Iterable<NumericSummary> accumulators) {
    NumericSummary merged = null;
    for (NumericSummary a : accumulators) {
      // Merging into the first accumulator is allowed by the CombineFn contract and saves a copy.
      if (merged == null) {
        merged = a;
      } else {
        merged.merge(a);
      }
    }
    return merged == null ? new NumericSummary() : merged;
  }

  @Override
  public NumericSummary extractOutput(NumericSummary accumulator) {
    // A copy: with accumulating panes the runner keeps folding into the accumulator after it fired.
    return accumulator.copy();
  }

  @Override
  public Coder<NumericSummary> getAccumulatorCoder(CoderRegistry registry, Coder<Double> inputCoder) {
    return NumericSummaryCoder.of();
  }

  @Override
  public Coder<NumericSummary> getDefaultOutputCoder(CoderRegistry registry, Coder<Double> inputCoder) {
    return NumericSummaryCoder.of();
  }
}
