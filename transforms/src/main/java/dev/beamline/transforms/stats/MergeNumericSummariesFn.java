package dev.beamline.transforms.stats;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Combines partial {@link NumericSummary}s (for example, summaries pre-aggregated per bundle) into
 * one, with Chan's merge: the same result as {@link NumericSummaryFn} over the original values, up
 * to floating-point merge order. Inputs are never modified.
 */
public final class MergeNumericSummariesFn
    extends CombineFn<NumericSummary, NumericSummary, NumericSummary> {

  public static MergeNumericSummariesFn of() {
    return new MergeNumericSummariesFn();
  }

  @Override
  public NumericSummary createAccumulator() {
    return new NumericSummary();
  }

  @Override
  public NumericSummary addInput(NumericSummary accumulator, NumericSummary partial) {
    return accumulator.merge(partial);
  }

  @Override
  public NumericSummary mergeAccumulators(Iterable<NumericSummary> accumulators) {
    NumericSummary merged = null;
    for (NumericSummary a : accumulators) {
      // Accumulators belong to the runner, not to the pipeline: merging into the first is allowed.
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
    // A copy: with accumulating panes the runner keeps merging into the accumulator after it fired.
    return accumulator.copy();
  }

  @Override
  public Coder<NumericSummary> getAccumulatorCoder(CoderRegistry registry,
      Coder<NumericSummary> inputCoder) {
    return NumericSummaryCoder.of();
  }

  @Override
  public Coder<NumericSummary> getDefaultOutputCoder(CoderRegistry registry,
      Coder<NumericSummary> inputCoder) {
    return NumericSummaryCoder.of();
  }
}
