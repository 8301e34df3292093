package dev.beamline.transforms.parse;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.deadletter.DeadLetterCoder;
import dev.beamline.transforms.io.SourcedLine;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Parses lines into records with a {@link LineParser}; every line that does not parse becomes a
 * {@link DeadLetter} (stage {@code parse}) with the parser's reason and the original line. Nothing
 * is thrown and nothing is dropped: {@code valid_events + dead_letters} equals the lines in.
 *
 * <p>With {@link #withEventTime}, each record is stamped with its own event time, which is what the
 * windows downstream use. The input's timestamps must not be later than the event times (true for
 * files, whose lines carry the minimum timestamp).
 */
public final class ParseLines<T>
    extends PTransform<PCollection<SourcedLine>, WithFailures.Result<PCollection<T>, DeadLetter>> {

  private final LineParser<T> parser;
  private final Coder<T> coder;
  private final @Nullable SerializableFunction<T, Instant> eventTime;
  private final String counterNamespace;

  private ParseLines(LineParser<T> parser, Coder<T> coder,
      @Nullable SerializableFunction<T, Instant> eventTime, String counterNamespace) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.coder = Objects.requireNonNull(coder, "coder");
    this.eventTime = eventTime;
    this.counterNamespace = counterNamespace;
  }

  public static <T> ParseLines<T> with(LineParser<T> parser, Coder<T> coder) {
    return new ParseLines<>(parser, coder, null, "beamline");
  }

  /** Stamps each parsed record with the event time {@code fn} returns. */
  public ParseLines<T> withEventTime(SerializableFunction<T, Instant> fn) {
    return new ParseLines<>(parser, coder, fn, counterNamespace);
  }

  public ParseLines<T> withCounterNamespace(String namespace) {
    return new ParseLines<>(parser, coder, eventTime, namespace);
  }

  @Override
  public WithFailures.Result<PCollection<T>, DeadLetter> expand(PCollection<SourcedLine> lines) {
    TupleTag<T> valid = new TupleTag<T>() {};
    TupleTag<DeadLetter> dead = new TupleTag<DeadLetter>() {};
    PCollectionTuple out = lines.apply("ParseOrDeadLetter",
        ParDo.of(new ParseFn<>(parser, eventTime, counterNamespace, valid, dead))
            .withOutputTags(valid, TupleTagList.of(dead)));
    out.get(valid).setCoder(coder);
    out.get(dead).setCoder(DeadLetterCoder.of());
    return WithFailures.Result.of(out, valid, dead);
  }

  static final class ParseFn<T> extends DoFn<SourcedLine, T> {
    static final String STAGE = "parse";

    private final LineParser<T> parser;
    private final @Nullable SerializableFunction<T, Instant> eventTime;
    private final TupleTag<T> valid;
    private final TupleTag<DeadLetter> dead;
    private final Counter validEvents;
    private final Counter deadLetters;

    ParseFn(LineParser<T> parser, @Nullable SerializableFunction<T, Instant> eventTime,
        String namespace, TupleTag<T> valid, TupleTag<DeadLetter> dead) {
      this.parser = parser;
      this.eventTime = eventTime;
      this.valid = valid;
      this.dead = dead;
      this.validEvents = Metrics.counter(namespace, "valid_events");
      this.deadLetters = Metrics.counter(namespace, "dead_letters");
    }

    @ProcessElement
    public void process(@Element SourcedLine line, MultiOutputReceiver out) {
      String reason;
      if (line.malformedEncoding()) {
        reason = "invalid UTF-8: the line contains bytes that are not UTF-8";
      } else {
        try {
          T record = parser.parse(line.text());
          validEvents.inc();
          if (eventTime == null) {
            out.get(valid).output(record);
          } else {
            out.get(valid).outputWithTimestamp(record, eventTime.apply(record));
          }
          return;
        } catch (InvalidRecordException e) {
          reason = e.getMessage();
        } catch (RuntimeException e) {
          // A parser bug must not take the pipeline down with it; the line is kept for replay.
          reason = "parser failure: " + e;
        }
      }
      deadLetters.inc();
      out.get(dead).output(
          new DeadLetter(STAGE, reason, line.source(), line.lineNumber(), line.text()));
    }
  }
}
