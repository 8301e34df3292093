package dev.beamline.transforms.late;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.joda.time.Instant;

/**
 * An element that arrived after its window had expired (the watermark had passed the end of the
 * window plus the allowed lateness), with the window it missed: what Beam would have dropped.
 *
 * <p>The window is given as {@code [windowStart, windowEnd)}. For a window that is not an
 * {@link IntervalWindow} (the global window, custom windows) {@code windowStart} is
 * {@link BoundedWindow#TIMESTAMP_MIN_VALUE} and {@code windowEnd} is one millisecond after the
 * window's maximum timestamp.
 *
 * @param <T> the element type
 */
@DefaultCoder(LateElementCoder.class)
public final class LateElement<T> {
  private final T value;
  private final Instant timestamp;
  private final Instant windowStart;
  private final Instant windowEnd;

  public LateElement(T value, Instant timestamp, Instant windowStart, Instant windowEnd) {
    this.value = Objects.requireNonNull(value, "value");
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    this.windowStart = Objects.requireNonNull(windowStart, "windowStart");
    this.windowEnd = Objects.requireNonNull(windowEnd, "windowEnd");
  }

  /** The element {@code value} with event time {@code timestamp} that missed {@code window}. */
  public static <T> LateElement<T> of(T value, Instant timestamp, BoundedWindow window) {
    if (window instanceof IntervalWindow) {
      IntervalWindow w = (IntervalWindow) window;
      return new LateElement<>(value, timestamp, w.start(), w.end());
    }
    return new LateElement<>(value, timestamp, BoundedWindow.TIMESTAMP_MIN_VALUE,
        window.maxTimestamp().plus(org.joda.time.Duration.millis(1)));
  }

  public T value() {
    return value;
  }

  /** The element's event time. */
  public Instant timestamp() {
    return timestamp;
  }

  public Instant windowStart() {
    return windowStart;
  }

  /** The end of the missed window, exclusive. */
  public Instant windowEnd() {
    return windowEnd;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LateElement)) {
      return false;
    }
    LateElement<?> that = (LateElement<?>) o;
    return value.equals(that.value)
        && timestamp.equals(that.timestamp)
        && windowStart.equals(that.windowStart)
        && windowEnd.equals(that.windowEnd);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, timestamp, windowStart, windowEnd);
  }

  @Override
  public String toString() {
    return value + "@" + timestamp + " missed [" + windowStart + ", " + windowEnd + ")";
  }
}
