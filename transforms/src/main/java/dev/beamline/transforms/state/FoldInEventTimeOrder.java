package dev.beamline.transforms.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.transforms.deadletter.DeadLetter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Applies an {@link EventTimeFold} to each key's {@code double} values in event-time order,
 * whatever order they arrive in: the engine under {@link Ewma}, {@link MovingAverage} and {@link
 * AnomalyDetector}. It is {@link FoldValuesInEventTimeOrder} (see there for how values wait for the
 * watermark, late-for-key dead letters, idle-key eviction, windows and runners) with:
 *
 * <ul>
 *   <li>ties (values of one key at the same event time) folded in ascending value order, so
 *       in-order and shuffled input give identical results, bit for bit;
 *   <li>non-finite values (NaN, infinities) refused as dead letters ({@code non_finite_values}),
 *       since one would poison the key's state forever;
 *   <li>dead-letter payloads {@code {"key","eventTime","value"}} with the value as a JSON number
 *       (a string for non-finite ones).
 * </ul>
 *
 * <p>Runners: DirectRunner, FlinkRunner (batch and streaming) and SparkRunner in batch mode;
 * SparkRunner in streaming mode is refused at construction (no event-time timers).
 */
public final class FoldInEventTimeOrder<K, S, OutT>
    extends PTransform<PCollection<KV<K, Double>>, WithFailures.Result<PCollection<KV<K, OutT>>, DeadLetter>> {

  /** Default per-key idle timeout (event time). */
  public static final Duration DEFAULT_IDLE_TIMEOUT = FoldValuesInEventTimeOrder.DEFAULT_IDLE_TIMEOUT;

  private final EventTimeFold<S, OutT> fold;
  private final String stage;
  private final Duration idleTimeout;

  private FoldInEventTimeOrder(EventTimeFold<S, OutT> fold, String stage, Duration idleTimeout) {
    this.fold = Objects.requireNonNull(fold, "fold");
    this.stage = Objects.requireNonNull(stage, "stage");
    if (idleTimeout.getMillis() <= 0) {
      throw new IllegalArgumentException("idle timeout must be positive, was " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
  }

  /**
   * Folds each key's values with {@code fold}; {@code stage} names the computation in dead letters
   * and error messages (e.g. {@code "ewma"}).
   */
  public static <K, S, OutT> FoldInEventTimeOrder<K, S, OutT> of(EventTimeFold<S, OutT> fold,
      String stage) {
    return new FoldInEventTimeOrder<>(fold, stage, DEFAULT_IDLE_TIMEOUT);
  }

  /** Drops a key's state once event time is this far past its last value (default 1 hour). */
  public FoldInEventTimeOrder<K, S, OutT> withIdleTimeout(Duration timeout) {
    return new FoldInEventTimeOrder<>(fold, stage, timeout);
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  @Override
  public WithFailures.Result<PCollection<KV<K, OutT>>, DeadLetter> expand(
      PCollection<KV<K, Double>> input) {
    return input.apply("InEventTimeOrder",
        FoldValuesInEventTimeOrder.<K, Double, S, OutT>of(new DoubleValues<>(fold), stage)
            .withIdleTimeout(idleTimeout)
            .withTieOrder(Double::compare)
            .withValueJson(FoldInEventTimeOrder::json)
            .withValueCheck(v -> Double.isFinite(v) ? null : "value is not a finite number: " + v,
                "non_finite_values"));
  }

  /** A finite double as a JSON number, anything else as a JSON string ("NaN", "Infinity"). */
  static String json(Double value) {
    StringWriter w = new StringWriter(24);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      if (Double.isFinite(value)) {
        g.writeNumber(value);
      } else {
        g.writeString(value.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static final JsonFactory JSON = new JsonFactory();

  /** An {@link EventTimeFold} seen as a fold over boxed doubles. */
  private static final class DoubleValues<S, OutT> implements EventTimeValueFold<Double, S, OutT> {
    private final EventTimeFold<S, OutT> fold;

    DoubleValues(EventTimeFold<S, OutT> fold) {
      this.fold = fold;
    }

    @Override
    public Coder<S> stateCoder() {
      return fold.stateCoder();
    }

    @Override
    public Coder<OutT> outputCoder() {
      return fold.outputCoder();
    }

    @Override
    public S fold(@Nullable S state, Instant eventTime, Double value, Consumer<OutT> out) {
      return fold.fold(state, eventTime, value, out);
    }
  }
}
