package dev.beamline.transforms.clean;

import static dev.beamline.transforms.clean.TimestampFormat.EPOCH_MILLIS;
import static dev.beamline.transforms.clean.TimestampFormat.EPOCH_SECONDS;
import static dev.beamline.transforms.clean.TimestampFormat.ISO_8601;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.parse.InvalidRecordException;
import java.time.ZoneId;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class TimestampFormatTest {
  private static final TimestampFormat PARIS = TimestampFormat.localDateTime(ZoneId.of("Europe/Paris"));

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static String refusal(TimestampFormat f, String text) {
    return assertThrows(InvalidRecordException.class, () -> f.parse(text)).getMessage();
  }

  @Test
  public void isoAcceptsZuluAndOffsets() throws Exception {
    assertEquals(at("2026-11-01T13:45:00Z"), ISO_8601.parse("2026-11-01T13:45:00Z"));
    assertEquals(at("2026-11-01T13:45:00.250Z"), ISO_8601.parse("2026-11-01T14:45:00.25+01:00"));
    assertEquals(at("2026-11-01T18:45:00Z"), ISO_8601.parse("2026-11-01T13:45:00-05:00"));
    // Sub-millisecond digits are truncated, not rounded.
    assertEquals(at("2026-11-01T13:45:00.999Z"), ISO_8601.parse("2026-11-01T13:45:00.999999999Z"));
    assertEquals(new Instant(0), ISO_8601.parse("1970-01-01T00:00:00Z"));
  }

  @Test
  public void isoRefusesOtherShapesAndImpossibleTimes() {
    String shape = "is not an ISO-8601 timestamp like 2026-11-01T13:45:00Z or"
        + " 2026-11-01T14:45:00+01:00: ";
    assertEquals(shape + "\"2026-11-01 13:45:00\"", refusal(ISO_8601, "2026-11-01 13:45:00"));
    assertEquals(shape + "\"2026-11-01T13:45:00\"", refusal(ISO_8601, "2026-11-01T13:45:00"));
    assertEquals(shape + "\"2026-11-01T13:45Z\"", refusal(ISO_8601, "2026-11-01T13:45Z"));
    assertEquals(shape + "\"2026-11-01t13:45:00z\"", refusal(ISO_8601, "2026-11-01t13:45:00z"));
    assertEquals(shape + "\"2026-11-01T13:45:00+0100\"", refusal(ISO_8601, "2026-11-01T13:45:00+0100"));
    assertEquals(shape + "\"1762004700\"", refusal(ISO_8601, "1762004700"));
    assertEquals("is not a real date and time: \"2026-02-30T00:00:00Z\"",
        refusal(ISO_8601, "2026-02-30T00:00:00Z"));
    assertEquals("is not a real date and time: \"2026-11-01T00:00:00+19:00\"",
        refusal(ISO_8601, "2026-11-01T00:00:00+19:00"));
    assertEquals("has hour 24: \"2026-11-01T24:00:00Z\"", refusal(ISO_8601, "2026-11-01T24:00:00Z"));
    assertEquals("has a leap second: \"2016-12-31T23:59:60Z\"",
        refusal(ISO_8601, "2016-12-31T23:59:60Z"));
    assertEquals("is before 1970-01-01T00:00:00Z: \"1970-01-01T00:30:00+01:00\"",
        refusal(ISO_8601, "1970-01-01T00:30:00+01:00"));
  }

  @Test
  public void epochSecondsAcceptsWholeAndFractionalSeconds() throws Exception {
    assertEquals(at("2025-11-01T13:45:00Z"), EPOCH_SECONDS.parse("1762004700"));
    assertEquals(at("2025-11-01T13:45:00.250Z"), EPOCH_SECONDS.parse("1762004700.25"));
    assertEquals(at("2025-11-01T13:45:00.123Z"), EPOCH_SECONDS.parse("1762004700.123999"));
    assertEquals(at("9999-12-31T23:59:59Z"), EPOCH_SECONDS.parse("253402300799"));
  }

  @Test
  public void epochSecondsRefusesMillisecondsInsteadOfGuessing() {
    // 13 digits are epoch milliseconds in practice; as seconds they are year 57 000.
    assertEquals("is after 9999-12-31T23:59:59.999Z: \"1762004700000\"",
        refusal(EPOCH_SECONDS, "1762004700000"));
    assertEquals("is after 9999-12-31T23:59:59.999Z: \"253402300800\"",
        refusal(EPOCH_SECONDS, "253402300800"));
    assertEquals("is not epoch seconds: \"-1\"", refusal(EPOCH_SECONDS, "-1"));
    assertEquals("is not epoch seconds: \"1e9\"", refusal(EPOCH_SECONDS, "1e9"));
    assertEquals("is not epoch seconds: \" 1762004700\"", refusal(EPOCH_SECONDS, " 1762004700"));
  }

  @Test
  public void epochMillisAcceptsWholeMillisecondsOnly() throws Exception {
    assertEquals(at("2025-11-01T13:45:00.250Z"), EPOCH_MILLIS.parse("1762004700250"));
    assertEquals(new Instant(253402300799999L), EPOCH_MILLIS.parse("253402300799999"));
    assertEquals("is not whole epoch milliseconds: \"1762004700250.5\"",
        refusal(EPOCH_MILLIS, "1762004700250.5"));
    assertEquals("is after 9999-12-31T23:59:59.999Z: \"253402300800000\"",
        refusal(EPOCH_MILLIS, "253402300800000"));
    assertEquals("is after 9999-12-31T23:59:59.999Z: \"1762004700250000\"",
        refusal(EPOCH_MILLIS, "1762004700250000"));
  }

  @Test
  public void localDateTimeIsReadInItsZone() throws Exception {
    assertEquals(at("2026-07-01T10:00:00Z"), PARIS.parse("2026-07-01 12:00:00"));
    assertEquals(at("2026-12-01T11:00:00.500Z"), PARIS.parse("2026-12-01 12:00:00.5"));
    assertEquals("yyyy-MM-dd HH:mm:ss in Europe/Paris", PARIS.toString());
  }

  @Test
  public void localDateTimeRefusesTimesSkippedOrRepeatedByDaylightSaving() {
    assertEquals("does not exist in Europe/Paris (skipped by a daylight-saving change):"
        + " \"2026-03-29 02:30:00\"", refusal(PARIS, "2026-03-29 02:30:00"));
    assertEquals("is ambiguous in Europe/Paris (repeated by a daylight-saving change):"
        + " \"2026-10-25 02:30:00\"", refusal(PARIS, "2026-10-25 02:30:00"));
    assertEquals("is not a local date and time like 2026-11-01 13:45:00: \"2026-07-01T12:00:00\"",
        refusal(PARIS, "2026-07-01T12:00:00"));
    assertEquals("is not a real date and time: \"2026-06-31 00:00:00\"",
        refusal(PARIS, "2026-06-31 00:00:00"));
  }

  @Test
  public void anyOfReadsEachTextWithTheFormatOfItsShape() throws Exception {
    TimestampFormat f = TimestampFormat.anyOf(ISO_8601, EPOCH_MILLIS);
    assertEquals(at("2025-11-01T13:45:00.250Z"), f.parse("1762004700250"));
    assertEquals(at("2025-11-01T13:45:00Z"), f.parse("2025-11-01T13:45:00Z"));
    assertEquals("ISO-8601 or epoch milliseconds", f.toString());
    assertEquals("is not a timestamp in any accepted format (ISO-8601 or epoch milliseconds):"
        + " \"2025-11-01 13:45:00\"", refusal(f, "2025-11-01 13:45:00"));
    assertEquals("is not a timestamp in any accepted format (ISO-8601 or epoch milliseconds):"
        + " \"yesterday\"", refusal(f, "yesterday"));
    // A text of the right shape gets that format's own precise reason.
    assertEquals("is not whole epoch milliseconds: \"1762004700.5\"", refusal(f, "1762004700.5"));
  }

  @Test
  public void anyOfRefusesFormatsThatWouldHaveToGuess() {
    assertEquals("ambiguous timestamp formats: epoch seconds and epoch milliseconds accept the same"
            + " texts; declare one of them",
        assertThrows(IllegalArgumentException.class,
            () -> TimestampFormat.anyOf(EPOCH_SECONDS, EPOCH_MILLIS)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> TimestampFormat.anyOf(PARIS,
        TimestampFormat.localDateTime(ZoneId.of("UTC"))));
    assertThrows(IllegalArgumentException.class, () -> TimestampFormat.anyOf());
  }

  @Test
  public void formatsSurviveJavaSerialization() {
    assertSame(ISO_8601, SerializableUtils.clone(ISO_8601));
    assertSame(EPOCH_MILLIS, SerializableUtils.clone(EPOCH_MILLIS));
    assertEquals(PARIS, SerializableUtils.clone(PARIS));
    TimestampFormat any = TimestampFormat.anyOf(ISO_8601, EPOCH_SECONDS, PARIS);
    assertEquals(any, SerializableUtils.clone(any));
  }
}
