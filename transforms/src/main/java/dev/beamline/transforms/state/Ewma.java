package dev.beamline.transforms.state;

import dev.beamline.transforms.deadletter.DeadLetter;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Exponentially weighted moving average per key, in event-time order:
 * {@code ewma_t = alpha * x_t + (1 - alpha) * ewma_(t-1)}, the first value of a key initialising
 * it. Emits one {@link EwmaPoint} per input value, with the value's event time.
 *
 * <p>Out-of-order input gives exactly the same points as in-order input; values late for their key,
 * non-finite values, idle-key eviction, windowing and runner support are as described in {@link
 * FoldInEventTimeOrder} (in short: global window; Direct, Flink, Spark batch; Spark streaming is
 * refused at construction).
 *
 * <pre>{@code
 * WithFailures.Result<PCollection<KV<String, EwmaPoint>>, DeadLetter> r =
 *     temperatures.apply("Ewma", Ewma.<String>withAlpha(0.3).withIdleTimeout(Duration.standardMinutes(30)));
 * }</pre>
 */
public final class Ewma<K>
    extends PTransform<PCollection<KV<K, Double>>, WithFailures.Result<PCollection<KV<K, EwmaPoint>>, DeadLetter>> {

  private final double alpha;
  private final Duration idleTimeout;

  private Ewma(double alpha, Duration idleTimeout) {
    if (!(alpha > 0.0 && alpha <= 1.0)) {
      throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
    }
    this.alpha = alpha;
    this.idleTimeout = idleTimeout;
  }

  /** EWMA with smoothing factor {@code alpha} in (0, 1]; 1 follows the last value exactly. */
  public static <K> Ewma<K> withAlpha(double alpha) {
    return new Ewma<>(alpha, FoldInEventTimeOrder.DEFAULT_IDLE_TIMEOUT);
  }

  /** Forgets a key once event time is this far past its last value (default 1 hour). */
  public Ewma<K> withIdleTimeout(Duration timeout) {
    return new Ewma<>(alpha, timeout);
  }

  @Override
  public WithFailures.Result<PCollection<KV<K, EwmaPoint>>, DeadLetter> expand(
      PCollection<KV<K, Double>> input) {
    return input.apply("EwmaInEventTimeOrder",
        FoldInEventTimeOrder.<K, Double, EwmaPoint>of(new EwmaFold(alpha), "ewma")
            .withIdleTimeout(idleTimeout));
  }

  /** State: the current EWMA. */
  static final class EwmaFold implements EventTimeFold<Double, EwmaPoint> {
    private final double alpha;

    EwmaFold(double alpha) {
      this.alpha = alpha;
    }

    @Override
    public Coder<Double> stateCoder() {
      return DoubleCoder.of();
    }

    @Override
    public Coder<EwmaPoint> outputCoder() {
      return EwmaPointCoder.of();
    }

    @Override
    public Double fold(@Nullable Double state, Instant eventTime, double value,
        Consumer<EwmaPoint> out) {
      double ewma = state == null ? value : alpha * value + (1.0 - alpha) * state;
      out.accept(new EwmaPoint(eventTime, value, ewma));
      return ewma;
    }
  }
}
