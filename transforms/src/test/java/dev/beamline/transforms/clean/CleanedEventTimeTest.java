package dev.beamline.transforms.clean;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.parse.InvalidRecordException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Instant;
import org.junit.Test;

/** Event times read by a source with the cleaner's own rules. */
public class CleanedEventTimeTest {
  private static final Schema LINE = Schema.builder().addDateTimeField("ts").addStringField("text").build();
  private static final CleanRecords CLEAN = CleanRecords.of(LINE)
      .convert("ts", Conversion.timestamp(
          TimestampFormat.anyOf(TimestampFormat.ISO_8601, TimestampFormat.EPOCH_MILLIS)))
      .withEventTime("ts");
  private static final Instant T = Instant.parse("2026-11-01T08:00:00.250Z");

  @Test
  public void readsEveryFormTheCleanerAcceptsOffsetsIncluded() throws Exception {
    CleanedEventTime eventTime = CleanedEventTime.of(CLEAN);
    assertEquals(T, eventTime.parse("{\"ts\":\"2026-11-01T09:00:00.25+01:00\",\"text\":\"a\"}"));
    assertEquals(T, eventTime.parse("{\"ts\":" + T.getMillis() + ",\"text\":\"a\"}"));
  }

  @Test
  public void aLineTheCleanerRefusesHasNoEventTimeAndTheSameReason() {
    CleanedEventTime eventTime = CleanedEventTime.of(CLEAN);
    assertEquals("field 'text' is missing (rule: required)", assertThrows(
        InvalidRecordException.class, () -> eventTime.parse("{\"ts\":0}")).getMessage());
  }

  @Test
  public void survivesJavaSerializationAsSourcesShipIt() throws Exception {
    CleanedEventTime copy = SerializableUtils.clone(CleanedEventTime.of(CLEAN));
    assertEquals(T, copy.parse("{\"ts\":\"2026-11-01T08:00:00.250Z\",\"text\":\"a\"}"));
  }

  @Test
  public void aCleanerWithoutEventTimeIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CleanedEventTime.of(CleanRecords.of(LINE).convert("ts",
            Conversion.timestamp(TimestampFormat.ISO_8601))));
    assertEquals("the cleaner declares no event-time field: call withEventTime(field) on it",
        e.getMessage());
  }
}
