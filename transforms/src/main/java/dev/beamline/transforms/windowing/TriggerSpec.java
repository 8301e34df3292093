package dev.beamline.transforms.windowing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * When a window's panes fire, as an immutable value with one text form. Two families:
 *
 * <ul>
 *   <li>Watermark presets: one on-time pane when the watermark passes the end of the window
 *       ({@code ontime}), optionally with early (speculative) panes every N of processing time
 *       after the first element of a pane ({@code early:10s}), and with late panes after it, on
 *       every late element ({@code late:each}) or every N of processing time after the first late
 *       element of a pane ({@code late:30s}). Combined with a comma: {@code early:10s,late:each}.
 *   <li>{@code count:<n>}: a pane every {@code n} elements (per key and window), repeated, and a
 *       last pane with the rest when the window ends. Meant for the global window, which has no
 *       on-time pane before the input ends.
 * </ul>
 *
 * <p>{@link #toText()} gives the canonical form (early before late, shortest durations) and
 * {@code parse(t.toText()).equals(t)}. Whether a trigger fits a window and an allowed lateness is
 * checked by {@link WindowingSpec}.
 */
public final class TriggerSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ACCEPTED_FORMS = "ontime | early:<interval> | late:each | "
      + "late:<interval> | early:<interval>,late:<each or interval> | count:<n> "
      + "(e.g. early:10s,late:each or count:100)";

  /** What fires late panes. */
  public enum LateFirings {
    /** No late panes: the window closes at its on-time pane. */
    NONE,
    /** A late pane for every late element. */
    EACH_ELEMENT,
    /** A late pane every interval of processing time after the first late element of a pane. */
    EVERY_INTERVAL
  }

  private final int count;
  private final @Nullable Duration earlyEvery;
  private final LateFirings late;
  private final @Nullable Duration lateEvery;

  private TriggerSpec(int count, @Nullable Duration earlyEvery, LateFirings late,
      @Nullable Duration lateEvery) {
    this.count = count;
    this.earlyEvery = earlyEvery;
    this.late = late;
    this.lateEvery = lateEvery;
  }

  /** One pane per window, when the watermark passes its end. */
  public static TriggerSpec onTime() {
    return new TriggerSpec(0, null, LateFirings.NONE, null);
  }

  /** A pane every {@code n} elements, repeated (for the global window). */
  public static TriggerSpec count(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("element count must be positive, was " + n);
    }
    return new TriggerSpec(n, null, LateFirings.NONE, null);
  }

  /** Adds early panes every {@code interval} of processing time; null for none. */
  public TriggerSpec withEarlyFiringsEvery(@Nullable Duration interval) {
    if (interval == null && earlyEvery == null) {
      return this;
    }
    requireWatermark("early firings");
    if (interval != null && interval.getMillis() <= 0) {
      throw new IllegalArgumentException("early firing interval must be positive");
    }
    return new TriggerSpec(0, interval, late, lateEvery);
  }

  /** Adds a late pane for every late element. */
  public TriggerSpec withLateFiringsOnEveryElement() {
    requireWatermark("late firings");
    return new TriggerSpec(0, earlyEvery, LateFirings.EACH_ELEMENT, null);
  }

  /** Adds late panes every {@code interval} of processing time after a pane's first late element. */
  public TriggerSpec withLateFiringsEvery(Duration interval) {
    requireWatermark("late firings");
    if (interval.getMillis() <= 0) {
      throw new IllegalArgumentException("late firing interval must be positive");
    }
    return new TriggerSpec(0, earlyEvery, LateFirings.EVERY_INTERVAL, interval);
  }

  /** Removes late panes. */
  public TriggerSpec withoutLateFirings() {
    return new TriggerSpec(count, earlyEvery, LateFirings.NONE, null);
  }

  private void requireWatermark(String what) {
    if (isCount()) {
      throw new IllegalArgumentException(what + " do not combine with count:" + count);
    }
  }

  /**
   * Parses the text form; throws {@link IllegalArgumentException} naming the accepted forms.
   */
  public static TriggerSpec parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.equals("ontime")) {
      return onTime();
    }
    if (t.startsWith("count:") && !t.contains(",")) {
      String n = t.substring("count:".length());
      if (!n.matches("[0-9]{1,9}") || Integer.parseInt(n) == 0) {
        throw new IllegalArgumentException("'" + text + "': '" + n
            + "' is not a positive whole number (at most 999999999)");
      }
      return count(Integer.parseInt(n));
    }
    String early = null;
    String late = null;
    for (String part : t.split(",", -1)) {
      String p = part.trim();
      if (p.startsWith("early:") && early == null) {
        early = p.substring("early:".length());
      } else if (p.startsWith("late:") && late == null) {
        late = p.substring("late:".length());
      } else {
        throw new IllegalArgumentException("'" + text + "' is not a trigger; use " + ACCEPTED_FORMS);
      }
    }
    try {
      TriggerSpec spec = onTime();
      if (early != null) {
        spec = spec.withEarlyFiringsEvery(Durations.parse(early));
      }
      if (late != null) {
        spec = late.equals("each") ? spec.withLateFiringsOnEveryElement()
            : spec.withLateFiringsEvery(Durations.parse(late));
      }
      return spec;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
    }
  }

  /** Whether this is the repeated element-count trigger. */
  public boolean isCount() {
    return count > 0;
  }

  /** The element count of {@code count:<n>}; 0 for watermark presets. */
  public int count() {
    return count;
  }

  public @Nullable Duration earlyFiringsEvery() {
    return earlyEvery;
  }

  public LateFirings lateFirings() {
    return late;
  }

  public boolean hasLateFirings() {
    return late != LateFirings.NONE;
  }

  /** The late firing interval of {@code late:<interval>}; null otherwise. */
  public @Nullable Duration lateFiringsEvery() {
    return lateEvery;
  }

  /** The Beam {@link Trigger} this spec describes. */
  public Trigger toTrigger() {
    if (isCount()) {
      return Repeatedly.forever(AfterPane.elementCountAtLeast(count));
    }
    AfterWatermark.FromEndOfWindow onTime = AfterWatermark.pastEndOfWindow();
    Trigger.OnceTrigger lateTrigger = null;
    if (late == LateFirings.EACH_ELEMENT) {
      lateTrigger = AfterPane.elementCountAtLeast(1);
    } else if (late == LateFirings.EVERY_INTERVAL) {
      lateTrigger = AfterProcessingTime.pastFirstElementInPane().plusDelayOf(lateEvery);
    }
    if (earlyEvery == null) {
      return lateTrigger == null ? onTime : onTime.withLateFirings(lateTrigger);
    }
    AfterWatermark.AfterWatermarkEarlyAndLate withEarly = onTime.withEarlyFirings(
        AfterProcessingTime.pastFirstElementInPane().plusDelayOf(earlyEvery));
    return lateTrigger == null ? withEarly : withEarly.withLateFirings(lateTrigger);
  }

  /** The canonical text form, e.g. {@code early:10s,late:each}. */
  public String toText() {
    if (isCount()) {
      return "count:" + count;
    }
    List<String> parts = new ArrayList<>();
    if (earlyEvery != null) {
      parts.add("early:" + Durations.format(earlyEvery));
    }
    if (late == LateFirings.EACH_ELEMENT) {
      parts.add("late:each");
    } else if (late == LateFirings.EVERY_INTERVAL) {
      parts.add("late:" + Durations.format(lateEvery));
    }
    return parts.isEmpty() ? "ontime" : String.join(",", parts);
  }

  /** In words, e.g. {@code early firings every 10s, late firings on every late element}. */
  public String describe() {
    if (isCount()) {
      return "a pane every " + count + " elements";
    }
    List<String> parts = new ArrayList<>();
    parts.add("on time");
    if (earlyEvery != null) {
      parts.add("early firings every " + Durations.format(earlyEvery));
    }
    if (late == LateFirings.EACH_ELEMENT) {
      parts.add("late firings on every late element");
    } else if (late == LateFirings.EVERY_INTERVAL) {
      parts.add("late firings every " + Durations.format(lateEvery));
    }
    return String.join(", ", parts);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TriggerSpec)) {
      return false;
    }
    TriggerSpec that = (TriggerSpec) o;
    return count == that.count
        && late == that.late
        && Objects.equals(earlyEvery, that.earlyEvery)
        && Objects.equals(lateEvery, that.lateEvery);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, earlyEvery, late, lateEvery);
  }

  @Override
  public String toString() {
    return toText();
  }
}
