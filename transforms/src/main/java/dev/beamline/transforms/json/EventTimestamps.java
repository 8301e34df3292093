package dev.beamline.transforms.json;

import dev.beamline.transforms.parse.InvalidRecordException;
import org.joda.time.Instant;

/**
 * Strict event-time parsing. Accepted: {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} (UTC only, upper-case
 * {@code T} and {@code Z}, a real calendar date, no leap second 60) and non-negative epoch
 * milliseconds. Range: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z, which keeps every event
 * well inside Beam's timestamp range. Fractions finer than a millisecond are truncated: Beam
 * timestamps are milliseconds.
 */
public final class EventTimestamps {
  /** 9999-12-31T23:59:59.999Z */
  public static final long MAX_EPOCH_MILLIS = 253402300799999L;

  private EventTimestamps() {}

  public static Instant parseIsoUtc(String field, String text) throws InvalidRecordException {
    if (!hasIsoUtcShape(text)) {
      throw new InvalidRecordException("field '" + field + "' is not an ISO-8601 UTC instant"
          + " like 2026-11-01T00:00:00.125Z: \"" + abbreviate(text) + "\"");
    }
    if (text.startsWith("24", 11)) {
      // java.time reads 24:00:00 as the next midnight; it is not a time of day a clock shows.
      throw new InvalidRecordException("field '" + field + "' has hour 24: \"" + text + "\"");
    }
    if (text.charAt(17) == '6') {
      throw new InvalidRecordException("field '" + field + "' has a leap second: \"" + text + "\"");
    }
    // Read the fields by hand: this runs once per event, and java.time.Instant.parse with its
    // general formatter machinery cost more than the rest of the JSON parse together.
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23
        || minute > 59 || second > 59) {
      throw new InvalidRecordException(
          "field '" + field + "' is not a real date and time: \"" + text + "\"");
    }
    long epochSecond = daysFromCivil(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
    if (epochSecond < 0) {
      throw new InvalidRecordException(
          "field '" + field + "' is before 1970-01-01T00:00:00Z: \"" + text + "\"");
    }
    // Fraction digits after the third are truncated: Beam timestamps are milliseconds.
    int millis = 0;
    int fractionDigits = text.length() - 21;
    for (int i = 0; i < 3; i++) {
      millis = millis * 10 + (i < fractionDigits ? text.charAt(20 + i) - '0' : 0);
    }
    return Instant.ofEpochMilli(epochSecond * 1000L + millis);
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with ASCII digits: what the pattern
   * {@code \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z} matches, checked without a regex.
   */
  private static boolean hasIsoUtcShape(String t) {
    int n = t.length();
    if (n != 20 && (n < 22 || n > 30)) {
      return false;
    }
    for (int i = 0; i < 19; i++) {
      char c = t.charAt(i);
      boolean ok;
      switch (i) {
        case 4:
        case 7:
          ok = c == '-';
          break;
        case 10:
          ok = c == 'T';
          break;
        case 13:
        case 16:
          ok = c == ':';
          break;
        default:
          ok = c >= '0' && c <= '9';
      }
      if (!ok) {
        return false;
      }
    }
    if (n > 20) {
      if (t.charAt(19) != '.') {
        return false;
      }
      for (int i = 20; i < n - 1; i++) {
        char c = t.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
    }
    return t.charAt(n - 1) == 'Z';
  }

  private static int digits(String t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (t.charAt(i) - '0');
    }
    return v;
  }

  private static int lengthOfMonth(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  private static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  public static Instant fromEpochMillis(String field, long millis) throws InvalidRecordException {
    if (millis < 0) {
      throw new InvalidRecordException(
          "field '" + field + "' is negative epoch milliseconds: " + millis);
    }
    if (millis > MAX_EPOCH_MILLIS) {
      throw new InvalidRecordException(
          "field '" + field + "' is after 9999-12-31T23:59:59.999Z: " + millis);
    }
    return Instant.ofEpochMilli(millis);
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
