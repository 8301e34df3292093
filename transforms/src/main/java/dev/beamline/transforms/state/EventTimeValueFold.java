package dev.beamline.transforms.state;

import java.io.Serializable;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One key's computation over values of any type, applied by {@link FoldValuesInEventTimeOrder} in
 * event-time order: it sees the key's state (null for the first value, or after the key was
 * evicted), one value and its event time, emits zero or more outputs and returns the new state.
 * {@link EventTimeFold} is the same for {@code double} values.
 *
 * <p>Implementations must be deterministic and must not mutate the state or value they are given
 * (runners may hand back the instances they stored): return a new state instead.
 *
 * @param <V> the values, e.g. whole records (a country-change rule needs more than one number)
 * @param <S> the per-key state, encoded with {@link #stateCoder()}
 * @param <OutT> what the fold emits, encoded with {@link #outputCoder()}
 */
public interface EventTimeValueFold<V, S, OutT> extends Serializable {

  Coder<S> stateCoder();

  Coder<OutT> outputCoder();

  S fold(@Nullable S state, Instant eventTime, V value, Consumer<OutT> out);
}
