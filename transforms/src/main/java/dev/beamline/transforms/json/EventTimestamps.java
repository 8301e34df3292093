package dev.beamline.transforms.json;

import dev.beamline.transforms.parse.InvalidRecordException;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.joda.time.Instant;

/**
 * Strict event-time parsing. Accepted: {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} (UTC only, upper-case
 * {@code T} and {@code Z}, a real calendar date, no leap second 60) and non-negative epoch
 * milliseconds. Range: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z, which keeps every event
 * well inside Beam's timestamp range. Fractions finer than a millisecond are truncated: Beam
 * timestamps are milliseconds.
 */
public final class EventTimestamps {
  private static final Pattern ISO_UTC =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
  /** 9999-12-31T23:59:59.999Z */
  public static final long MAX_EPOCH_MILLIS = 253402300799999L;

  private EventTimestamps() {}

  public static Instant parseIsoUtc(String field, String text) throws InvalidRecordException {
    if (!ISO_UTC.matcher(text).matches()) {
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
    java.time.Instant parsed;
    try {
      parsed = java.time.Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRecordException(
          "field '" + field + "' is not a real date and time: \"" + text + "\"");
    }
    if (parsed.getEpochSecond() < 0) {
      throw new InvalidRecordException(
          "field '" + field + "' is before 1970-01-01T00:00:00Z: \"" + text + "\"");
    }
    return Instant.ofEpochMilli(parsed.toEpochMilli());
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
