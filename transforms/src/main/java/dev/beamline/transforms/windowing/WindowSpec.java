package dev.beamline.transforms.windowing;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.transforms.windowing.CalendarWindows;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Sessions;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.DateTimeZone;
import org.joda.time.Duration;

/**
 * Which event-time windows a pipeline uses, as an immutable value with one text form:
 *
 * <ul>
 *   <li>{@code fixed:<size>}: tumbling windows ({@code fixed:1m});
 *   <li>{@code sliding:<size>/<slide>}: windows of {@code size} starting every {@code slide}, so
 *       an element is in {@code size/slide} windows ({@code sliding:5m/1m});
 *   <li>{@code session:<gap>}: per key, activity separated by at least {@code gap} of event time
 *       ({@code session:10m}); merging windows;
 *   <li>{@code global}: one window for all time, which ends only when the input does;
 *   <li>{@code days:<time zone>}: calendar days from midnight to midnight in a time zone, 23 or 25
 *       hours long on daylight-saving days ({@code days:Europe/Paris}).
 * </ul>
 *
 * <p>{@link #toText()} gives the canonical form (durations shortest, {@link Durations}) and
 * {@code parse(w.toText()).equals(w)}.
 */
public final class WindowSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ACCEPTED_FORMS = "fixed:<size> | sliding:<size>/<slide> | "
      + "session:<gap> | global | days:<time zone> "
      + "(e.g. fixed:1m, sliding:5m/1m, session:10m, days:Europe/Paris)";

  /** The kinds of windows. */
  public enum Kind {
    FIXED, SLIDING, SESSION, GLOBAL, CALENDAR_DAYS
  }

  private final Kind kind;
  private final @Nullable Duration size;
  private final @Nullable Duration slide;
  private final @Nullable Duration gap;
  private final @Nullable String timeZone;

  private WindowSpec(Kind kind, @Nullable Duration size, @Nullable Duration slide,
      @Nullable Duration gap, @Nullable String timeZone) {
    this.kind = kind;
    this.size = size;
    this.slide = slide;
    this.gap = gap;
    this.timeZone = timeZone;
  }

  /** Tumbling windows of {@code size}. */
  public static WindowSpec fixed(Duration size) {
    requirePositive("window size", size);
    return new WindowSpec(Kind.FIXED, size, null, null, null);
  }

  /** Windows of {@code size} starting every {@code slide}; {@code slide} at most {@code size}. */
  public static WindowSpec sliding(Duration size, Duration slide) {
    requirePositive("window size", size);
    requirePositive("window slide", slide);
    if (slide.isLongerThan(size)) {
      throw new IllegalArgumentException("window slide (" + Durations.format(slide)
          + ") must not exceed the window size (" + Durations.format(size) + ")");
    }
    return new WindowSpec(Kind.SLIDING, size, slide, null, null);
  }

  /** Session windows closed by {@code gap} of event time without data (per key). */
  public static WindowSpec session(Duration gap) {
    requirePositive("session gap", gap);
    return new WindowSpec(Kind.SESSION, null, null, gap, null);
  }

  /** The global window. */
  public static WindowSpec global() {
    return new WindowSpec(Kind.GLOBAL, null, null, null, null);
  }

  /** Calendar days in {@code timeZone}, an IANA id such as {@code Europe/Paris} or {@code UTC}. */
  public static WindowSpec days(String timeZone) {
    String id;
    try {
      id = DateTimeZone.forID(Objects.requireNonNull(timeZone, "timeZone")).getID();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + timeZone + "' is not a time zone: use an IANA id "
          + "such as Europe/Paris, America/New_York or UTC");
    }
    return new WindowSpec(Kind.CALENDAR_DAYS, null, null, null, id);
  }

  /**
   * Parses the text form; throws {@link IllegalArgumentException} naming the accepted forms.
   */
  public static WindowSpec parse(String text) {
    String t = text == null ? "" : text.trim();
    int colon = t.indexOf(':');
    String kind = colon < 0 ? t : t.substring(0, colon);
    String arg = colon < 0 ? null : t.substring(colon + 1);
    try {
      switch (kind) {
        case "global":
          if (arg == null) {
            return global();
          }
          break;
        case "fixed":
          if (arg != null) {
            return fixed(Durations.parse(arg));
          }
          break;
        case "sliding":
          int slash = arg == null ? -1 : arg.indexOf('/');
          if (slash > 0) {
            return sliding(Durations.parse(arg.substring(0, slash)),
                Durations.parse(arg.substring(slash + 1)));
          }
          break;
        case "session":
          if (arg != null) {
            return session(Durations.parse(arg));
          }
          break;
        case "days":
          if (arg != null && !arg.isEmpty()) {
            return days(arg);
          }
          break;
        default:
          break;
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("'" + text + "' is not a window; use " + ACCEPTED_FORMS);
  }

  private static void requirePositive(String what, Duration d) {
    if (d.getMillis() <= 0) {
      throw new IllegalArgumentException(what + " must be positive, was " + Durations.format(d));
    }
  }

  public Kind kind() {
    return kind;
  }

  /** The size of fixed and sliding windows; null for the other kinds. */
  public @Nullable Duration size() {
    return size;
  }

  /** The slide of sliding windows; null for the other kinds. */
  public @Nullable Duration slide() {
    return slide;
  }

  /** The gap of session windows; null for the other kinds. */
  public @Nullable Duration gap() {
    return gap;
  }

  /** The time zone of calendar-day windows; null for the other kinds. */
  public @Nullable String timeZone() {
    return timeZone;
  }

  public boolean isGlobal() {
    return kind == Kind.GLOBAL;
  }

  /** Whether windows of different elements merge (sessions). */
  public boolean isMerging() {
    return kind == Kind.SESSION;
  }

  /** The Beam {@link WindowFn} this spec describes. */
  public WindowFn<Object, ?> windowFn() {
    switch (kind) {
      case FIXED:
        return FixedWindows.of(size);
      case SLIDING:
        return SlidingWindows.of(size).every(slide);
      case SESSION:
        return Sessions.withGapDuration(gap);
      case GLOBAL:
        return new GlobalWindows();
      default:
        return CalendarWindows.days(1).withTimeZone(DateTimeZone.forID(timeZone));
    }
  }

  /** The canonical text form, e.g. {@code sliding:5m/1m}. */
  public String toText() {
    switch (kind) {
      case FIXED:
        return "fixed:" + Durations.format(size);
      case SLIDING:
        return "sliding:" + Durations.format(size) + "/" + Durations.format(slide);
      case SESSION:
        return "session:" + Durations.format(gap);
      case GLOBAL:
        return "global";
      default:
        return "days:" + timeZone;
    }
  }

  /** In words, e.g. {@code sliding 5m every 1m}. */
  public String describe() {
    switch (kind) {
      case FIXED:
        return "tumbling " + Durations.format(size);
      case SLIDING:
        return "sliding " + Durations.format(size) + " every " + Durations.format(slide);
      case SESSION:
        return "sessions with gap " + Durations.format(gap);
      case GLOBAL:
        return "global window";
      default:
        return "calendar days in " + timeZone;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WindowSpec)) {
      return false;
    }
    WindowSpec that = (WindowSpec) o;
    return kind == that.kind
        && Objects.equals(size, that.size)
        && Objects.equals(slide, that.slide)
        && Objects.equals(gap, that.gap)
        && Objects.equals(timeZone, that.timeZone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, size, slide, gap, timeZone);
  }

  @Override
  public String toString() {
    return toText();
  }
}
