package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.transforms.clean.CleanRecords;
import dev.beamline.transforms.clean.Conversion;
import dev.beamline.transforms.clean.TimestampFormat;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.SourcedLine;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * JSON Lines click events to {@link ClickEvent}s stamped with their event time, under a strict
 * contract ({@link CleanRecords}); every other line is a dead letter with its reason:
 *
 * <ul>
 *   <li>{@code userId}: a non-empty string (any Unicode, kept as written);
 *   <li>{@code page}: a URL path ({@link PagePaths});
 *   <li>{@code action}: one of {@link Actions#KNOWN}, spelled exactly so;
 *   <li>{@code ts}: ISO-8601 with a zone ({@code Z} or an offset) or epoch milliseconds.
 * </ul>
 *
 * <p>Every field is required; other fields are ignored. Counters {@code records_cleaned} and
 * {@code records_dead_lettered}. Runner caveats are those of {@link CleanRecords}.
 */
public final class CleanClickEvents
    extends PTransform<PCollection<SourcedLine>, WithFailures.Result<PCollection<ClickEvent>, DeadLetter>> {

  static final Schema SCHEMA = Schema.builder()
      .addStringField("userId")
      .addStringField("page")
      .addStringField("action")
      .addDateTimeField("ts")
      .build();

  static final CleanRecords RULES = CleanRecords.of(SCHEMA)
      .convert("page", Conversion.custom("page path", Schema.TypeName.STRING, PagePaths::check))
      .allowedValues("action", Actions.KNOWN.toArray())
      .convert("ts", Conversion.timestamp(
          TimestampFormat.anyOf(TimestampFormat.ISO_8601, TimestampFormat.EPOCH_MILLIS)))
      .withEventTime("ts");

  private CleanClickEvents() {}

  public static CleanClickEvents create() {
    return new CleanClickEvents();
  }

  @Override
  public WithFailures.Result<PCollection<ClickEvent>, DeadLetter> expand(
      PCollection<SourcedLine> lines) {
    WithFailures.Result<PCollection<Row>, DeadLetter> cleaned =
        lines.apply("CleanJsonLines", RULES.fromJsonLines());
    PCollection<ClickEvent> events = cleaned.output()
        .apply("ToClickEvent", MapElements.via(new ToClickEvent()))
        .setCoder(ClickEventCoder.of());
    return WithFailures.Result.of(events, cleaned.failures());
  }

  static final class ToClickEvent extends SimpleFunction<Row, ClickEvent> {
    @Override
    public ClickEvent apply(Row r) {
      return new ClickEvent(r.getString("userId"), r.getString("page"), r.getString("action"),
          r.getDateTime("ts").getMillis());
    }
  }
}
