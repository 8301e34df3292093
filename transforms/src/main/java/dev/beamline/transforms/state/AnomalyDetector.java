package dev.beamline.transforms.state;

import dev.beamline.transforms.deadletter.DeadLetter;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Flags, per key and in event-time order, each value more than {@code k} standard deviations from
 * the key's exponentially weighted mean: {@code |x - mean| > k * stddev}, where mean and variance
 * are the key's exponentially weighted moments (smoothing {@code alpha}) over the values before
 * {@code x}. Every value is then folded into the moments, flagged or not. A key may flag only once
 * it has seen the warm-up count of values. A key whose values were all equal has a standard
 * deviation of 0, so any different value is flagged, with an infinite z-score.
 *
 * <p>Emits an {@link AnomalyAlert} per flagged value (with the value's event time) and counts them
 * in {@code anomalies_flagged}. Out-of-order input flags exactly what in-order input flags; late
 * values, eviction (a key that returns after the idle timeout warms up again), windowing and runner
 * support are as in {@link FoldInEventTimeOrder} (global window; Direct, Flink, Spark batch; Spark
 * streaming refused).
 *
 * <pre>{@code
 * temperatures.apply("FlagOutliers",
 *     AnomalyDetector.<String>of(0.1, 3.0).withWarmUp(20).withIdleTimeout(Duration.standardHours(2)));
 * }</pre>
 */
public final class AnomalyDetector<K> extends
    PTransform<PCollection<KV<K, Double>>, WithFailures.Result<PCollection<KV<K, AnomalyAlert>>, DeadLetter>> {

  /** Values a key must have seen before it may flag, unless set with {@link #withWarmUp}. */
  public static final int DEFAULT_WARM_UP = 10;

  private final double alpha;
  private final double k;
  private final long warmUp;
  private final Duration idleTimeout;

  private AnomalyDetector(double alpha, double k, long warmUp, Duration idleTimeout) {
    if (!(alpha > 0.0 && alpha < 1.0)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
    }
    if (!(k > 0.0) || Double.isInfinite(k)) {
      throw new IllegalArgumentException("k must be a positive number of standard deviations, was "
          + k);
    }
    if (warmUp < 1) {
      throw new IllegalArgumentException("warm-up must be >= 1 value, was " + warmUp);
    }
    this.alpha = alpha;
    this.k = k;
    this.warmUp = warmUp;
    this.idleTimeout = idleTimeout;
  }

  /** Flags values more than {@code k} standard deviations from the EWMA with smoothing alpha. */
  public static <K> AnomalyDetector<K> of(double alpha, double k) {
    return new AnomalyDetector<>(alpha, k, DEFAULT_WARM_UP, FoldInEventTimeOrder.DEFAULT_IDLE_TIMEOUT);
  }

  /** A key flags nothing until it has seen this many values (default 10). */
  public AnomalyDetector<K> withWarmUp(long values) {
    return new AnomalyDetector<>(alpha, k, values, idleTimeout);
  }

  /** Forgets a key once event time is this far past its last value (default 1 hour). */
  public AnomalyDetector<K> withIdleTimeout(Duration timeout) {
    return new AnomalyDetector<>(alpha, k, warmUp, timeout);
  }

  /**
   * This detector as an {@link EventTimeFold} over the key's {@link EwStats}, for a larger per-key
   * fold that must score the same values in the same event-time order as other per-key rules, in
   * one {@link FoldValuesInEventTimeOrder} pass (e.g. amount anomalies next to a country-change
   * rule over one account's transactions). It counts in {@code anomalies_flagged} too.
   */
  public EventTimeFold<EwStats, AnomalyAlert> fold() {
    return new DetectorFold(alpha, k, warmUp);
  }

  @Override
  public WithFailures.Result<PCollection<KV<K, AnomalyAlert>>, DeadLetter> expand(
      PCollection<KV<K, Double>> input) {
    return input.apply("ScoreInEventTimeOrder",
        FoldInEventTimeOrder.<K, EwStats, AnomalyAlert>of(fold(), "anomaly-detector")
            .withIdleTimeout(idleTimeout));
  }

  static final class DetectorFold implements EventTimeFold<EwStats, AnomalyAlert> {
    private final double alpha;
    private final double k;
    private final long warmUp;
    private final Counter flagged = Metrics.counter("beamline", "anomalies_flagged");

    DetectorFold(double alpha, double k, long warmUp) {
      this.alpha = alpha;
      this.k = k;
      this.warmUp = warmUp;
    }

    @Override
    public Coder<EwStats> stateCoder() {
      return EwStatsCoder.of();
    }

    @Override
    public Coder<AnomalyAlert> outputCoder() {
      return AnomalyAlertCoder.of();
    }

    @Override
    public EwStats fold(@Nullable EwStats state, Instant eventTime, double value,
        Consumer<AnomalyAlert> out) {
      if (state == null) {
        return EwStats.first(value);
      }
      if (state.count >= warmUp) {
        double stddev = state.stddev();
        double deviation = value - state.mean;
        if (Math.abs(deviation) > k * stddev) {
          flagged.inc();
          out.accept(new AnomalyAlert(eventTime, value, state.mean, stddev, deviation / stddev));
        }
      }
      return state.add(value, alpha);
    }
  }
}
