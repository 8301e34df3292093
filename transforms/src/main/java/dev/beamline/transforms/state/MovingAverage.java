package dev.beamline.transforms.state;

import dev.beamline.transforms.deadletter.DeadLetter;
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
 * Moving average per key, in event-time order, either over the key's last N values or over the
 * values in the last span of event time: for a value at {@code t}, the values with event time in
 * {@code (t - span, t]}. Emits one {@link MovingAveragePoint} per input value, with the value's
 * event time; the point's count says how many values the average covers.
 *
 * <p>State per key is the covered values (N of them, or those within the span), so memory is
 * bounded by N or by the key's rate times the span. Out-of-order input gives exactly the in-order
 * points; late values, eviction, windowing and runner support are as in {@link
 * FoldInEventTimeOrder} (global window; Direct, Flink, Spark batch; Spark streaming refused).
 *
 * <pre>{@code
 * temperatures.apply("Last10", MovingAverage.<String>lastValues(10));
 * temperatures.apply("Last5Minutes", MovingAverage.<String>over(Duration.standardMinutes(5)));
 * }</pre>
 */
public final class MovingAverage<K> extends
    PTransform<PCollection<KV<K, Double>>, WithFailures.Result<PCollection<KV<K, MovingAveragePoint>>, DeadLetter>> {

  private final int lastValues;   // > 0 for a last-N average
  private final @Nullable Duration span; // non-null for a time-span average
  private final Duration idleTimeout;

  private MovingAverage(int lastValues, @Nullable Duration span, Duration idleTimeout) {
    this.lastValues = lastValues;
    this.span = span;
    this.idleTimeout = idleTimeout;
  }

  /** Average of each key's last {@code n} values (fewer until n have been seen). */
  public static <K> MovingAverage<K> lastValues(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("the number of values must be >= 1, was " + n);
    }
    return new MovingAverage<>(n, null, FoldInEventTimeOrder.DEFAULT_IDLE_TIMEOUT);
  }

  /** Average of each key's values in the last {@code span} of event time, ending at each value. */
  public static <K> MovingAverage<K> over(Duration span) {
    if (span.getMillis() <= 0) {
      throw new IllegalArgumentException("the span must be positive, was " + span);
    }
    // A key idle longer than the span has nothing left to average: evicting it then is free.
    return new MovingAverage<>(0, span, span);
  }

  /**
   * Forgets a key once event time is this far past its last value (default: 1 hour for a last-N
   * average; the span for a time-span average, whose state is empty by then anyway).
   */
  public MovingAverage<K> withIdleTimeout(Duration timeout) {
    return new MovingAverage<>(lastValues, span, timeout);
  }

  @Override
  public WithFailures.Result<PCollection<KV<K, MovingAveragePoint>>, DeadLetter> expand(
      PCollection<KV<K, Double>> input) {
    EventTimeFold<RecentValues, MovingAveragePoint> fold =
        span == null ? new LastValuesFold(lastValues) : new SpanFold(span.getMillis());
    return input.apply(span == null ? "AverageOfLastValues" : "AverageOverSpan",
        FoldInEventTimeOrder.<K, RecentValues, MovingAveragePoint>of(fold, "moving-average")
            .withIdleTimeout(idleTimeout));
  }

  private abstract static class RecentValuesFold
      implements EventTimeFold<RecentValues, MovingAveragePoint> {
    @Override
    public Coder<RecentValues> stateCoder() {
      return RecentValuesCoder.of();
    }

    @Override
    public Coder<MovingAveragePoint> outputCoder() {
      return MovingAveragePointCoder.of();
    }

    /** Index of the first value to keep once a value at {@code time} is added. */
    abstract int keepFrom(RecentValues recent, long time);

    @Override
    public RecentValues fold(@Nullable RecentValues state, Instant eventTime, double value,
        Consumer<MovingAveragePoint> out) {
      RecentValues recent = state == null ? RecentValues.EMPTY : state;
      long t = eventTime.getMillis();
      RecentValues next = recent.append(t, value, keepFrom(recent, t));
      out.accept(new MovingAveragePoint(eventTime, value, next.mean(), next.size()));
      return next;
    }
  }

  static final class LastValuesFold extends RecentValuesFold {
    private final int n;

    LastValuesFold(int n) {
      this.n = n;
    }

    @Override
    int keepFrom(RecentValues recent, long time) {
      return Math.max(0, recent.size() + 1 - n);
    }
  }

  static final class SpanFold extends RecentValuesFold {
    private final long spanMillis;

    SpanFold(long spanMillis) {
      this.spanMillis = spanMillis;
    }

    @Override
    int keepFrom(RecentValues recent, long time) {
      int from = 0;
      while (from < recent.size() && recent.time(from) <= time - spanMillis) {
        from++;
      }
      return from;
    }
  }
}
