package dev.beamline.transforms.clean;

import dev.beamline.transforms.deadletter.DeadLetter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Cleans records with named fields ({@link Row}s) against a target {@link Schema}: converts text to
 * typed values, checks required fields, fills missing values, checks ranges and allowed values.
 * Every record that fails a rule becomes a {@link DeadLetter} (stage {@code clean}) whose reason
 * names the field and the rule, e.g. {@code field 'amount' is -5.0, below the minimum 0 (rule:
 * range)}; nothing is thrown and nothing is dropped, so records in = {@code records_cleaned} +
 * {@code records_dead_lettered}.
 *
 * <pre>{@code
 * CleanRecords clean = CleanRecords.of(TRANSACTION)     // the schema of clean records
 *     .require("txId", "accountId")
 *     .convert("amount", Conversion.DOUBLE)
 *     .convert("ts", Conversion.timestamp(TimestampFormat.anyOf(ISO_8601, EPOCH_MILLIS)))
 *     .range("amount", 0, 1e6)
 *     .allowedValues("currency", "EUR", "USD")
 *     .fillMissing("country", FillPolicy.lastKnownPerKey("accountId"))
 *     .withEventTime("ts");
 * lines.apply("Clean", clean.fromJsonLines());            // or rows.apply("Clean", clean)
 * }</pre>
 *
 * <p><b>Rules, in order.</b> Fields are checked in schema order and a record's first failure is
 * its reason. For each field: a missing value (absent, {@code null} or an empty string) is handled
 * by its {@link FillPolicy}, or refused when the field is required ({@link #require}, or any field
 * the schema declares non-nullable without a fill policy), or stays {@code null}; a present value
 * is converted if a {@link Conversion} is declared, must be finite if it is a double, and must meet
 * its range and allowed values. Defaults are checked against those rules when the cleaner is built.
 * With {@link #withEventTime}, each clean record's timestamp is its event time.
 *
 * <p><b>Input.</b> {@code expand} takes rows with at least the schema's fields, by name: {@code
 * STRING} for a converted field, the schema's type otherwise (other fields are ignored). Their dead
 * letters carry the row as JSON, source {@code unknown} and position -1. {@link #fromJsonLines()}
 * reads JSON Lines instead and keeps each line's file and number.
 *
 * <p><b>Last known value per key</b> needs state: records are buffered per key until the watermark
 * passes their timestamp and released in event-time order (ties by source, position, payload), so
 * out-of-order input that is not late gives the same result as sorted input, at the price of
 * waiting for the watermark. A record behind the watermark (late) is filled from the newest value
 * known and does not replace it. State is per key in the global window, deleted max age after the
 * key's newest value: memory is bounded by the keys active within max age and the records waiting
 * for the watermark. The input must be in the global window (apply this before {@code
 * Window.into}); otherwise {@code expand} refuses it.
 *
 * <p><b>Runners.</b> Without last-known fills the cleaner is a stateless ParDo with a dead-letter
 * output: Direct, Flink and Spark batch run it, and Spark streaming over unbounded input. Spark's
 * runner (Beam 2.70) fails with a NullPointerException on multi-output ParDos over bounded input
 * in streaming mode, so {@code expand} refuses bounded input there. Last-known fills use state and
 * event-time timers: Direct, Flink (batch and streaming) and Spark batch run them; Spark streaming
 * has no event-time timers (apache/beam#33237), so {@code expand} refuses that combination too.
 * The failures output is always consumed inside the transform: Spark (2.70) otherwise leaks an
 * unconsumed additional output into the main one (apache/beam#33772).
 */
public final class CleanRecords
    extends PTransform<PCollection<Row>, WithFailures.Result<PCollection<Row>, DeadLetter>> {
  /** Dead letters of this transform name this stage. */
  public static final String STAGE = "clean";
  public static final String RECORDS_CLEANED = "records_cleaned";
  public static final String RECORDS_DEAD_LETTERED = "records_dead_lettered";
  public static final String VALUES_FILLED_DEFAULT = "values_filled_default";
  public static final String VALUES_FILLED_LAST_KNOWN = "values_filled_last_known";

  private static final List<Schema.TypeName> SUPPORTED = List.of(Schema.TypeName.STRING,
      Schema.TypeName.INT32, Schema.TypeName.INT64, Schema.TypeName.DOUBLE,
      Schema.TypeName.BOOLEAN, Schema.TypeName.DATETIME);

  private final Schema schema;
  private final Map<String, FieldRules> rules;
  private final @Nullable String eventTimeField;
  private final String counterNamespace;

  private CleanRecords(Schema schema, Map<String, FieldRules> rules,
      @Nullable String eventTimeField, String counterNamespace) {
    this.schema = schema;
    this.rules = Collections.unmodifiableMap(rules);
    this.eventTimeField = eventTimeField;
    this.counterNamespace = counterNamespace;
  }

  /**
   * A cleaner producing rows of {@code schema}. Supported field types: STRING, INT32, INT64,
   * DOUBLE, BOOLEAN, DATETIME.
   */
  public static CleanRecords of(Schema schema) {
    Map<String, FieldRules> rules = new LinkedHashMap<>();
    for (Schema.Field f : schema.getFields()) {
      Schema.TypeName t = f.getType().getTypeName();
      if (!SUPPORTED.contains(t) || f.getType().getLogicalType() != null) {
        throw new IllegalArgumentException("field '" + f.getName() + "' has type " + f.getType()
            + "; CleanRecords supports " + SUPPORTED);
      }
      rules.put(f.getName(), FieldRules.of(f));
    }
    return new CleanRecords(schema, rules, null, "beamline");
  }

  /** These fields must be present (not absent, {@code null} or empty). */
  public CleanRecords require(String... fields) {
    CleanRecords c = this;
    for (String f : fields) {
      c = c.with(f, rule(f).withRequired());
    }
    return c;
  }

  /** The field arrives as text and is converted; the conversion's type must be the field's. */
  public CleanRecords convert(String field, Conversion conversion) {
    return with(field, rule(field).withConversion(Objects.requireNonNull(conversion, "conversion")));
  }

  /** {@code min <= value <= max} (INT32, INT64, DOUBLE fields), compared without rounding. */
  public CleanRecords range(String field, double min, double max) {
    return atLeast(field, min).atMost(field, max);
  }

  /** {@code min <= value <= max} for integer bounds beyond a double's exact range. */
  public CleanRecords range(String field, long min, long max) {
    return atLeast(field, min).atMost(field, max);
  }

  public CleanRecords atLeast(String field, double min) {
    return with(field, rule(field).withMin(decimal(field, min)));
  }

  public CleanRecords atLeast(String field, long min) {
    return with(field, rule(field).withMin(BigDecimal.valueOf(min)));
  }

  public CleanRecords atMost(String field, double max) {
    return with(field, rule(field).withMax(decimal(field, max)));
  }

  public CleanRecords atMost(String field, long max) {
    return with(field, rule(field).withMax(BigDecimal.valueOf(max)));
  }

  /** The value must be one of {@code values} (STRING, INT32, INT64 fields). */
  public CleanRecords allowedValues(String field, Object... values) {
    return with(field, rule(field).withAllowed(values));
  }

  /** What to do when the field is missing; see {@link FillPolicy}. */
  public CleanRecords fillMissing(String field, FillPolicy policy) {
    return with(field, rule(field).withFill(Objects.requireNonNull(policy, "policy")));
  }

  /** Clean records get this DATETIME field as their timestamp; the field must always be present. */
  public CleanRecords withEventTime(String field) {
    FieldRules f = rule(field);
    if (f.type() != Schema.TypeName.DATETIME) {
      throw new IllegalArgumentException(
          "event time field '" + field + "' must be DATETIME, is " + f.type());
    }
    return new CleanRecords(schema, new LinkedHashMap<>(rules), field, counterNamespace);
  }

  /** Counters go to this Beam metrics namespace (default {@code beamline}). */
  public CleanRecords withCounterNamespace(String namespace) {
    return new CleanRecords(schema, new LinkedHashMap<>(rules), eventTimeField,
        Objects.requireNonNull(namespace, "namespace"));
  }

  /** The schema of clean records. */
  public Schema schema() {
    return schema;
  }

  /** What {@code expand} accepts at least: every field nullable, STRING where converted. */
  public Schema inputSchema() {
    return compile().rawSchema();
  }

  /**
   * The event time of a JSON line as these rules read it, and nothing else: the event-time field's
   * conversion and format, without the other fields' rules ({@link JsonLineEventTime}). Needs
   * {@link #withEventTime}.
   */
  public JsonLineEventTime jsonLineEventTime() {
    if (eventTimeField == null) {
      throw new IllegalArgumentException("no event time field: call withEventTime(field) first");
    }
    Schema.Field f = schema.getField(eventTimeField);
    Map<String, FieldRules> only = new LinkedHashMap<>();
    only.put(eventTimeField, rules.get(eventTimeField));
    return new JsonLineEventTime(eventTimeField, new CleanRecords(
        Schema.builder().addField(f).build(), only, eventTimeField, counterNamespace));
  }

  /** Reads JSON Lines into rows of {@link #schema()} under these rules; see {@link CleanJsonLines}. */
  public CleanJsonLines fromJsonLines() {
    return new CleanJsonLines(this);
  }

  String counterNamespace() {
    return counterNamespace;
  }

  /**
   * Checks the rules that involve several fields and freezes them; every builder mistake surfaces
   * here at the latest, before anything runs.
   */
  RecordRules compile() {
    List<FieldRules> fields = new ArrayList<>(rules.values());
    for (FieldRules f : fields) {
      if (f.fill != null && f.fill.kind() == FillPolicy.Kind.DEFAULT) {
        try {
          f.checkValue(f.fill.defaultValue());
        } catch (dev.beamline.transforms.parse.InvalidRecordException e) {
          throw new IllegalArgumentException("the default of field '" + f.name()
              + "' breaks its own rules: " + e.getMessage());
        }
      }
      if (f.fillsLastKnown()) {
        String key = f.fill.keyField();
        FieldRules k = rules.get(key);
        if (k == null) {
          throw new IllegalArgumentException("field '" + f.name() + "' is filled per key '" + key
              + "', which is not a field of the schema " + rules.keySet());
        }
        if (k.fillsLastKnown() || !k.alwaysPresent()) {
          throw new IllegalArgumentException("field '" + f.name() + "' is filled per key '" + key
              + "', so '" + key + "' must be required (or have a default)");
        }
        Schema.TypeName kt = k.type();
        if (kt != Schema.TypeName.STRING && kt != Schema.TypeName.INT32
            && kt != Schema.TypeName.INT64) {
          throw new IllegalArgumentException(
              "key field '" + key + "' must be STRING, INT32 or INT64, is " + kt);
        }
      }
    }
    if (eventTimeField != null) {
      FieldRules e = rules.get(eventTimeField);
      if (!e.alwaysPresent()) {
        throw new IllegalArgumentException("event time field '" + eventTimeField
            + "' must be required (or have a default): every clean record needs a timestamp");
      }
    }
    return new RecordRules(schema, fields, eventTimeField);
  }

  @Override
  public WithFailures.Result<PCollection<Row>, DeadLetter> expand(PCollection<Row> input) {
    RecordRules compiled = compile();
    if (!input.hasSchema()) {
      throw new IllegalArgumentException("CleanRecords needs a PCollection<Row> with a schema "
          + "(setRowSchema); expected at least " + compiled.rawSchema());
    }
    checkInputSchema(input.getSchema(), compiled);
    PCollection<TracedRow> traced = input
        .apply("TraceRows", ParDo.of(new TraceRowFn()))
        .setCoder(TracedRowCoder.of(input.getCoder()));
    return traced.apply("ApplyRules", new ApplyRecordRules(compiled, counterNamespace));
  }

  private static void checkInputSchema(Schema input, RecordRules compiled) {
    List<String> problems = new ArrayList<>();
    for (Schema.Field expected : compiled.rawSchema().getFields()) {
      if (!input.hasField(expected.getName())) {
        problems.add("no field '" + expected.getName() + "'");
        continue;
      }
      Schema.TypeName actual = input.getField(expected.getName()).getType().getTypeName();
      if (actual != expected.getType().getTypeName()) {
        problems.add("field '" + expected.getName() + "' is " + actual + ", expected "
            + expected.getType().getTypeName());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("CleanRecords input does not fit: "
          + String.join("; ", problems) + " (expected at least "
          + compiled.rawSchema().getFields().stream()
              .map(f -> f.getName() + " " + f.getType().getTypeName())
              .collect(Collectors.joining(", ")) + ")");
    }
  }

  private FieldRules rule(String field) {
    FieldRules f = rules.get(Objects.requireNonNull(field, "field"));
    if (f == null) {
      throw new IllegalArgumentException(
          "'" + field + "' is not a field of the schema " + rules.keySet());
    }
    return f;
  }

  private CleanRecords with(String field, FieldRules f) {
    Map<String, FieldRules> copy = new LinkedHashMap<>(rules);
    copy.put(field, f);
    return new CleanRecords(schema, copy, eventTimeField, counterNamespace);
  }

  /** The bound's shortest decimal form: compared like the doubles themselves, printed as typed. */
  private static BigDecimal decimal(String field, double bound) {
    if (!Double.isFinite(bound)) {
      throw new IllegalArgumentException("field '" + field + "': a bound must be finite, was "
          + bound + " (use atLeast/atMost for one-sided ranges)");
    }
    return BigDecimal.valueOf(bound);
  }

  /** Wraps an input row with what its dead letters need. */
  static final class TraceRowFn extends DoFn<Row, TracedRow> {
    @ProcessElement
    public void process(@Element Row row, OutputReceiver<TracedRow> out) {
      out.output(new TracedRow(row, TracedRow.UNKNOWN_SOURCE, -1, RowJson.toJson(row)));
    }
  }
}
