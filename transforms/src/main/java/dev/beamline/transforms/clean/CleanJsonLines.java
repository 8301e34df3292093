package dev.beamline.transforms.clean;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.deadletter.DeadLetterCoder;
import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.parse.InvalidRecordException;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads JSON Lines into clean rows of a {@link CleanRecords}' schema: each line is parsed strictly
 * ({@link dev.beamline.transforms.json.StrictJsonObject}: one object, no duplicate keys, no
 * trailing data, valid UTF-8), typed field by field, then cleaned. Failures are dead letters with
 * the file, line number and the line unchanged: stage {@code parse} when the line is not a JSON
 * object or a field has the wrong JSON type, stage {@code clean} when a rule refuses it. Lines in
 * = {@code records_cleaned} + {@code records_dead_lettered}.
 *
 * <p>JSON typing, per field of the schema (other keys of the object are ignored; absent and {@code
 * null} mean missing):
 *
 * <ul>
 *   <li>a field with a {@link Conversion}: a string, number or boolean, whose text as written is
 *       converted ({@code "12.5"} and {@code 12.5} both read as 12.5 with {@link Conversion#DOUBLE};
 *       {@code 1700000000000} as epoch milliseconds with that timestamp format);
 *   <li>STRING: a JSON string; INT32/INT64: an integer without fraction or exponent, in range;
 *       DOUBLE: a number finite as a double; BOOLEAN: {@code true}/{@code false}. Nothing is
 *       coerced: {@code "5"} is not a number unless the field declares a conversion;
 *   <li>DATETIME: JSON has no timestamp type, so the field must declare its {@link TimestampFormat}
 *       with a conversion ({@link CleanRecords#fromJsonLines()} refuses the cleaner otherwise).
 * </ul>
 *
 * <p>Runner caveats are those of {@link CleanRecords}.
 */
public final class CleanJsonLines
    extends PTransform<PCollection<SourcedLine>, WithFailures.Result<PCollection<Row>, DeadLetter>> {
  /** Dead letters for lines that are not JSON objects of the right field types. */
  public static final String PARSE_STAGE = "parse";

  private final CleanRecords cleaner;

  CleanJsonLines(CleanRecords cleaner) {
    this.cleaner = cleaner;
    for (FieldRules f : cleaner.compile().fields()) {
      if (f.type() == Schema.TypeName.DATETIME && f.conversion == null) {
        throw new IllegalArgumentException("field '" + f.name() + "' is DATETIME and JSON has no"
            + " timestamp type: declare its format with convert(\"" + f.name()
            + "\", Conversion.timestamp(...))");
      }
    }
  }

  @Override
  public WithFailures.Result<PCollection<Row>, DeadLetter> expand(PCollection<SourcedLine> lines) {
    ApplyRecordRules.checkMultiOutputPossible(lines, "CleanJsonLines");
    RecordRules rules = cleaner.compile();
    TupleTag<TracedRow> parsed = new TupleTag<TracedRow>() {};
    TupleTag<DeadLetter> unparsed = new TupleTag<DeadLetter>() {};
    PCollectionTuple read = lines.apply("ParseJson",
        ParDo.of(new ParseFn(new JsonRowReader(rules), cleaner.counterNamespace(), parsed, unparsed))
            .withOutputTags(parsed, TupleTagList.of(unparsed)));
    WithFailures.Result<PCollection<Row>, DeadLetter> cleaned = read.get(parsed)
        .setCoder(TracedRowCoder.of(RowCoder.of(rules.rawSchema())))
        .apply("ApplyRules", new ApplyRecordRules(rules, cleaner.counterNamespace()));
    PCollection<DeadLetter> failures = PCollectionList
        .of(read.get(unparsed).setCoder(DeadLetterCoder.of()))
        .and(cleaned.failures())
        .apply("AllDeadLetters", Flatten.pCollections());
    return WithFailures.Result.of(cleaned.output(), failures);
  }

  static final class ParseFn extends DoFn<SourcedLine, TracedRow> {
    private final JsonRowReader reader;
    private final TupleTag<TracedRow> parsed;
    private final TupleTag<DeadLetter> unparsed;
    private final Counter deadLetters;

    ParseFn(JsonRowReader reader, String namespace, TupleTag<TracedRow> parsed,
        TupleTag<DeadLetter> unparsed) {
      this.reader = reader;
      this.parsed = parsed;
      this.unparsed = unparsed;
      this.deadLetters = Metrics.counter(namespace, CleanRecords.RECORDS_DEAD_LETTERED);
    }

    @ProcessElement
    public void process(@Element SourcedLine line, MultiOutputReceiver out) {
      String reason;
      if (line.malformedEncoding()) {
        reason = "invalid UTF-8: the line contains bytes that are not UTF-8";
      } else {
        try {
          Row raw = reader.read(line.text());
          out.get(parsed).output(
              new TracedRow(raw, line.source(), line.lineNumber(), line.text()));
          return;
        } catch (InvalidRecordException e) {
          reason = e.getMessage();
        }
      }
      deadLetters.inc();
      out.get(unparsed).output(new DeadLetter(
          PARSE_STAGE, reason, line.source(), line.lineNumber(), line.text()));
    }
  }
}
