package dev.beamline.transforms.dedup;

import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * {@link DeduplicateById#perGroup}: per group key, the ids seen with the event time at which each
 * is forgotten (its first element's time + span), and one event-time timer at the earliest of
 * those times. When the watermark passes it, the ids due are forgotten and the timer moves to the
 * next one. The timer holds no watermark: elements pass through at once, with their own timestamps.
 */
final class DeduplicateInGroupFn<G, T, IdT> extends DoFn<KV<G, T>, T> {
  private static final String SEEN = "seen";
  private static final String NEXT = "nextForget";
  private static final String FORGET = "forget";

  @StateId(SEEN)
  private final StateSpec<MapState<IdT, Long>> seenSpec;

  @StateId(NEXT)
  private final StateSpec<ValueState<Long>> nextSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId(FORGET)
  private final TimerSpec forgetSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  private final SerializableFunction<T, IdT> idFn;
  private final long spanMillis;

  DeduplicateInGroupFn(SerializableFunction<T, IdT> idFn, Coder<IdT> idCoder, Duration span) {
    this.idFn = idFn;
    this.spanMillis = span.getMillis();
    this.seenSpec = StateSpecs.map(idCoder, VarLongCoder.of());
  }

  @ProcessElement
  public void process(@Element KV<G, T> element, @Timestamp Instant timestamp,
      OutputReceiver<T> out,
      @StateId(SEEN) MapState<IdT, Long> seen,
      @StateId(NEXT) ValueState<Long> nextForget,
      @TimerId(FORGET) Timer forget) {
    IdT id = idFn.apply(element.getValue());
    if (seen.get(id).read() != null) {
      return;
    }
    long forgetAt = Math.min(timestamp.getMillis() + spanMillis,
        GlobalWindow.INSTANCE.maxTimestamp().getMillis());
    seen.put(id, forgetAt);
    out.output(element.getValue());
    Long next = nextForget.read();
    if (next == null || forgetAt < next) {
      nextForget.write(forgetAt);
      forget.withNoOutputTimestamp().set(new Instant(forgetAt));
    }
  }

  @OnTimer(FORGET)
  public void onForget(OnTimerContext context,
      @StateId(SEEN) MapState<IdT, Long> seen,
      @StateId(NEXT) ValueState<Long> nextForget,
      @TimerId(FORGET) Timer forget) {
    // The firing time, not @Timestamp: that is the output timestamp, and this timer has none.
    long now = context.fireTimestamp().getMillis();
    long next = BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis();
    for (Map.Entry<IdT, Long> e : seen.entries().read()) {
      if (e.getValue() <= now) {
        seen.remove(e.getKey());
      } else {
        next = Math.min(next, e.getValue());
      }
    }
    if (next == BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis()) {
      nextForget.clear();
    } else {
      nextForget.write(next);
      forget.withNoOutputTimestamp().set(new Instant(next));
    }
  }
}
