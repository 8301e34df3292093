package dev.beamline.transforms.windowing;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.Duration;

/**
 * Durations as people type them on a command line: {@code 250ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, {@code 1d}, a bare {@code 0}, or ISO-8601 such as {@code PT1M30S}. Printing gives the
 * shortest exact form in the same syntax, so {@code parse(format(d)).equals(d)}.
 */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,19})(ms|s|m|h|d)");
  public static final String ACCEPTED_FORMS =
      "a number with a unit (250ms, 30s, 5m, 2h, 1d), 0, or ISO-8601 (PT1M30S)";

  private Durations() {}

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming the accepted forms. */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = SIMPLE.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      try {
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "ms":
            return Duration.millis(n);
          case "s":
            return Duration.standardSeconds(n);
          case "m":
            return Duration.standardMinutes(n);
          case "h":
            return Duration.standardHours(n);
          default:
            return Duration.standardDays(n);
        }
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException(
            "'" + text + "' is too long a duration: at most " + Long.MAX_VALUE + "ms", e);
      }
    }
    if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        java.time.Duration d = java.time.Duration.parse(t);
        if (!d.isNegative()) {
          return Duration.millis(d.toMillis());
        }
      } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
        // fall through to the common message
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a duration: use " + ACCEPTED_FORMS);
  }

  /** The shortest exact text form of {@code d} ({@code 90s}, {@code 1m}, {@code 1500ms}). */
  public static String format(Duration d) {
    long ms = d.getMillis();
    if (ms == 0) {
      return "0";
    }
    if (ms % 86_400_000L == 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000L == 0) {
      return ms / 1000L + "s";
    }
    return ms + "ms";
  }
}
