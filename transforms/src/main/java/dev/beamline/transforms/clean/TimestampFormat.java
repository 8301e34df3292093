package dev.beamline.transforms.clean;

import dev.beamline.transforms.json.EventTimestamps;
import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * How a text field is read as an event time. Every format is strict: it accepts one documented
 * shape, never guesses (a plain integer is epoch seconds or epoch milliseconds only because the
 * format says so), refuses dates that do not exist, hour 24 and leap seconds, and keeps results
 * between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z (the project's event-time range; see
 * {@link EventTimestamps}). Fractions finer than a millisecond are truncated: Beam timestamps are
 * milliseconds.
 *
 * <ul>
 *   <li>{@link #ISO_8601}: {@code 2026-11-01T13:45:00Z}, {@code 2026-11-01T14:45:00.250+01:00}
 *       (upper-case {@code T}, {@code Z} or a {@code ±HH:MM} offset, 0–9 fraction digits).
 *   <li>{@link #EPOCH_SECONDS}: {@code 1762004700} or {@code 1762004700.25}.
 *   <li>{@link #EPOCH_MILLIS}: {@code 1762004700250} (whole milliseconds only).
 *   <li>{@link #localDateTime(ZoneId)}: {@code 2026-11-01 13:45:00[.fraction]} read as a wall-clock
 *       time in the given zone; a time skipped or repeated by a daylight-saving change is refused
 *       rather than resolved by a silent rule.
 *   <li>{@link #anyOf}: several of the above, only when no text could match two of them.
 * </ul>
 */
public abstract class TimestampFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern ISO =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern LOCAL =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?");
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern DECIMAL_SECONDS = Pattern.compile("\\d+(\\.\\d{1,9})?");
  /** 9999-12-31T23:59:59Z in epoch seconds: longer integers are out of range whatever they hold. */
  private static final long MAX_EPOCH_SECONDS = EventTimestamps.MAX_EPOCH_MILLIS / 1000;

  /** ISO-8601 with {@code Z} or a numeric offset. */
  public static final TimestampFormat ISO_8601 = new Iso();
  /** A non-negative number of seconds since 1970-01-01T00:00:00Z, optionally with a fraction. */
  public static final TimestampFormat EPOCH_SECONDS = new EpochSeconds();
  /** A non-negative whole number of milliseconds since 1970-01-01T00:00:00Z. */
  public static final TimestampFormat EPOCH_MILLIS = new EpochMillis();

  /** The shape a format accepts; formats of different shapes can never match the same text. */
  enum Shape {
    ISO,
    LOCAL,
    NUMBER
  }

  TimestampFormat() {}

  /** {@code yyyy-MM-dd HH:mm:ss[.fraction]} as a wall-clock time in {@code zone}. */
  public static TimestampFormat localDateTime(ZoneId zone) {
    return new Local(zone.getId());
  }

  /**
   * Accepts each of {@code formats}; a text is read by the one whose shape it has. Refused when two
   * formats could read the same text (epoch seconds with epoch milliseconds, two local zones), since
   * choosing between them would be a guess.
   */
  public static TimestampFormat anyOf(TimestampFormat... formats) {
    List<TimestampFormat> flat = new ArrayList<>();
    for (TimestampFormat f : formats) {
      if (f instanceof AnyOf) {
        flat.addAll(((AnyOf) f).formats);
      } else {
        flat.add(Objects.requireNonNull(f, "format"));
      }
    }
    if (flat.isEmpty()) {
      throw new IllegalArgumentException("anyOf needs at least one timestamp format");
    }
    for (int i = 0; i < flat.size(); i++) {
      for (int j = i + 1; j < flat.size(); j++) {
        if (flat.get(i).shape() == flat.get(j).shape()) {
          throw new IllegalArgumentException("ambiguous timestamp formats: " + flat.get(i)
              + " and " + flat.get(j) + " accept the same texts; declare one of them");
        }
      }
    }
    return flat.size() == 1 ? flat.get(0) : new AnyOf(flat);
  }

  /**
   * Reads {@code text}; the exception's message is the problem only ("is not ..."), without the
   * field name, so callers can phrase the reason.
   */
  abstract Instant parse(String text) throws InvalidRecordException;

  abstract Shape shape();

  /** What the format accepts, in words, e.g. {@code ISO-8601}. */
  @Override
  public abstract String toString();

  static String quote(String text) {
    String s = text.length() <= 64 ? text : text.substring(0, 61) + "...";
    return "\"" + s + "\"";
  }

  private static Instant inRange(long epochMillis, String text) throws InvalidRecordException {
    if (epochMillis < 0) {
      throw new InvalidRecordException("is before 1970-01-01T00:00:00Z: " + quote(text));
    }
    if (epochMillis > EventTimestamps.MAX_EPOCH_MILLIS) {
      throw new InvalidRecordException("is after 9999-12-31T23:59:59.999Z: " + quote(text));
    }
    return Instant.ofEpochMilli(epochMillis);
  }

  /** Hour 24 and second 60 pass java.time's parsers in some forms; neither is a clock reading. */
  private static void checkClock(String text, int hourAt, int secondAt) throws InvalidRecordException {
    if (text.startsWith("24", hourAt)) {
      throw new InvalidRecordException("has hour 24: " + quote(text));
    }
    if (text.startsWith("60", secondAt)) {
      throw new InvalidRecordException("has a leap second: " + quote(text));
    }
  }

  private static final class Iso extends TimestampFormat {
    private static final long serialVersionUID = 1L;

    @Override
    Instant parse(String text) throws InvalidRecordException {
      if (!ISO.matcher(text).matches()) {
        throw new InvalidRecordException("is not an ISO-8601 timestamp like 2026-11-01T13:45:00Z"
            + " or 2026-11-01T14:45:00+01:00: " + quote(text));
      }
      checkClock(text, 11, 17);
      java.time.Instant parsed;
      try {
        parsed = OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidRecordException("is not a real date and time: " + quote(text));
      }
      if (parsed.getEpochSecond() < 0) {
        throw new InvalidRecordException("is before 1970-01-01T00:00:00Z: " + quote(text));
      }
      return inRange(parsed.toEpochMilli(), text);
    }

    @Override
    Shape shape() {
      return Shape.ISO;
    }

    @Override
    public String toString() {
      return "ISO-8601";
    }

    private Object readResolve() {
      return ISO_8601;
    }
  }

  private static final class EpochSeconds extends TimestampFormat {
    private static final long serialVersionUID = 1L;

    @Override
    Instant parse(String text) throws InvalidRecordException {
      if (!DECIMAL_SECONDS.matcher(text).matches()) {
        throw new InvalidRecordException("is not epoch seconds: " + quote(text));
      }
      int dot = text.indexOf('.');
      String whole = dot < 0 ? text : text.substring(0, dot);
      if (whole.length() > 12 || Long.parseLong(whole) > MAX_EPOCH_SECONDS) {
        throw new InvalidRecordException("is after 9999-12-31T23:59:59.999Z: " + quote(text));
      }
      long millis = Long.parseLong(whole) * 1000;
      if (dot >= 0) {
        String fraction = (text.substring(dot + 1) + "00").substring(0, 3);
        millis += Integer.parseInt(fraction);
      }
      return inRange(millis, text);
    }

    @Override
    Shape shape() {
      return Shape.NUMBER;
    }

    @Override
    public String toString() {
      return "epoch seconds";
    }

    private Object readResolve() {
      return EPOCH_SECONDS;
    }
  }

  private static final class EpochMillis extends TimestampFormat {
    private static final long serialVersionUID = 1L;

    @Override
    Instant parse(String text) throws InvalidRecordException {
      if (!DIGITS.matcher(text).matches()) {
        throw new InvalidRecordException("is not whole epoch milliseconds: " + quote(text));
      }
      if (text.length() > 15) {
        throw new InvalidRecordException("is after 9999-12-31T23:59:59.999Z: " + quote(text));
      }
      return inRange(Long.parseLong(text), text);
    }

    @Override
    Shape shape() {
      return Shape.NUMBER;
    }

    @Override
    public String toString() {
      return "epoch milliseconds";
    }

    private Object readResolve() {
      return EPOCH_MILLIS;
    }
  }

  private static final class Local extends TimestampFormat {
    private static final long serialVersionUID = 1L;
    private final String zoneId;
    private transient @Nullable ZoneId zone;

    Local(String zoneId) {
      this.zoneId = zoneId;
    }

    private ZoneId zone() {
      if (zone == null) {
        zone = ZoneId.of(zoneId);
      }
      return zone;
    }

    @Override
    Instant parse(String text) throws InvalidRecordException {
      if (!LOCAL.matcher(text).matches()) {
        throw new InvalidRecordException(
            "is not a local date and time like 2026-11-01 13:45:00: " + quote(text));
      }
      checkClock(text, 11, 17);
      LocalDateTime local;
      try {
        local = LocalDateTime.parse(text.replace(' ', 'T'));
      } catch (DateTimeParseException e) {
        throw new InvalidRecordException("is not a real date and time: " + quote(text));
      }
      List<ZoneOffset> offsets = zone().getRules().getValidOffsets(local);
      if (offsets.isEmpty()) {
        throw new InvalidRecordException("does not exist in " + zoneId
            + " (skipped by a daylight-saving change): " + quote(text));
      }
      if (offsets.size() > 1) {
        throw new InvalidRecordException("is ambiguous in " + zoneId
            + " (repeated by a daylight-saving change): " + quote(text));
      }
      java.time.Instant instant;
      try {
        instant = local.toInstant(offsets.get(0));
      } catch (DateTimeException e) {
        throw new InvalidRecordException("is not a real date and time: " + quote(text));
      }
      if (instant.getEpochSecond() < 0) {
        throw new InvalidRecordException("is before 1970-01-01T00:00:00Z: " + quote(text));
      }
      return inRange(instant.toEpochMilli(), text);
    }

    @Override
    Shape shape() {
      return Shape.LOCAL;
    }

    @Override
    public String toString() {
      return "yyyy-MM-dd HH:mm:ss in " + zoneId;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Local && ((Local) o).zoneId.equals(zoneId);
    }

    @Override
    public int hashCode() {
      return zoneId.hashCode();
    }
  }

  private static final class AnyOf extends TimestampFormat {
    private static final long serialVersionUID = 1L;
    private final List<TimestampFormat> formats;

    AnyOf(List<TimestampFormat> formats) {
      this.formats = List.copyOf(formats);
    }

    @Override
    Instant parse(String text) throws InvalidRecordException {
      Shape shape = shapeOf(text);
      for (TimestampFormat f : formats) {
        if (f.shape() == shape) {
          return f.parse(text);
        }
      }
      throw new InvalidRecordException("is not a timestamp in any accepted format (" + this + "): "
          + quote(text));
    }

    /** Decides by the text's form alone, so no format is tried and then abandoned. */
    private static @Nullable Shape shapeOf(String text) {
      if (text.indexOf('T') > 0) {
        return Shape.ISO;
      }
      if (text.indexOf(' ') > 0) {
        return Shape.LOCAL;
      }
      if (!text.isEmpty() && Character.isDigit(text.charAt(0)) && text.indexOf('-') < 0) {
        return Shape.NUMBER;
      }
      return null;
    }

    @Override
    Shape shape() {
      throw new UnsupportedOperationException("anyOf has several shapes");
    }

    @Override
    public String toString() {
      return formats.stream().map(Object::toString).collect(Collectors.joining(" or "));
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof AnyOf && ((AnyOf) o).formats.equals(formats);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(formats.toArray());
    }
  }
}
