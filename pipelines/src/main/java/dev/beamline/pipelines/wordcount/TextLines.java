package dev.beamline.pipelines.wordcount;

import dev.beamline.transforms.clean.CleanRecords;
import dev.beamline.transforms.clean.Conversion;
import dev.beamline.transforms.clean.TimestampFormat;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * The wordcount input contract: one JSON object per line with the event time {@code ts}
 * (ISO-8601 with a zone offset or {@code Z}, or epoch milliseconds), a non-empty {@code text} and
 * an optional {@code source} (where the text came from; kept for provenance, not counted).
 */
public final class TextLines {
  public static final String TS = "ts";
  public static final String TEXT = "text";
  public static final String SOURCE = "source";

  public static final Schema SCHEMA = Schema.builder()
      .addDateTimeField(TS)
      .addStringField(TEXT)
      .addNullableField(SOURCE, FieldType.STRING)
      .build();

  /** Strict JSON, typed fields, event time from {@code ts}; anything else is a dead letter. */
  public static final CleanRecords CLEAN = CleanRecords.of(SCHEMA)
      .convert(TS, Conversion.timestamp(
          TimestampFormat.anyOf(TimestampFormat.ISO_8601, TimestampFormat.EPOCH_MILLIS)))
      .withEventTime(TS);

  private TextLines() {}
}
