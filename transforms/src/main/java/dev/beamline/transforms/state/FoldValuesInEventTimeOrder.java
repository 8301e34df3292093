package dev.beamline.transforms.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.deadletter.DeadLetterCoder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerMap;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Applies an {@link EventTimeValueFold} to each key's values in event-time order, whatever order
 * they arrive in: the engine under {@link FoldInEventTimeOrder} (and so {@link Ewma}, {@link
 * MovingAverage}, {@link AnomalyDetector}), for values of any type: whole records, when a per-key
 * rule needs more than one number (the previous record's country, its id for the evidence).
 *
 * <p><b>How.</b> Each value waits in per-key state under its event time, with an event-time timer
 * for that time (a timer family: one timer per distinct time, so a key's backlog is never re-read
 * as a whole). When the watermark passes the time, every value of that time is folded in, ties in
 * the tie order ({@link #withTieOrder}; by default the values' encoded bytes, which needs a
 * deterministic value coder), and the outputs are emitted with the value's own event time. The
 * timer holds the output watermark at that time, so outputs are never late downstream because of
 * the wait. Same input, same watermark contract, same outputs: in-order and shuffled input give
 * identical results.
 *
 * <p><b>Late for the key.</b> A value whose event time is before the last event time its key has
 * already folded in cannot be applied without changing answers already emitted, and is not dropped
 * either: it goes to the failures output as a {@link DeadLetter} (stage = this transform's stage,
 * reason "late for key: ...", source = the key, position -1, payload = {@code
 * {"key","eventTime","value"}} with the value as {@link #withValueJson} renders it) and counts in
 * {@code late_for_key}. A value that is behind the watermark but not behind its key is still folded
 * in (it changes nothing already emitted). {@link #withValueCheck} turns values the fold must never
 * see (one would poison the key's state) into dead letters too.
 *
 * <p><b>State is bounded by live keys.</b> When event time passes a key's last folded time plus the
 * idle timeout, the key's state is dropped ({@code state_evictions}); a later value of that key
 * starts afresh, exactly as a value more than the idle timeout after its predecessor does. An
 * evicted key has no memory of its past, so a value that arrives more than the idle timeout behind
 * the watermark for an evicted key starts it afresh too: choose an idle timeout longer than the
 * lateness you expect. {@code state_evictions} counts keys dropped while the pipeline runs; keys
 * still held when a bounded input ends are dropped too, but whether that is counted depends on the
 * runner (the DirectRunner fires the idle timers and counts them; FlinkRunner clears global-window
 * state at the final watermark before they fire).
 *
 * <p><b>Windows.</b> State in Beam is per key and window; these computations run over all of event
 * time, so the input must be in the global window (anything else is refused when the pipeline is
 * built). Outputs are in the global window: window them afterwards as needed.
 *
 * <p><b>Runners.</b> Needs state, event-time timers, timer families and timers firing in timestamp
 * order per key: DirectRunner, FlinkRunner (batch and streaming) and SparkRunner in batch mode.
 * SparkRunner in streaming mode has no event-time timers and is refused at construction (see
 * {@link StatefulRunnerSupport}). {@code @RequiresTimeSortedInput} is not used: Spark's structured
 * streaming runner rejects it, and where it is supported (runners-core) it drops values behind the
 * watermark with only a runner counter as a trace and orders equal timestamps by arrival.
 * {@code OrderedListState} is not used either: Flink's 2.70 implementation keeps one value per
 * timestamp, and Spark has none.
 *
 * <pre>{@code
 * WithFailures.Result<PCollection<KV<String, Alert>>, DeadLetter> alerts = txByAccount
 *     .apply("Rules", FoldValuesInEventTimeOrder.<String, Tx, AccountState, Alert>of(rules, "rules")
 *         .withTieOrder(Comparator.comparing(Tx::id)::compare)
 *         .withValueJson(Tx::toJson)
 *         .withIdleTimeout(Duration.standardDays(7)));
 * }</pre>
 */
public final class FoldValuesInEventTimeOrder<K, V, S, OutT>
    extends PTransform<PCollection<KV<K, V>>, WithFailures.Result<PCollection<KV<K, OutT>>, DeadLetter>> {

  /** Default per-key idle timeout (event time). */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.standardHours(1);

  private final EventTimeValueFold<V, S, OutT> fold;
  private final String stage;
  private final Duration idleTimeout;
  private final @Nullable SerializableComparator<V> tieOrder;
  private final @Nullable SerializableFunction<V, String> valueJson;
  private final @Nullable SerializableFunction<V, @Nullable String> valueCheck;
  private final @Nullable String valueCheckCounter;

  private FoldValuesInEventTimeOrder(EventTimeValueFold<V, S, OutT> fold, String stage,
      Duration idleTimeout, @Nullable SerializableComparator<V> tieOrder,
      @Nullable SerializableFunction<V, String> valueJson,
      @Nullable SerializableFunction<V, @Nullable String> valueCheck,
      @Nullable String valueCheckCounter) {
    this.fold = Objects.requireNonNull(fold, "fold");
    this.stage = Objects.requireNonNull(stage, "stage");
    if (idleTimeout.getMillis() <= 0) {
      throw new IllegalArgumentException("idle timeout must be positive, was " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
    this.tieOrder = tieOrder;
    this.valueJson = valueJson;
    this.valueCheck = valueCheck;
    this.valueCheckCounter = valueCheckCounter;
  }

  /**
   * Folds each key's values with {@code fold}; {@code stage} names the computation in dead letters
   * and error messages (e.g. {@code "fraud-rules"}).
   */
  public static <K, V, S, OutT> FoldValuesInEventTimeOrder<K, V, S, OutT> of(
      EventTimeValueFold<V, S, OutT> fold, String stage) {
    return new FoldValuesInEventTimeOrder<>(fold, stage, DEFAULT_IDLE_TIMEOUT, null, null, null,
        null);
  }

  /** Drops a key's state once event time is this far past its last value (default 1 hour). */
  public FoldValuesInEventTimeOrder<K, V, S, OutT> withIdleTimeout(Duration timeout) {
    return new FoldValuesInEventTimeOrder<>(fold, stage, timeout, tieOrder, valueJson, valueCheck,
        valueCheckCounter);
  }

  /**
   * The order in which values of one key with the same event time are folded in. Without it, the
   * order of their encoded bytes, which requires a deterministic value coder (checked at expand).
   */
  public FoldValuesInEventTimeOrder<K, V, S, OutT> withTieOrder(SerializableComparator<V> order) {
    return new FoldValuesInEventTimeOrder<>(fold, stage, idleTimeout,
        Objects.requireNonNull(order, "order"), valueJson, valueCheck, valueCheckCounter);
  }

  /**
   * How a value appears in a dead letter's payload, as one JSON value (an object, number,
   * string...). Without it, a JSON string of {@code String.valueOf(value)}.
   */
  public FoldValuesInEventTimeOrder<K, V, S, OutT> withValueJson(
      SerializableFunction<V, String> toJson) {
    return new FoldValuesInEventTimeOrder<>(fold, stage, idleTimeout, tieOrder,
        Objects.requireNonNull(toJson, "toJson"), valueCheck, valueCheckCounter);
  }

  /**
   * Values for which {@code reasonIfRefused} returns a reason never reach the fold: they become
   * dead letters with that reason and count in {@code counterName} (namespace {@code beamline}).
   */
  public FoldValuesInEventTimeOrder<K, V, S, OutT> withValueCheck(
      SerializableFunction<V, @Nullable String> reasonIfRefused, String counterName) {
    return new FoldValuesInEventTimeOrder<>(fold, stage, idleTimeout, tieOrder, valueJson,
        Objects.requireNonNull(reasonIfRefused, "reasonIfRefused"),
        Objects.requireNonNull(counterName, "counterName"));
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  @Override
  public WithFailures.Result<PCollection<KV<K, OutT>>, DeadLetter> expand(
      PCollection<KV<K, V>> input) {
    StatefulRunnerSupport.checkEventTimeTimers(input, stage,
        "to process each key's values in event-time order");
    if (!(input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException(stage + " keeps per-key state across all of event time "
          + "and needs its input in the global window, but the input is windowed by "
          + input.getWindowingStrategy().getWindowFn().getClass().getSimpleName()
          + ". Apply it before Window.into(...), or re-window with Window.into(new GlobalWindows()).");
    }
    if (!(input.getCoder() instanceof KvCoder)) {
      throw new IllegalArgumentException(stage + " needs a KvCoder on its input, got "
          + input.getCoder());
    }
    KvCoder<K, V> kvCoder = (KvCoder<K, V>) input.getCoder();
    if (tieOrder == null) {
      try {
        kvCoder.getValueCoder().verifyDeterministic();
      } catch (Coder.NonDeterministicException e) {
        throw new IllegalArgumentException(stage + " orders values with equal event times by their"
            + " encoding, but " + kvCoder.getValueCoder() + " is not deterministic: give a tie"
            + " order with withTieOrder(...)", e);
      }
    }

    TupleTag<KV<K, OutT>> main = new TupleTag<KV<K, OutT>>() {};
    TupleTag<DeadLetter> failures = new TupleTag<DeadLetter>() {};
    PCollectionTuple out = input.apply("FoldInEventTimeOrder",
        ParDo.of(new FoldFn<>(this, kvCoder.getValueCoder(), main, failures))
            .withOutputTags(main, TupleTagList.of(failures)));
    out.get(main).setCoder(KvCoder.of(kvCoder.getKeyCoder(), fold.outputCoder()));
    out.get(failures).setCoder(DeadLetterCoder.of());
    return WithFailures.Result.of(out, main, failures);
  }

  /** The stateful DoFn; see the class Javadoc for the contract. */
  static final class FoldFn<K, V, S, OutT> extends DoFn<KV<K, V>, KV<K, OutT>> {
    private static final String PENDING = "pending";
    private static final String STATE = "state";
    private static final String LAST = "lastFolded";
    private static final String FLUSH = "flush";
    private static final String EVICT = "evict";
    private static final JsonFactory JSON = new JsonFactory();

    @StateId(PENDING)
    private final StateSpec<MapState<Long, List<V>>> pendingSpec;

    @StateId(STATE)
    private final StateSpec<ValueState<S>> stateSpec;

    @StateId(LAST)
    private final StateSpec<ValueState<Long>> lastSpec = StateSpecs.value(VarLongCoder.of());

    @TimerFamily(FLUSH)
    private final TimerSpec flushSpec = TimerSpecs.timerMap(TimeDomain.EVENT_TIME);

    @TimerId(EVICT)
    private final TimerSpec evictSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final EventTimeValueFold<V, S, OutT> fold;
    private final String stage;
    private final long idleTimeoutMillis;
    private final Coder<V> valueCoder;
    private final @Nullable SerializableComparator<V> tieOrder;
    private final @Nullable SerializableFunction<V, String> valueJson;
    private final @Nullable SerializableFunction<V, @Nullable String> valueCheck;
    private final TupleTag<KV<K, OutT>> main;
    private final TupleTag<DeadLetter> failures;
    private final Counter lateForKey = Metrics.counter("beamline", "late_for_key");
    private final Counter evictions = Metrics.counter("beamline", "state_evictions");
    private final @Nullable Counter refused;

    FoldFn(FoldValuesInEventTimeOrder<K, V, S, OutT> spec, Coder<V> valueCoder,
        TupleTag<KV<K, OutT>> main, TupleTag<DeadLetter> failures) {
      this.fold = spec.fold;
      this.stage = spec.stage;
      this.idleTimeoutMillis = spec.idleTimeout.getMillis();
      this.valueCoder = valueCoder;
      this.tieOrder = spec.tieOrder;
      this.valueJson = spec.valueJson;
      this.valueCheck = spec.valueCheck;
      this.refused = spec.valueCheckCounter == null ? null
          : Metrics.counter("beamline", spec.valueCheckCounter);
      this.main = main;
      this.failures = failures;
      this.pendingSpec = StateSpecs.map(VarLongCoder.of(), ListCoder.of(valueCoder));
      this.stateSpec = StateSpecs.value(fold.stateCoder());
    }

    @ProcessElement
    public void process(@Element KV<K, V> element, @Timestamp Instant eventTime,
        MultiOutputReceiver out,
        @StateId(PENDING) MapState<Long, List<V>> pending,
        @StateId(LAST) ValueState<Long> lastFolded,
        @TimerFamily(FLUSH) TimerMap flush) {
      V value = element.getValue();
      String refusal = valueCheck == null ? null : valueCheck.apply(value);
      if (refusal != null) {
        if (refused != null) {
          refused.inc();
        }
        out.get(failures).output(deadLetter(element.getKey(), eventTime, value, refusal));
        return;
      }
      Long last = lastFolded.read();
      if (last != null && eventTime.getMillis() < last) {
        lateForKey.inc();
        out.get(failures).output(deadLetter(element.getKey(), eventTime, value,
            "late for key: event time " + eventTime + " is before the key's last folded event time "
                + new Instant(last)));
        return;
      }
      long t = eventTime.getMillis();
      List<V> waiting = pending.get(t).read();
      List<V> values = waiting == null ? new ArrayList<>(1) : new ArrayList<>(waiting);
      values.add(value);
      pending.put(t, values);
      // One timer per distinct event time; it holds the output watermark at that time.
      flush.get(Long.toString(t)).withOutputTimestamp(eventTime).set(eventTime);
    }

    @OnTimerFamily(FLUSH)
    public void onFlush(@TimerId String timerId, @Key K key, MultiOutputReceiver out,
        @StateId(PENDING) MapState<Long, List<V>> pending,
        @StateId(STATE) ValueState<S> state,
        @StateId(LAST) ValueState<Long> lastFolded,
        @TimerId(EVICT) Timer evict) {
      long t = Long.parseLong(timerId);
      List<V> waiting = pending.get(t).read();
      pending.remove(t);
      if (waiting == null || waiting.isEmpty()) {
        return;
      }
      List<V> values = inTieOrder(waiting);

      S current = state.read();
      Long last = lastFolded.read();
      if (current != null && last != null && t - last > idleTimeoutMillis) {
        // The key was idle longer than the timeout: same answer whether or not eviction ran first.
        current = null;
        evictions.inc();
      }
      Instant eventTime = new Instant(t);
      for (V v : values) {
        current = fold.fold(current, eventTime, v,
            o -> out.get(main).outputWithTimestamp(KV.of(key, o), eventTime));
      }
      state.write(current);
      lastFolded.write(t);
      Instant evictAt = new Instant(t).plus(Duration.millis(idleTimeoutMillis));
      if (evictAt.isAfter(GlobalWindow.INSTANCE.maxTimestamp())) {
        evictAt = GlobalWindow.INSTANCE.maxTimestamp();
      }
      evict.withNoOutputTimestamp().set(evictAt);
    }

    @OnTimer(EVICT)
    public void onEvict(
        @StateId(PENDING) MapState<Long, List<V>> pending,
        @StateId(STATE) ValueState<S> state,
        @StateId(LAST) ValueState<Long> lastFolded) {
      Long last = lastFolded.read();
      if (last == null) {
        return;
      }
      long horizon = last + idleTimeoutMillis;
      // A value at or before the horizon still continues this key's life: its own timer (same or
      // earlier time) folds it in and re-arms eviction. Runners fire equal-time timers in any order.
      for (Long t : pending.keys().read()) {
        if (t <= horizon) {
          return;
        }
      }
      state.clear();
      lastFolded.clear();
      evictions.inc();
    }

    private List<V> inTieOrder(List<V> waiting) {
      List<V> values = new ArrayList<>(waiting);
      if (values.size() < 2) {
        return values;
      }
      if (tieOrder != null) {
        values.sort(tieOrder);
        return values;
      }
      List<KV<byte[], V>> encoded = new ArrayList<>(values.size());
      for (V v : values) {
        try {
          encoded.add(KV.of(CoderUtils.encodeToByteArray(valueCoder, v), v));
        } catch (CoderException e) {
          throw new IllegalStateException(stage + ": cannot encode a value to order it", e);
        }
      }
      encoded.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
      values.clear();
      for (KV<byte[], V> e : encoded) {
        values.add(e.getValue());
      }
      return values;
    }

    private DeadLetter deadLetter(K key, Instant eventTime, V value, String reason) {
      String rendered = valueJson == null ? null : valueJson.apply(value);
      return new DeadLetter(stage, reason, String.valueOf(key), -1,
          payload(String.valueOf(key), eventTime, rendered, String.valueOf(value)));
    }

    /** {@code {"key","eventTime","value"}}: the value as raw JSON, or else as a JSON string. */
    static String payload(String key, Instant eventTime, @Nullable String valueAsJson,
        String valueAsText) {
      StringWriter w = new StringWriter(64 + key.length());
      try (JsonGenerator g = JSON.createGenerator(w)) {
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeStringField("eventTime", eventTime.toString());
        g.writeFieldName("value");
        if (valueAsJson != null) {
          g.writeRawValue(valueAsJson);
        } else {
          g.writeString(valueAsText);
        }
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return w.toString();
    }
  }
}
