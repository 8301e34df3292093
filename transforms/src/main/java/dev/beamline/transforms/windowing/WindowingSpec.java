package dev.beamline.transforms.windowing;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * An immutable description of how a pipeline windows and triggers event-time data, shared by every
 * pipeline so that the same flags mean the same thing everywhere.
 *
 * <p>The trigger is always "at the watermark", optionally with early firings every N of processing
 * time after the first element of a pane, and, when allowed lateness is above zero, a late firing
 * for every late element. Data later than the allowed lateness is dropped by Beam (count it with the
 * late-data transforms). Panes accumulate by default: each pane restates the whole window so far,
 * so the last pane of a window is its final answer whichever runner ran it.
 */
public final class WindowingSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Duration size;
  private final @Nullable Duration slide;
  private final Duration allowedLateness;
  private final @Nullable Duration earlyFiringsEvery;
  private final boolean accumulating;

  private WindowingSpec(Duration size, @Nullable Duration slide, Duration allowedLateness,
      @Nullable Duration earlyFiringsEvery, boolean accumulating) {
    if (size.getMillis() <= 0) {
      throw new IllegalArgumentException("window size must be positive, was " + Durations.format(size));
    }
    if (slide != null) {
      if (slide.getMillis() <= 0) {
        throw new IllegalArgumentException("window slide must be positive, was " + Durations.format(slide));
      }
      if (slide.isLongerThan(size)) {
        throw new IllegalArgumentException("window slide (" + Durations.format(slide)
            + ") must not exceed the window size (" + Durations.format(size) + ")");
      }
    }
    if (allowedLateness.getMillis() < 0) {
      throw new IllegalArgumentException("allowed lateness must not be negative");
    }
    if (earlyFiringsEvery != null && earlyFiringsEvery.getMillis() <= 0) {
      throw new IllegalArgumentException("early firing interval must be positive");
    }
    this.size = size;
    this.slide = slide;
    this.allowedLateness = allowedLateness;
    this.earlyFiringsEvery = earlyFiringsEvery;
    this.accumulating = accumulating;
  }

  /** Tumbling windows of {@code size}; on-time firing only, no allowed lateness. */
  public static WindowingSpec fixed(Duration size) {
    return new WindowingSpec(size, null, Duration.ZERO, null, true);
  }

  /** Windows of {@code size} starting every {@code slide}. */
  public static WindowingSpec sliding(Duration size, Duration slide) {
    return new WindowingSpec(size, slide, Duration.ZERO, null, true);
  }

  /**
   * The spec that {@link WindowingOptions} describe; a bad flag gives an {@link
   * IllegalArgumentException} whose message starts with the flag's name.
   */
  public static WindowingSpec fromOptions(WindowingOptions o) {
    Duration size = durationFlag("windowSize", o.getWindowSize());
    // Each step's validation error is prefixed with the flag that caused it.
    WindowingSpec spec = flag("windowSize", () -> fixed(size));
    if (!isBlank(o.getWindowSlide())) {
      Duration slide = durationFlag("windowSlide", o.getWindowSlide());
      spec = flag("windowSlide", () -> sliding(size, slide));
    }
    Duration lateness = durationFlag("allowedLateness", o.getAllowedLateness());
    WindowingSpec windows = spec;
    spec = flag("allowedLateness", () -> windows.withAllowedLateness(lateness));
    if (!isBlank(o.getEarlyFiringsEvery())) {
      Duration every = durationFlag("earlyFiringsEvery", o.getEarlyFiringsEvery());
      WindowingSpec late = spec;
      spec = flag("earlyFiringsEvery", () -> late.withEarlyFiringsEvery(every));
    }
    String acc = o.getPaneAccumulation() == null ? "" : o.getPaneAccumulation().trim();
    switch (acc) {
      case "accumulating":
        return spec.accumulating();
      case "discarding":
        return spec.discarding();
      default:
        throw new IllegalArgumentException(
            "--paneAccumulation: '" + acc + "' is not one of: accumulating, discarding");
    }
  }

  private static Duration durationFlag(String name, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
    }
  }

  private static WindowingSpec flag(String name, Supplier<WindowingSpec> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
    }
  }

  private static boolean isBlank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  public WindowingSpec withAllowedLateness(Duration lateness) {
    return new WindowingSpec(size, slide, lateness, earlyFiringsEvery, accumulating);
  }

  /** Early (speculative) panes every {@code interval} of processing time; null for none. */
  public WindowingSpec withEarlyFiringsEvery(@Nullable Duration interval) {
    return new WindowingSpec(size, slide, allowedLateness, interval, accumulating);
  }

  public WindowingSpec accumulating() {
    return new WindowingSpec(size, slide, allowedLateness, earlyFiringsEvery, true);
  }

  public WindowingSpec discarding() {
    return new WindowingSpec(size, slide, allowedLateness, earlyFiringsEvery, false);
  }

  public Duration size() {
    return size;
  }

  public @Nullable Duration slide() {
    return slide;
  }

  public boolean isSliding() {
    return slide != null;
  }

  public Duration allowedLateness() {
    return allowedLateness;
  }

  public @Nullable Duration earlyFiringsEvery() {
    return earlyFiringsEvery;
  }

  public boolean hasLateFirings() {
    return allowedLateness.getMillis() > 0;
  }

  public boolean isAccumulating() {
    return accumulating;
  }

  public WindowFn<Object, ?> windowFn() {
    return slide == null
        ? FixedWindows.of(size)
        : SlidingWindows.of(size).every(slide);
  }

  public Trigger trigger() {
    AfterWatermark.FromEndOfWindow onTime = AfterWatermark.pastEndOfWindow();
    Trigger.OnceTrigger early = earlyFiringsEvery == null
        ? null
        : AfterProcessingTime.pastFirstElementInPane().plusDelayOf(earlyFiringsEvery);
    if (!hasLateFirings()) {
      return early == null ? onTime : onTime.withEarlyFirings(early);
    }
    Trigger.OnceTrigger late = AfterPane.elementCountAtLeast(1);
    return early == null
        ? onTime.withLateFirings(late)
        : onTime.withEarlyFirings(early).withLateFirings(late);
  }

  /** The {@code Window.into(...)} transform this spec describes. */
  public <T> Window<T> toWindow() {
    Window<T> w = Window.<T>into(windowFn())
        .triggering(trigger())
        .withAllowedLateness(allowedLateness);
    return accumulating ? w.accumulatingFiredPanes() : w.discardingFiredPanes();
  }

  /** A one-line human description, e.g. {@code sliding 5m every 1m, early every 10s, lateness 2m}. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(slide == null ? "tumbling " + Durations.format(size)
        : "sliding " + Durations.format(size) + " every " + Durations.format(slide));
    if (earlyFiringsEvery != null) {
      b.append(", early firings every ").append(Durations.format(earlyFiringsEvery));
    }
    b.append(", allowed lateness ").append(Durations.format(allowedLateness));
    b.append(accumulating ? ", accumulating panes" : ", discarding panes");
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WindowingSpec)) {
      return false;
    }
    WindowingSpec that = (WindowingSpec) o;
    return accumulating == that.accumulating
        && size.equals(that.size)
        && Objects.equals(slide, that.slide)
        && allowedLateness.equals(that.allowedLateness)
        && Objects.equals(earlyFiringsEvery, that.earlyFiringsEvery);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, slide, allowedLateness, earlyFiringsEvery, accumulating);
  }

  @Override
  public String toString() {
    return describe();
  }
}
