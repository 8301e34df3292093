package dev.beamline.pipelines.trendingtopics;

import dev.beamline.transforms.clean.CleanRecords;
import dev.beamline.transforms.clean.Conversion;
import dev.beamline.transforms.clean.TimestampFormat;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The trending-topics input contract: one JSON object per line with a non-empty {@code postId},
 * {@code userId} and {@code text}, and the event time {@code ts} (ISO-8601 with a zone offset or
 * {@code Z}, or epoch milliseconds). Other fields are ignored.
 */
public final class Posts {
  public static final String POST_ID = "postId";
  public static final String USER_ID = "userId";
  public static final String TEXT = "text";
  public static final String TS = "ts";

  public static final Schema SCHEMA = Schema.builder()
      .addStringField(POST_ID)
      .addStringField(USER_ID)
      .addStringField(TEXT)
      .addDateTimeField(TS)
      .build();

  /** Strict JSON, typed fields, event time from {@code ts}; anything else is a dead letter. */
  public static final CleanRecords CLEAN = CleanRecords.of(SCHEMA)
      .convert(TS, Conversion.timestamp(
          TimestampFormat.anyOf(TimestampFormat.ISO_8601, TimestampFormat.EPOCH_MILLIS)))
      .withEventTime(TS);

  private Posts() {}
}
