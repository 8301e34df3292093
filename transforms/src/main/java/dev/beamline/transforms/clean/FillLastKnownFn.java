package dev.beamline.transforms.clean;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.windowing.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Fills missing fields with the last known value of the same key, in event-time order.
 *
 * <p>Records are buffered per key until the watermark passes their timestamp (an event-time timer
 * at the earliest buffered timestamp, which also holds the output watermark there), then released
 * in order of (timestamp, source, position, payload): the answer does not depend on arrival order
 * as long as records are not late. A record that arrives behind the watermark is released at once,
 * after records with later timestamps: it is filled from the newest value known (which is then
 * later than itself) and its own values do not replace newer ones.
 *
 * <p>Known values are kept per field with the timestamp of the record that carried them; a value
 * older than the policy's max age is not used, and the key's values are deleted by a timer at the
 * newest value's time plus the max age (a timer that does not hold the watermark), so state is
 * bounded by the keys seen within max age plus the records waiting for the watermark.
 */
final class FillLastKnownFn extends DoFn<KV<String, TracedRow>, TracedRow> {
  private static final String BUFFER = "buffer";
  private static final String RELEASE_AT = "releaseAt";
  private static final String KNOWN = "known";
  private static final String RELEASE = "release";
  private static final String EXPIRE = "expire";

  private static final Comparator<TimestampedValue<TracedRow>> ORDER =
      Comparator.<TimestampedValue<TracedRow>, Instant>comparing(TimestampedValue::getTimestamp)
          .thenComparing(tv -> tv.getValue().source())
          .thenComparingLong(tv -> tv.getValue().position())
          .thenComparing(tv -> tv.getValue().payload());

  @StateId(BUFFER)
  private final StateSpec<BagState<TimestampedValue<TracedRow>>> bufferSpec;

  @StateId(RELEASE_AT)
  private final StateSpec<ValueState<Instant>> releaseAtSpec = StateSpecs.value(InstantCoder.of());

  @StateId(KNOWN)
  private final StateSpec<ValueState<Row>> knownSpec;

  @TimerId(RELEASE)
  private final TimerSpec releaseSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  @TimerId(EXPIRE)
  private final TimerSpec expireSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  private final String keyField;
  private final List<FieldRules> filled;
  private final Schema knownSchema;
  private final Schema rowSchema;
  private final TupleTag<TracedRow> outputTag;
  private final TupleTag<DeadLetter> deadTag;
  private final Counter valuesFilled;
  private final Counter deadLetters;

  FillLastKnownFn(String keyField, List<FieldRules> filled, Schema rowSchema,
      TupleTag<TracedRow> outputTag, TupleTag<DeadLetter> deadTag, String namespace) {
    this.keyField = keyField;
    this.filled = List.copyOf(filled);
    this.rowSchema = rowSchema;
    this.outputTag = outputTag;
    this.deadTag = deadTag;
    Schema.Builder known = Schema.builder();
    for (int i = 0; i < filled.size(); i++) {
      known.addNullableField("value" + i, filled.get(i).field.getType().withNullable(true));
      known.addNullableField("at" + i, Schema.FieldType.DATETIME);
    }
    this.knownSchema = known.build();
    this.bufferSpec = StateSpecs.bag(
        TimestampedValue.TimestampedValueCoder.of(TracedRowCoder.of(RowCoder.of(rowSchema))));
    this.knownSpec = StateSpecs.value(RowCoder.of(knownSchema));
    this.valuesFilled = Metrics.counter(namespace, CleanRecords.VALUES_FILLED_LAST_KNOWN);
    this.deadLetters = Metrics.counter(namespace, CleanRecords.RECORDS_DEAD_LETTERED);
  }

  @ProcessElement
  public void process(@Element KV<String, TracedRow> element, @Timestamp Instant timestamp,
      @StateId(BUFFER) BagState<TimestampedValue<TracedRow>> buffer,
      @StateId(RELEASE_AT) ValueState<Instant> releaseAt,
      @TimerId(RELEASE) Timer release) {
    buffer.add(TimestampedValue.of(element.getValue(), timestamp));
    Instant current = releaseAt.read();
    if (current == null || timestamp.isBefore(current)) {
      release.set(timestamp);
      releaseAt.write(timestamp);
    }
  }

  @OnTimer(RELEASE)
  public void onRelease(OnTimerContext context,
      @StateId(BUFFER) BagState<TimestampedValue<TracedRow>> buffer,
      @StateId(RELEASE_AT) ValueState<Instant> releaseAt,
      @StateId(KNOWN) ValueState<Row> knownState,
      @TimerId(RELEASE) Timer release,
      @TimerId(EXPIRE) Timer expire) {
    Instant firing = context.fireTimestamp();
    List<TimestampedValue<TracedRow>> ready = new ArrayList<>();
    List<TimestampedValue<TracedRow>> waiting = new ArrayList<>();
    for (TimestampedValue<TracedRow> tv : buffer.read()) {
      (tv.getTimestamp().isAfter(firing) ? waiting : ready).add(tv);
    }
    ready.sort(ORDER);

    Row known = knownState.read();
    Object[] values = new Object[filled.size()];
    Instant[] at = new Instant[filled.size()];
    if (known != null) {
      for (int i = 0; i < filled.size(); i++) {
        values[i] = known.getValue(2 * i);
        at[i] = (Instant) known.getValue(2 * i + 1);
      }
    }
    for (TimestampedValue<TracedRow> tv : ready) {
      release(tv.getValue(), tv.getTimestamp(), values, at, context);
    }

    buffer.clear();
    Instant next = null;
    for (TimestampedValue<TracedRow> tv : waiting) {
      buffer.add(tv);
      if (next == null || tv.getTimestamp().isBefore(next)) {
        next = tv.getTimestamp();
      }
    }
    if (next == null) {
      releaseAt.clear();
    } else {
      release.set(next);
      releaseAt.write(next);
    }

    Instant expiry = null;
    Row.Builder newKnown = Row.withSchema(knownSchema);
    for (int i = 0; i < filled.size(); i++) {
      newKnown.addValues(values[i], at[i]);
      if (at[i] != null) {
        Instant end = at[i].plus(filled.get(i).fill.maxAge());
        expiry = expiry == null || end.isAfter(expiry) ? end : expiry;
      }
    }
    if (expiry != null) {
      knownState.write(newKnown.build());
      // Past the newest value's max age every value is unusable: delete them then. The timer must
      // not hold the output watermark, or downstream windows would wait for it.
      Instant last = GlobalWindow.INSTANCE.maxTimestamp();
      Instant target = expiry.plus(Duration.millis(1));
      expire.withNoOutputTimestamp().set(target.isAfter(last) ? last : target);
    }
  }

  @OnTimer(EXPIRE)
  public void onExpire(@StateId(KNOWN) ValueState<Row> knownState) {
    knownState.clear();
  }

  /** Fills one record from {@code values}/{@code at}, outputs it, and remembers its own values. */
  private void release(TracedRow record, Instant t, Object[] values, Instant[] at,
      OnTimerContext context) {
    Row row = record.row();
    List<Object> out = new ArrayList<>(row.getValues());
    int filledHere = 0;
    for (int i = 0; i < filled.size(); i++) {
      FieldRules f = filled.get(i);
      int index = rowSchema.indexOf(f.name());
      if (out.get(index) != null) {
        continue;
      }
      Duration maxAge = f.fill.maxAge();
      if (values[i] == null || at[i].plus(maxAge).isBefore(t)) {
        deadLetters.inc();
        context.outputWithTimestamp(deadTag, new DeadLetter(CleanRecords.STAGE,
            "field '" + f.name() + "' is missing and no earlier value within "
                + Durations.format(maxAge) + " is known for " + keyField + " "
                + FieldRules.describe(row.getValue(keyField)) + " (rule: " + f.fill + ")",
            record.source(), record.position(), record.payload()), t);
        return;
      }
      out.set(index, values[i]);
      filledHere++;
    }
    for (int i = 0; i < filled.size(); i++) {
      Object own = row.getValue(filled.get(i).name());
      // Late records (behind a newer value) do not overwrite it.
      if (own != null && (at[i] == null || !t.isBefore(at[i]))) {
        values[i] = own;
        at[i] = t;
      }
    }
    valuesFilled.inc(filledHere);
    context.outputWithTimestamp(outputTag,
        record.withRow(Row.withSchema(rowSchema).addValues(out).build()), t);
  }
}
