package dev.beamline.transforms.windowing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * How a pipeline windows and triggers event-time data, as one immutable value that every pipeline
 * reads from the same command-line flags, so that the same flags mean the same thing everywhere:
 * the windows ({@link WindowSpec}), the trigger ({@link TriggerSpec}), the allowed lateness and
 * whether panes accumulate.
 *
 * <p>Text form, which {@link #toText()} prints canonically and {@link #parse} reads back
 * ({@code parse(s.toText()).equals(s)}):
 *
 * <pre>
 * --window=sliding:5m/1m --trigger=early:10s,late:each --allowedLateness=2m --accumulation=accumulating
 * </pre>
 *
 * <p>Combinations that cannot do what they say are refused with the reason: late firings need an
 * allowed lateness above zero, and an allowed lateness needs late firings (a trigger without them
 * closes the window at its on-time pane, so late data within the lateness would be dropped
 * anyway); {@code count:<n>} is for the global window; the global window takes no allowed lateness
 * (nothing in it is late). {@link #caveats()} says what a legal combination means when it may
 * surprise (the global window with an on-time trigger fires only when the input ends).
 *
 * <p>Data later than the allowed lateness is dropped by Beam; {@code
 * dev.beamline.transforms.late.SplitLateData} gives it its own output. Panes accumulate by default:
 * each pane restates the whole window so far, so the last pane of a window is its final answer
 * whichever runner ran it.
 */
public final class WindowingSpec implements Serializable {
  private static final long serialVersionUID = 2L;

  /** The windows when no flag says otherwise. */
  public static final WindowSpec DEFAULT_WINDOW = WindowSpec.fixed(Duration.standardMinutes(1));

  private static final String ACCUMULATION_FORMS = "accumulating, discarding";

  private final WindowSpec window;
  private final TriggerSpec trigger;
  private final Duration allowedLateness;
  private final boolean accumulating;

  private WindowingSpec(WindowSpec window, TriggerSpec trigger, Duration allowedLateness,
      boolean accumulating) {
    this.window = Objects.requireNonNull(window, "window");
    this.trigger = Objects.requireNonNull(trigger, "trigger");
    this.allowedLateness = Objects.requireNonNull(allowedLateness, "allowedLateness");
    this.accumulating = accumulating;
    checkCombination();
  }

  private void checkCombination() {
    String lateness = "--allowedLateness=" + Durations.format(allowedLateness);
    String triggerFlag = "--trigger=" + trigger.toText();
    if (allowedLateness.getMillis() < 0) {
      throw new IllegalArgumentException("allowed lateness must not be negative");
    }
    if (window.isGlobal() && trigger.hasLateFirings()) {
      throw new IllegalArgumentException(triggerFlag + " with --window=global: nothing is ever late "
          + "in the global window, so late panes never fire; use ontime, early:<interval> or "
          + "count:<n>");
    }
    if (window.isGlobal() && allowedLateness.getMillis() > 0) {
      throw new IllegalArgumentException(lateness + " with --window=global: the global window ends "
          + "only when the input does, so nothing in it is ever late; use --allowedLateness=0");
    }
    if (trigger.isCount() && !window.isGlobal()) {
      throw new IllegalArgumentException(triggerFlag + " is for --window=global: time windows "
          + "fire when the watermark passes their end, use ontime, early:<interval> or "
          + "late:<each or interval> with them");
    }
    if (trigger.hasLateFirings() && allowedLateness.getMillis() == 0) {
      throw new IllegalArgumentException(triggerFlag + " needs --allowedLateness above 0: with no "
          + "allowed lateness every late element is dropped, so late panes never fire");
    }
    if (!trigger.isCount() && !trigger.hasLateFirings() && allowedLateness.getMillis() > 0) {
      throw new IllegalArgumentException(lateness + " with " + triggerFlag + ": without late "
          + "firings a window closes at its on-time pane and late data is dropped even within the "
          + "allowed lateness; add late:each or late:<interval> to --trigger");
    }
  }

  // ---- construction --------------------------------------------------------------------------

  /** {@code window}, fired on time, no allowed lateness, accumulating panes. */
  public static WindowingSpec of(WindowSpec window) {
    return new WindowingSpec(window, TriggerSpec.onTime(), Duration.ZERO, true);
  }

  /** Tumbling windows of {@code size}; on-time firing only, no allowed lateness. */
  public static WindowingSpec fixed(Duration size) {
    return of(WindowSpec.fixed(size));
  }

  /** Windows of {@code size} starting every {@code slide}. */
  public static WindowingSpec sliding(Duration size, Duration slide) {
    return of(WindowSpec.sliding(size, slide));
  }

  public WindowingSpec withWindow(WindowSpec w) {
    return new WindowingSpec(w, trigger, allowedLateness, accumulating);
  }

  public WindowingSpec withTrigger(TriggerSpec t) {
    return new WindowingSpec(window, t, allowedLateness, accumulating);
  }

  /**
   * Sets the allowed lateness. For convenience, a watermark trigger without late firings gets a
   * late pane on every late element when {@code lateness} is above zero, and loses its late
   * firings when it is zero; to choose other late firings, call {@link #withTrigger} after this.
   */
  public WindowingSpec withAllowedLateness(Duration lateness) {
    TriggerSpec t = trigger;
    if (!t.isCount() && !window.isGlobal()) {
      if (lateness.getMillis() > 0 && !t.hasLateFirings()) {
        t = t.withLateFiringsOnEveryElement();
      } else if (lateness.getMillis() == 0) {
        t = t.withoutLateFirings();
      }
    }
    return new WindowingSpec(window, t, lateness, accumulating);
  }

  /** Early (speculative) panes every {@code interval} of processing time; null for none. */
  public WindowingSpec withEarlyFiringsEvery(@Nullable Duration interval) {
    return new WindowingSpec(window, trigger.withEarlyFiringsEvery(interval), allowedLateness,
        accumulating);
  }

  public WindowingSpec accumulating() {
    return new WindowingSpec(window, trigger, allowedLateness, true);
  }

  public WindowingSpec discarding() {
    return new WindowingSpec(window, trigger, allowedLateness, false);
  }

  // ---- the text form and the flags -----------------------------------------------------------

  /**
   * The canonical command-line form of this spec: {@code --window=... --trigger=...
   * --allowedLateness=... --accumulation=...}.
   */
  public String toText() {
    return "--window=" + window.toText() + " --trigger=" + trigger.toText()
        + " --allowedLateness=" + Durations.format(allowedLateness)
        + " --accumulation=" + (accumulating ? "accumulating" : "discarding");
  }

  /**
   * Reads the form {@link #toText()} prints: {@code --window}, {@code --trigger}, {@code
   * --allowedLateness} and {@code --accumulation}, separated by spaces, each at most once and in
   * any order; a flag left out takes the value it has on the command line when it is not given.
   */
  public static WindowingSpec parse(String text) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (String arg : text.trim().split("\\s+")) {
      if (arg.isEmpty()) {
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (eq < 0 || !List.of("--window", "--trigger", "--allowedLateness", "--accumulation")
          .contains(name)) {
        throw new IllegalArgumentException("'" + arg + "' is not a windowing flag; use --window=, "
            + "--trigger=, --allowedLateness= and --accumulation=");
      }
      if (flags.put(name.substring(2), arg.substring(eq + 1)) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    return resolve(flags.get("window"), null, null, flags.get("trigger"), null,
        flags.getOrDefault("allowedLateness", "0"), flags.get("accumulation"), null);
  }

  /**
   * The spec that {@link WindowingOptions} describe; a bad flag gives an {@link
   * IllegalArgumentException} whose message starts with the flag's name and says what to type.
   * The shorthands {@code --windowSize}/{@code --windowSlide}, {@code --earlyFiringsEvery} and
   * {@code --paneAccumulation} cannot be given together with {@code --window}, {@code --trigger}
   * and {@code --accumulation} respectively.
   */
  public static WindowingSpec fromOptions(WindowingOptions o) {
    return resolve(o.getWindow(), o.getWindowSize(), o.getWindowSlide(), o.getTrigger(),
        o.getEarlyFiringsEvery(), o.getAllowedLateness(), o.getAccumulation(),
        o.getPaneAccumulation());
  }

  private static WindowingSpec resolve(@Nullable String windowText, @Nullable String size,
      @Nullable String slide, @Nullable String triggerText, @Nullable String earlyEvery,
      String allowedLateness, @Nullable String accumulationText,
      @Nullable String paneAccumulation) {
    WindowSpec window;
    if (given(windowText)) {
      if (given(size) || given(slide)) {
        throw new IllegalArgumentException("--window and --" + (given(size) ? "windowSize" : "windowSlide")
            + " both say what the windows are: give --window only (--windowSize=5m "
            + "--windowSlide=1m is --window=sliding:5m/1m)");
      }
      window = flag("window", () -> WindowSpec.parse(windowText));
    } else {
      Duration windowSize = given(size) ? durationFlag("windowSize", size)
          : DEFAULT_WINDOW.size();
      window = given(slide)
          ? flag("windowSlide", () -> WindowSpec.sliding(windowSize,
              durationFlag("windowSlide", slide)))
          : flag("windowSize", () -> WindowSpec.fixed(windowSize));
    }

    Duration lateness = durationFlag("allowedLateness", allowedLateness);

    TriggerSpec trigger;
    if (given(triggerText)) {
      if (given(earlyEvery)) {
        throw new IllegalArgumentException("--trigger and --earlyFiringsEvery both say when panes "
            + "fire: give --trigger only (--earlyFiringsEvery=10s is --trigger=early:10s)");
      }
      trigger = flag("trigger", () -> TriggerSpec.parse(triggerText));
    } else {
      TriggerSpec onTime = TriggerSpec.onTime();
      trigger = given(earlyEvery)
          ? flag("earlyFiringsEvery", () -> onTime.withEarlyFiringsEvery(
              durationFlag("earlyFiringsEvery", earlyEvery)))
          : onTime;
      // Without --trigger, an allowed lateness brings a late pane per late element (as before
      // --trigger existed).
      if (lateness.getMillis() > 0 && !window.isGlobal()) {
        trigger = trigger.withLateFiringsOnEveryElement();
      }
    }

    boolean accumulating;
    if (given(accumulationText)) {
      if (given(paneAccumulation)) {
        throw new IllegalArgumentException("--accumulation and --paneAccumulation are the same "
            + "setting: give --accumulation only");
      }
      accumulating = accumulation("accumulation", accumulationText);
    } else {
      accumulating = !given(paneAccumulation) || accumulation("paneAccumulation", paneAccumulation);
    }

    TriggerSpec t = trigger;
    try {
      return new WindowingSpec(window, t, lateness, accumulating);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().startsWith("--") ? e.getMessage()
          : "--allowedLateness: " + e.getMessage(), e);
    }
  }

  private static boolean accumulation(String flag, String text) {
    switch (text.trim()) {
      case "accumulating":
        return true;
      case "discarding":
        return false;
      default:
        throw new IllegalArgumentException(
            "--" + flag + ": '" + text.trim() + "' is not one of: " + ACCUMULATION_FORMS);
    }
  }

  private static Duration durationFlag(String name, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
    }
  }

  private static <T> T flag(String name, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(m.startsWith("--") ? m : "--" + name + ": " + m, e);
    }
  }

  private static boolean given(@Nullable String s) {
    return s != null && !s.isBlank();
  }

  // ---- accessors -----------------------------------------------------------------------------

  public WindowSpec window() {
    return window;
  }

  public TriggerSpec triggerSpec() {
    return trigger;
  }

  /** The size of fixed and sliding windows; null for the other kinds. */
  public @Nullable Duration size() {
    return window.size();
  }

  public @Nullable Duration slide() {
    return window.slide();
  }

  public boolean isSliding() {
    return window.kind() == WindowSpec.Kind.SLIDING;
  }

  public Duration allowedLateness() {
    return allowedLateness;
  }

  public @Nullable Duration earlyFiringsEvery() {
    return trigger.earlyFiringsEvery();
  }

  public boolean hasLateFirings() {
    return trigger.hasLateFirings();
  }

  public boolean isAccumulating() {
    return accumulating;
  }

  public WindowFn<Object, ?> windowFn() {
    return window.windowFn();
  }

  public Trigger trigger() {
    return trigger.toTrigger();
  }

  /** The {@code Window.into(...)} transform this spec describes. */
  public <T> Window<T> toWindow() {
    Window<T> w = Window.<T>into(windowFn())
        .triggering(trigger())
        .withAllowedLateness(allowedLateness);
    return accumulating ? w.accumulatingFiredPanes() : w.discardingFiredPanes();
  }

  /**
   * What this legal spec means where it may surprise, one sentence each (empty when nothing
   * does): pipelines print these at start-up.
   */
  public List<String> caveats() {
    List<String> notes = new ArrayList<>();
    if (window.isGlobal() && !trigger.isCount()) {
      if (trigger.earlyFiringsEvery() == null) {
        notes.add("--window=global with --trigger=ontime fires once, when the input ends; an "
            + "unbounded input never ends, so it would never fire: use --trigger=count:<n> or "
            + "early:<interval> for streams");
      } else {
        notes.add("--window=global: panes come from the early firings every "
            + Durations.format(trigger.earlyFiringsEvery()) + " and once more when the input ends");
      }
    }
    if (window.isGlobal() && trigger.isCount()) {
      notes.add("--trigger=count:" + trigger.count() + " fires a pane per " + trigger.count()
          + " elements of a key; the rest fire when the input ends");
    }
    return notes;
  }

  /**
   * A one-line human description, e.g. {@code sliding 5m every 1m, on time, early firings every
   * 10s, allowed lateness 0, accumulating panes}.
   */
  public String describe() {
    return window.describe() + ", " + trigger.describe() + ", allowed lateness "
        + Durations.format(allowedLateness) + (accumulating ? ", accumulating panes"
        : ", discarding panes");
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
        && window.equals(that.window)
        && trigger.equals(that.trigger)
        && allowedLateness.equals(that.allowedLateness);
  }

  @Override
  public int hashCode() {
    return Objects.hash(window, trigger, allowedLateness, accumulating);
  }

  @Override
  public String toString() {
    return toText();
  }
}
