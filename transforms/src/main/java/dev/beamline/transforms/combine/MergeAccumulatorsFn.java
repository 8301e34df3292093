package dev.beamline.transforms.combine;

import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Combines partial accumulators of a {@link CombineFn} (from {@link CombineInBundleFn}) into its
 * output: the second half of a lifted combine. The accumulator type is both input and accumulator,
 * encoded with the wrapped function's accumulator coder. A partial is merged as the second of two
 * accumulators: like Beam's own combine functions, the wrapped function must merge into the first
 * (the runner's), never into the partial, which is an input element.
 */
public final class MergeAccumulatorsFn<AccumT, OutputT> extends CombineFn<AccumT, AccumT, OutputT> {
  private final CombineFn<?, AccumT, OutputT> fn;
  private final Coder<AccumT> accumCoder;
  private final Coder<OutputT> outputCoder;

  private MergeAccumulatorsFn(CombineFn<?, AccumT, OutputT> fn, Coder<AccumT> accumCoder,
      Coder<OutputT> outputCoder) {
    this.fn = Objects.requireNonNull(fn, "fn");
    this.accumCoder = Objects.requireNonNull(accumCoder, "accumCoder");
    this.outputCoder = Objects.requireNonNull(outputCoder, "outputCoder");
  }

  /** Merges partial accumulators of {@code fn}, encoded with {@code accumCoder}. */
  public static <AccumT, OutputT> MergeAccumulatorsFn<AccumT, OutputT> of(
      CombineFn<?, AccumT, OutputT> fn, Coder<AccumT> accumCoder, Coder<OutputT> outputCoder) {
    return new MergeAccumulatorsFn<>(fn, accumCoder, outputCoder);
  }

  @Override
  public AccumT createAccumulator() {
    return fn.createAccumulator();
  }

  @Override
  public AccumT addInput(AccumT accumulator, AccumT partial) {
    return fn.mergeAccumulators(List.of(accumulator, partial));
  }

  @Override
  public AccumT mergeAccumulators(Iterable<AccumT> accumulators) {
    return fn.mergeAccumulators(accumulators);
  }

  @Override
  public OutputT extractOutput(AccumT accumulator) {
    return fn.extractOutput(accumulator);
  }

  @Override
  public Coder<AccumT> getAccumulatorCoder(CoderRegistry registry, Coder<AccumT> inputCoder) {
    return accumCoder;
  }

  @Override
  public Coder<OutputT> getDefaultOutputCoder(CoderRegistry registry, Coder<AccumT> inputCoder) {
    return outputCoder;
  }
}
