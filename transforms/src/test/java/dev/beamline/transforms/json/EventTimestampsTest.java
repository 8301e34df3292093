package dev.beamline.transforms.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.parse.InvalidRecordException;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class EventTimestampsTest {
  private static final String NOT_ISO =
      "field 'ts' is not an ISO-8601 UTC instant like 2026-11-01T00:00:00.125Z: ";

  private static Instant iso(String text) throws InvalidRecordException {
    return EventTimestamps.parseIsoUtc("ts", text);
  }

  private static String isoReason(String text) {
    return assertThrows(InvalidRecordException.class, () -> iso(text)).getMessage();
  }

  private static String millisReason(long millis) {
    return assertThrows(InvalidRecordException.class,
        () -> EventTimestamps.fromEpochMillis("ts", millis)).getMessage();
  }

  // ---- ISO-8601: accepted --------------------------------------------------------------------

  @Test
  public void isoWithoutFraction() throws Exception {
    assertEquals(new Instant(1_793_491_200_000L), iso("2026-11-01T00:00:00Z"));
  }

  @Test
  public void isoWithMillis() throws Exception {
    assertEquals(new Instant(1_793_491_200_125L), iso("2026-11-01T00:00:00.125Z"));
  }

  @Test
  public void isoFractionOfOneToNineDigitsIsTruncatedToMillis() throws Exception {
    long base = 1_793_491_200_000L;
    assertEquals(new Instant(base + 100), iso("2026-11-01T00:00:00.1Z"));
    assertEquals(new Instant(base + 120), iso("2026-11-01T00:00:00.12Z"));
    assertEquals(new Instant(base + 123), iso("2026-11-01T00:00:00.123Z"));
    // Truncated, not rounded: .1239 is 123 ms, .999999999 is 999 ms.
    assertEquals(new Instant(base + 123), iso("2026-11-01T00:00:00.1239Z"));
    assertEquals(new Instant(base + 123), iso("2026-11-01T00:00:00.12345Z"));
    assertEquals(new Instant(base + 123), iso("2026-11-01T00:00:00.123456Z"));
    assertEquals(new Instant(base + 123), iso("2026-11-01T00:00:00.1234567Z"));
    assertEquals(new Instant(base + 123), iso("2026-11-01T00:00:00.12345678Z"));
    assertEquals(new Instant(base + 123), iso("2026-11-01T00:00:00.123456789Z"));
    assertEquals(new Instant(base + 999), iso("2026-11-01T00:00:00.999999999Z"));
  }

  @Test
  public void isoAgreesWithJoda() throws Exception {
    for (String t : new String[] {"2024-02-29T12:34:56.789Z", "2000-01-01T00:00:00Z",
        "1999-12-31T23:59:59.999Z", "2038-01-19T03:14:08Z"}) {
      assertEquals(t, Instant.parse(t), iso(t));
    }
  }

  @Test
  public void isoRangeEnds() throws Exception {
    assertEquals(new Instant(0L), iso("1970-01-01T00:00:00Z"));
    assertEquals(new Instant(0L), iso("1970-01-01T00:00:00.000000000Z"));
    assertEquals(new Instant(EventTimestamps.MAX_EPOCH_MILLIS), iso("9999-12-31T23:59:59.999Z"));
    assertEquals(new Instant(EventTimestamps.MAX_EPOCH_MILLIS),
        iso("9999-12-31T23:59:59.999999999Z"));
  }

  // ---- ISO-8601: rejected --------------------------------------------------------------------

  @Test
  public void isoWithOffsetIsRejected() {
    assertEquals(NOT_ISO + "\"2026-11-01T00:00:00+01:00\"", isoReason("2026-11-01T00:00:00+01:00"));
    assertEquals(NOT_ISO + "\"2026-11-01T00:00:00-05:00\"", isoReason("2026-11-01T00:00:00-05:00"));
    assertEquals(NOT_ISO + "\"2026-11-01T00:00:00+00:00\"", isoReason("2026-11-01T00:00:00+00:00"));
  }

  @Test
  public void isoWithoutZoneIsRejected() {
    assertEquals(NOT_ISO + "\"2026-11-01T00:00:00\"", isoReason("2026-11-01T00:00:00"));
  }

  @Test
  public void isoLowerCaseTIsRejected() {
    assertEquals(NOT_ISO + "\"2026-11-01t00:00:00Z\"", isoReason("2026-11-01t00:00:00Z"));
  }

  @Test
  public void isoLowerCaseZIsRejected() {
    assertEquals(NOT_ISO + "\"2026-11-01T00:00:00z\"", isoReason("2026-11-01T00:00:00z"));
  }

  @Test
  public void isoSpaceInsteadOfTIsRejected() {
    assertEquals(NOT_ISO + "\"2026-11-01 00:00:00Z\"", isoReason("2026-11-01 00:00:00Z"));
  }

  @Test
  public void isoWithoutSecondsIsRejected() {
    assertEquals(NOT_ISO + "\"2026-11-01T00:00Z\"", isoReason("2026-11-01T00:00Z"));
  }

  @Test
  public void isoWithTenFractionDigitsIsRejected() {
    assertEquals(NOT_ISO + "\"2026-11-01T00:00:00.1234567890Z\"",
        isoReason("2026-11-01T00:00:00.1234567890Z"));
    assertEquals(NOT_ISO + "\"2026-11-01T00:00:00.Z\"", isoReason("2026-11-01T00:00:00.Z"));
  }

  @Test
  public void isoDateOnlyIsRejected() {
    assertEquals(NOT_ISO + "\"2026-11-01\"", isoReason("2026-11-01"));
  }

  @Test
  public void isoFebruary30IsNotARealDate() {
    assertEquals("field 'ts' is not a real date and time: \"2026-02-30T00:00:00Z\"",
        isoReason("2026-02-30T00:00:00Z"));
  }

  @Test
  public void isoFebruary29OnlyInLeapYears() throws Exception {
    assertEquals(Instant.parse("2024-02-29T00:00:00Z"), iso("2024-02-29T00:00:00Z"));
    assertEquals("field 'ts' is not a real date and time: \"2023-02-29T00:00:00Z\"",
        isoReason("2023-02-29T00:00:00Z"));
  }

  @Test
  public void isoMonthAndHourOutOfRange() {
    assertEquals("field 'ts' is not a real date and time: \"2026-13-01T00:00:00Z\"",
        isoReason("2026-13-01T00:00:00Z"));
    assertEquals("field 'ts' is not a real date and time: \"2026-11-01T25:00:00Z\"",
        isoReason("2026-11-01T25:00:00Z"));
    assertEquals("field 'ts' is not a real date and time: \"2026-11-01T00:61:00Z\"",
        isoReason("2026-11-01T00:61:00Z"));
  }

  @Test
  public void isoLeapSecondIsRejected() {
    // java.time would accept 23:59:60 and smear it; Beam has no leap seconds.
    assertEquals("field 'ts' has a leap second: \"2016-12-31T23:59:60Z\"",
        isoReason("2016-12-31T23:59:60Z"));
    assertEquals("field 'ts' has a leap second: \"2016-12-31T23:59:60.5Z\"",
        isoReason("2016-12-31T23:59:60.5Z"));
  }

  @Test
  public void isoHour24IsRejected() {
    // java.time reads 24:00:00 as the next day's midnight; no clock shows it.
    assertEquals("field 'ts' has hour 24: \"2026-11-01T24:00:00Z\"", isoReason("2026-11-01T24:00:00Z"));
  }

  @Test
  public void isoBefore1970IsRejected() {
    assertEquals("field 'ts' is before 1970-01-01T00:00:00Z: \"1969-12-31T23:59:59Z\"",
        isoReason("1969-12-31T23:59:59Z"));
    // Still before 1970 even though it is within a second of it.
    assertEquals("field 'ts' is before 1970-01-01T00:00:00Z: \"1969-12-31T23:59:59.999Z\"",
        isoReason("1969-12-31T23:59:59.999Z"));
    assertEquals("field 'ts' is before 1970-01-01T00:00:00Z: \"0001-01-01T00:00:00Z\"",
        isoReason("0001-01-01T00:00:00Z"));
  }

  @Test
  public void isoFiveDigitYearIsRejected() {
    assertEquals(NOT_ISO + "\"10000-01-01T00:00:00Z\"", isoReason("10000-01-01T00:00:00Z"));
    assertEquals(NOT_ISO + "\"+2026-11-01T00:00:00Z\"", isoReason("+2026-11-01T00:00:00Z"));
  }

  @Test
  public void isoSurroundingWhitespaceIsRejected() {
    assertEquals(NOT_ISO + "\" 2026-11-01T00:00:00Z\"", isoReason(" 2026-11-01T00:00:00Z"));
  }

  @Test
  public void longTextIsAbbreviatedInTheMessage() {
    String text = "x".repeat(100);
    assertEquals(NOT_ISO + "\"" + "x".repeat(61) + "...\"", isoReason(text));
    // 64 characters are still shown whole.
    String edge = "y".repeat(64);
    assertEquals(NOT_ISO + "\"" + edge + "\"", isoReason(edge));
  }

  @Test
  public void emptyStringIsRejected() {
    assertEquals(NOT_ISO + "\"\"", isoReason(""));
  }

  // ---- epoch milliseconds --------------------------------------------------------------------

  @Test
  public void epochZeroIsAccepted() throws Exception {
    assertEquals(new Instant(0L), EventTimestamps.fromEpochMillis("ts", 0));
  }

  @Test
  public void epochMillisUpToYear9999AreAccepted() throws Exception {
    assertEquals(new Instant(1_793_491_200_125L),
        EventTimestamps.fromEpochMillis("ts", 1_793_491_200_125L));
    assertEquals(new Instant(EventTimestamps.MAX_EPOCH_MILLIS),
        EventTimestamps.fromEpochMillis("ts", EventTimestamps.MAX_EPOCH_MILLIS));
  }

  @Test
  public void negativeEpochMillisAreRejected() {
    assertEquals("field 'ts' is negative epoch milliseconds: -1", millisReason(-1));
    assertEquals("field 'ts' is negative epoch milliseconds: -9223372036854775808",
        millisReason(Long.MIN_VALUE));
  }

  @Test
  public void epochMillisAfterYear9999AreRejected() {
    assertEquals("field 'ts' is after 9999-12-31T23:59:59.999Z: 253402300800000",
        millisReason(EventTimestamps.MAX_EPOCH_MILLIS + 1));
    assertEquals("field 'ts' is after 9999-12-31T23:59:59.999Z: 9223372036854775807",
        millisReason(Long.MAX_VALUE));
  }

  @Test
  public void maxEpochMillisIsTheLastMillisecondOfYear9999AndInsideBeamsRange() {
    assertEquals(java.time.Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(),
        EventTimestamps.MAX_EPOCH_MILLIS);
    assertTrue(new Instant(EventTimestamps.MAX_EPOCH_MILLIS)
        .isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE));
  }

  // ---- the hand-written ISO reader against java.time ------------------------------------------

  /**
   * The contract as first written: the pattern, hour 24 and leap seconds refused, then
   * java.time.Instant.parse for the calendar, then the 1970 floor. The fast reader must give the
   * same instant or the same reason for every string.
   */
  private static String viaJavaTime(String text) {
    if (!java.util.regex.Pattern.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z", text)) {
      return NOT_ISO + "\"" + text + "\"";
    }
    if (text.startsWith("24", 11)) {
      return "field 'ts' has hour 24: \"" + text + "\"";
    }
    if (text.charAt(17) == '6') {
      return "field 'ts' has a leap second: \"" + text + "\"";
    }
    java.time.Instant parsed;
    try {
      parsed = java.time.Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return "field 'ts' is not a real date and time: \"" + text + "\"";
    }
    if (parsed.getEpochSecond() < 0) {
      return "field 'ts' is before 1970-01-01T00:00:00Z: \"" + text + "\"";
    }
    return Long.toString(parsed.toEpochMilli());
  }

  private static String viaFastReader(String text) {
    try {
      return Long.toString(iso(text).getMillis());
    } catch (InvalidRecordException e) {
      return e.getMessage();
    }
  }

  @Test
  public void isoReaderAgreesWithJavaTimeOnEveryFieldEdge() {
    String[] years = {"0000", "1969", "1970", "2023", "2024", "2100", "9999"};
    String[] months = {"00", "01", "02", "04", "12", "13", "99"};
    String[] days = {"00", "01", "28", "29", "30", "31", "32", "99"};
    String[] hours = {"00", "23", "24", "25", "99"};
    String[] minutes = {"00", "59", "60", "99"};
    String[] seconds = {"00", "59", "60", "70", "99"};
    String[] fractions = {"", ".1", ".123456789"};
    int checked = 0;
    for (String y : years) {
      for (String mo : months) {
        for (String d : days) {
          for (String h : hours) {
            for (String mi : minutes) {
              for (String s : seconds) {
                for (String f : fractions) {
                  String t = y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + f + "Z";
                  assertEquals(t, viaJavaTime(t), viaFastReader(t));
                  checked++;
                }
              }
            }
          }
        }
      }
    }
    assertEquals(7 * 7 * 8 * 5 * 4 * 5 * 3, checked);
  }

  @Test
  public void isoReaderAgreesWithJavaTimeOnMalformedShapes() {
    String good = "2026-11-01T12:34:56.789Z";
    java.util.List<String> cases = new java.util.ArrayList<>(java.util.List.of("", "Z", ".Z",
        "2026-11-01T12:34:56.Z", "2026-11-01T12:34:56.1234567890Z", "2026-11-01T12:34:56.12a Z",
        "2026-11-01T12:34:56Zx", "\u0662026-11-01T12:34:56Z", "+2026-11-01T12:34:56Z"));
    // Every single-character substitution at every position.
    for (int i = 0; i < good.length(); i++) {
      for (char c : new char[] {'0', '9', '-', ':', 'T', 'Z', '.', 'x', ' ', '\u0663'}) {
        cases.add(good.substring(0, i) + c + good.substring(i + 1));
      }
      cases.add(good.substring(0, i) + good.substring(i + 1));
    }
    for (String t : cases) {
      assertEquals(t, viaJavaTime(t), viaFastReader(t));
    }
  }
}
