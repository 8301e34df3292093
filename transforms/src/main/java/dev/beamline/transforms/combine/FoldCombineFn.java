package dev.beamline.transforms.combine;

import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.util.SerializableSupplier;

/**
 * A combine whose accumulator is also its result: a mutable value that starts {@code empty}, takes
 * each input with {@code add} and each partial accumulator with {@code merge}, and is encoded by
 * its own coder (a purpose-built one: the accumulator crosses the shuffle and sits in state). For
 * combines that are nothing but "start empty, add, merge" (totals, exact sets), which then need
 * no class of their own:
 *
 * <pre>{@code
 * Combine.perKey(FoldCombineFn.of(Totals::zero, Totals::add, Totals::addAll, TotalsCoder.of()))
 * }</pre>
 *
 * <p>{@code add} may modify and return the accumulator it is given. {@code merge} always gets a
 * fresh empty accumulator as its first argument, so the runner's accumulators are never changed by
 * a merge. The result is the accumulator itself, not a copy: like every element, it must not be
 * modified downstream.
 *
 * <p>Runners: a plain combine, lifted before the shuffle by every runner.
 */
public final class FoldCombineFn<InputT, AccumT> extends CombineFn<InputT, AccumT, AccumT> {
  private final SerializableSupplier<AccumT> empty;
  private final SerializableBiFunction<AccumT, InputT, AccumT> add;
  private final SerializableBiFunction<AccumT, AccumT, AccumT> merge;
  private final Coder<AccumT> coder;

  private FoldCombineFn(SerializableSupplier<AccumT> empty,
      SerializableBiFunction<AccumT, InputT, AccumT> add,
      SerializableBiFunction<AccumT, AccumT, AccumT> merge, Coder<AccumT> coder) {
    this.empty = Objects.requireNonNull(empty, "empty");
    this.add = Objects.requireNonNull(add, "add");
    this.merge = Objects.requireNonNull(merge, "merge");
    this.coder = Objects.requireNonNull(coder, "coder");
  }

  /**
   * Folds inputs into {@code empty.get()} with {@code add}, partial accumulators with
   * {@code merge}; {@code coder} encodes the accumulator and the result.
   */
  public static <InputT, AccumT> FoldCombineFn<InputT, AccumT> of(
      SerializableSupplier<AccumT> empty, SerializableBiFunction<AccumT, InputT, AccumT> add,
      SerializableBiFunction<AccumT, AccumT, AccumT> merge, Coder<AccumT> coder) {
    return new FoldCombineFn<>(empty, add, merge, coder);
  }

  @Override
  public AccumT createAccumulator() {
    return empty.get();
  }

  @Override
  public AccumT addInput(AccumT accumulator, InputT input) {
    return add.apply(accumulator, input);
  }

  @Override
  public AccumT mergeAccumulators(Iterable<AccumT> accumulators) {
    AccumT merged = empty.get();
    for (AccumT a : accumulators) {
      merged = merge.apply(merged, a);
    }
    return merged;
  }

  @Override
  public AccumT extractOutput(AccumT accumulator) {
    return accumulator;
  }

  @Override
  public Coder<AccumT> getAccumulatorCoder(CoderRegistry registry, Coder<InputT> inputCoder) {
    return coder;
  }

  @Override
  public Coder<AccumT> getDefaultOutputCoder(CoderRegistry registry, Coder<InputT> inputCoder) {
    return coder;
  }
}
