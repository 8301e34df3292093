package dev.beamline.transforms.windowing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.apache.beam.sdk.values.WindowingStrategy.AccumulationMode;
import org.joda.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class WindowingSpecTest {
  private static final Duration ONE_MINUTE = Duration.standardMinutes(1);

  private static WindowingSpec fromArgs(String... args) {
    return WindowingSpec.fromOptions(
        PipelineOptionsFactory.fromArgs(args).as(WindowingOptions.class));
  }

  private static String flagError(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> fromArgs(args)).getMessage();
  }

  /** The windowing strategy that {@code toWindow()} gives a globally windowed input. */
  private static WindowingStrategy<?, ?> strategyOf(WindowingSpec spec) {
    Window<Object> w = spec.toWindow();
    return w.getOutputStrategyInternal(WindowingStrategy.globalDefault());
  }

  // ---- fixed and sliding ---------------------------------------------------------------------

  @Test
  public void fixedDefaults() {
    WindowingSpec s = WindowingSpec.fixed(ONE_MINUTE);
    assertEquals(ONE_MINUTE, s.size());
    assertNull(s.slide());
    assertFalse(s.isSliding());
    assertEquals(Duration.ZERO, s.allowedLateness());
    assertFalse(s.hasLateFirings());
    assertNull(s.earlyFiringsEvery());
    assertTrue(s.isAccumulating());
    assertEquals(FixedWindows.of(ONE_MINUTE), s.windowFn());
  }

  @Test
  public void slidingWindows() {
    WindowingSpec s = WindowingSpec.sliding(Duration.standardMinutes(5), ONE_MINUTE);
    assertTrue(s.isSliding());
    assertEquals(Duration.standardMinutes(5), s.size());
    assertEquals(ONE_MINUTE, s.slide());
    assertEquals(SlidingWindows.of(Duration.standardMinutes(5)).every(ONE_MINUTE), s.windowFn());
  }

  @Test
  public void slideEqualToSizeIsAllowed() {
    assertEquals(ONE_MINUTE, WindowingSpec.sliding(ONE_MINUTE, ONE_MINUTE).slide());
  }

  @Test
  public void everyWindowKindCombinesWithItsPresets() {
    assertEquals(WindowSpec.session(Duration.standardMinutes(10)),
        WindowingSpec.of(WindowSpec.session(Duration.standardMinutes(10))).window());
    assertEquals(TriggerSpec.count(100), WindowingSpec.of(WindowSpec.global())
        .withTrigger(TriggerSpec.count(100)).triggerSpec());
    WindowingSpec days = WindowingSpec.of(WindowSpec.days("Europe/Paris"))
        .withAllowedLateness(Duration.standardHours(1));
    assertEquals(TriggerSpec.parse("late:each"), days.triggerSpec());
    assertNull(days.size());
  }

  @Test
  public void zeroSizeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WindowingSpec.fixed(Duration.ZERO));
    assertEquals("window size must be positive, was 0", e.getMessage());
  }

  @Test
  public void negativeSizeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WindowingSpec.fixed(Duration.millis(-5)));
    assertEquals("window size must be positive, was -5ms", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> WindowingSpec.sliding(Duration.millis(-5), Duration.millis(1)));
    assertEquals("window size must be positive, was -5ms", e.getMessage());
  }

  @Test
  public void nonPositiveSlideIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WindowingSpec.sliding(ONE_MINUTE, Duration.ZERO));
    assertEquals("window slide must be positive, was 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> WindowingSpec.sliding(ONE_MINUTE, Duration.standardSeconds(-1)));
    assertEquals("window slide must be positive, was -1s", e.getMessage());
  }

  @Test
  public void slideLongerThanSizeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WindowingSpec.sliding(ONE_MINUTE, Duration.standardSeconds(61)));
    assertEquals("window slide (61s) must not exceed the window size (1m)", e.getMessage());
  }

  @Test
  public void negativeLatenessIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WindowingSpec.fixed(ONE_MINUTE).withAllowedLateness(Duration.millis(-1)));
    assertEquals("allowed lateness must not be negative", e.getMessage());
  }

  @Test
  public void nonPositiveEarlyFiringIntervalIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WindowingSpec.fixed(ONE_MINUTE).withEarlyFiringsEvery(Duration.ZERO));
    assertEquals("early firing interval must be positive", e.getMessage());
  }

  @Test
  public void withersReturnNewSpecsAndLeaveTheOriginal() {
    WindowingSpec base = WindowingSpec.fixed(ONE_MINUTE);
    WindowingSpec changed = base.withAllowedLateness(Duration.standardMinutes(2))
        .withEarlyFiringsEvery(Duration.standardSeconds(10))
        .discarding();
    assertEquals(WindowingSpec.fixed(ONE_MINUTE), base);
    assertEquals(Duration.standardMinutes(2), changed.allowedLateness());
    assertTrue(changed.hasLateFirings());
    assertEquals(Duration.standardSeconds(10), changed.earlyFiringsEvery());
    assertFalse(changed.isAccumulating());
    assertTrue(changed.accumulating().isAccumulating());
    assertNull(changed.withEarlyFiringsEvery(null).earlyFiringsEvery());
  }

  @Test
  public void equalsAndHashCode() {
    WindowingSpec a = WindowingSpec.sliding(Duration.standardMinutes(5), ONE_MINUTE)
        .withAllowedLateness(ONE_MINUTE);
    WindowingSpec b = WindowingSpec.sliding(Duration.standardMinutes(5), ONE_MINUTE)
        .withAllowedLateness(ONE_MINUTE);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.discarding());
    assertNotEquals(a, a.withAllowedLateness(Duration.ZERO));
    assertNotEquals(a, a.withEarlyFiringsEvery(ONE_MINUTE));
    assertNotEquals(WindowingSpec.fixed(ONE_MINUTE), WindowingSpec.sliding(ONE_MINUTE, ONE_MINUTE));
  }

  @Test
  public void serializableRoundTrip() {
    // Pipelines capture the spec in DoFns, so it must survive Java serialization.
    WindowingSpec s = WindowingSpec.sliding(Duration.standardMinutes(5), ONE_MINUTE)
        .withEarlyFiringsEvery(Duration.standardSeconds(10))
        .withAllowedLateness(Duration.standardMinutes(2))
        .discarding();
    assertEquals(s, SerializableUtils.clone(s));
  }

  // ---- fromOptions ---------------------------------------------------------------------------

  @Test
  public void fromOptionsDefaults() {
    WindowingSpec s = fromArgs();
    assertEquals(WindowingSpec.fixed(Duration.standardSeconds(60)), s);
    assertEquals("tumbling 1m, on time, allowed lateness 0, accumulating panes", s.describe());
    assertEquals("--window=fixed:1m --trigger=ontime --allowedLateness=0 --accumulation=accumulating",
        s.toText());
  }

  @Test
  public void fromOptionsEveryFlag() {
    WindowingSpec s = fromArgs("--windowSize=5m", "--windowSlide=1m", "--allowedLateness=2m",
        "--earlyFiringsEvery=10s", "--paneAccumulation=discarding");
    assertEquals(WindowingSpec.sliding(Duration.standardMinutes(5), ONE_MINUTE)
        .withAllowedLateness(Duration.standardMinutes(2))
        .withEarlyFiringsEvery(Duration.standardSeconds(10))
        .discarding(), s);
  }

  @Test
  public void fromOptionsAcceptsIsoAndTrimsAccumulation() {
    WindowingSpec s = fromArgs("--windowSize=PT1M30S", "--paneAccumulation= accumulating ");
    assertEquals(WindowingSpec.fixed(Duration.standardSeconds(90)), s);
  }

  @Test
  public void fromOptionsBlankSlideMeansTumbling() {
    assertFalse(fromArgs("--windowSlide= ").isSliding());
  }

  @Test
  public void badWindowSize() {
    assertEquals("--windowSize: 'abc' is not a duration: use " + Durations.ACCEPTED_FORMS,
        flagError("--windowSize=abc"));
    assertEquals("--windowSize: window size must be positive, was 0", flagError("--windowSize=0"));
    assertEquals("--windowSize: '999999999999d' is too long a duration: at most"
        + " 9223372036854775807ms", flagError("--windowSize=999999999999d"));
  }

  @Test
  public void badWindowSlide() {
    assertEquals("--windowSlide: '-1m' is not a duration: use " + Durations.ACCEPTED_FORMS,
        flagError("--windowSlide=-1m"));
    assertEquals("--windowSlide: window slide must be positive, was 0",
        flagError("--windowSlide=0"));
    assertEquals("--windowSlide: window slide (2m) must not exceed the window size (1m)",
        flagError("--windowSize=1m", "--windowSlide=2m"));
  }

  @Test
  public void badAllowedLateness() {
    assertEquals("--allowedLateness: '-1s' is not a duration: use " + Durations.ACCEPTED_FORMS,
        flagError("--allowedLateness=-1s"));
    assertEquals("--allowedLateness: '' is not a duration: use " + Durations.ACCEPTED_FORMS,
        flagError("--allowedLateness="));
  }

  @Test
  public void badEarlyFiringsEvery() {
    assertEquals("--earlyFiringsEvery: '1.5s' is not a duration: use " + Durations.ACCEPTED_FORMS,
        flagError("--earlyFiringsEvery=1.5s"));
    assertEquals("--earlyFiringsEvery: early firing interval must be positive",
        flagError("--earlyFiringsEvery=0"));
  }

  @Test
  public void badPaneAccumulation() {
    assertEquals("--paneAccumulation: 'Discarding' is not one of: accumulating, discarding",
        flagError("--paneAccumulation=Discarding"));
    assertEquals("--accumulation: 'both' is not one of: accumulating, discarding",
        flagError("--accumulation=both"));
  }

  @Test
  public void emptyShorthandsMeanNotGiven() {
    assertEquals(WindowingSpec.fixed(ONE_MINUTE), fromArgs("--windowSize=", "--windowSlide=",
        "--earlyFiringsEvery=", "--paneAccumulation=", "--window=", "--trigger=", "--accumulation="));
  }

  @Test
  public void everyBadFlagMessageStartsWithItsName() {
    String[][] cases = {
        {"--windowSize=x"}, {"--windowSize=-5s"}, {"--windowSize=0"},
        {"--windowSlide=x"}, {"--windowSlide=0"}, {"--windowSize=1m", "--windowSlide=90s"},
        {"--allowedLateness=x"}, {"--earlyFiringsEvery=x"}, {"--earlyFiringsEvery=0ms"},
        {"--paneAccumulation=x"}, {"--window=x"}, {"--window=fixed:0"}, {"--trigger=x"},
        {"--trigger=early:0"}, {"--accumulation=x"}};
    for (String[] args : cases) {
      String flag = args[args.length - 1].substring(0, args[args.length - 1].indexOf('='));
      assertThat(String.join(" ", args), flagError(args), startsWith(flag + ": "));
    }
  }

  // ---- trigger and window --------------------------------------------------------------------

  // ---- the full flags, their text form and the shorthands -----------------------------------

  @Test
  public void fullFlags() {
    WindowingSpec s = fromArgs("--window=sliding:5m/1m", "--trigger=early:10s,late:30s",
        "--allowedLateness=2m", "--accumulation=discarding");
    assertEquals(WindowingSpec.sliding(Duration.standardMinutes(5), ONE_MINUTE)
        .withAllowedLateness(Duration.standardMinutes(2))
        .withTrigger(TriggerSpec.parse("early:10s,late:30s"))
        .discarding(), s);
  }

  @Test
  public void shorthandsMeanTheSameAsTheFullFlags() {
    assertEquals(fromArgs("--window=sliding:5m/1m", "--trigger=early:10s,late:each",
            "--allowedLateness=2m", "--accumulation=discarding"),
        fromArgs("--windowSize=5m", "--windowSlide=1m", "--earlyFiringsEvery=10s",
            "--allowedLateness=2m", "--paneAccumulation=discarding"));
    // --windowSlide alone slides the default 60 s windows.
    assertEquals(fromArgs("--window=sliding:1m/30s"), fromArgs("--windowSlide=30s"));
  }

  @Test
  public void aShorthandAndItsFullFlagTogetherAreRefused() {
    assertEquals("--window and --windowSize both say what the windows are: give --window only "
        + "(--windowSize=5m --windowSlide=1m is --window=sliding:5m/1m)",
        flagError("--window=fixed:5m", "--windowSize=5m"));
    assertEquals("--window and --windowSlide both say what the windows are: give --window only "
        + "(--windowSize=5m --windowSlide=1m is --window=sliding:5m/1m)",
        flagError("--window=sliding:5m/1m", "--windowSlide=1m"));
    assertEquals("--trigger and --earlyFiringsEvery both say when panes fire: give --trigger only "
        + "(--earlyFiringsEvery=10s is --trigger=early:10s)",
        flagError("--trigger=ontime", "--earlyFiringsEvery=10s"));
    assertEquals("--accumulation and --paneAccumulation are the same setting: give "
        + "--accumulation only", flagError("--accumulation=discarding",
        "--paneAccumulation=discarding"));
  }

  @Test
  public void badFullFlagsNameTheFlagAndTheAcceptedForms() {
    assertEquals("--window: 'hopping:5m' is not a window; use " + WindowSpec.ACCEPTED_FORMS,
        flagError("--window=hopping:5m"));
    assertEquals("--window: 'session:0': session gap must be positive, was 0",
        flagError("--window=session:0"));
    assertEquals("--trigger: 'late:always': 'always' is not a duration: use "
        + Durations.ACCEPTED_FORMS, flagError("--trigger=late:always"));
    assertEquals("--trigger: 'after:5' is not a trigger; use " + TriggerSpec.ACCEPTED_FORMS,
        flagError("--trigger=after:5"));
  }

  @Test
  public void textRoundTripsAndIsCanonical() {
    String[] canonical = {
        "--window=fixed:1m --trigger=ontime --allowedLateness=0 --accumulation=accumulating",
        "--window=sliding:5m/1m --trigger=early:10s,late:each --allowedLateness=2m "
            + "--accumulation=discarding",
        "--window=session:10m --trigger=late:30s --allowedLateness=1h --accumulation=accumulating",
        "--window=global --trigger=count:100 --allowedLateness=0 --accumulation=discarding",
        "--window=global --trigger=early:1s --allowedLateness=0 --accumulation=accumulating",
        "--window=days:Europe/Paris --trigger=early:1m,late:1m --allowedLateness=1d "
            + "--accumulation=accumulating"};
    for (String text : canonical) {
      WindowingSpec s = WindowingSpec.parse(text);
      assertEquals(text, s.toText());
      assertEquals(s, WindowingSpec.parse(s.toText()));
      assertEquals(s, fromArgs(text.split(" ")));
      assertEquals(s, SerializableUtils.clone(s));
    }
    assertEquals(canonical[0], WindowingSpec.parse("").toText());
    assertEquals(canonical[1], WindowingSpec.parse("--accumulation=discarding --allowedLateness=120s"
        + "  --trigger=late:each,early:10s --window=sliding:300s/60s").toText());
  }

  @Test
  public void parseRefusesAnythingButTheFourFlags() {
    assertEquals("'--windowSize=5m' is not a windowing flag; use --window=, --trigger=, "
        + "--allowedLateness= and --accumulation=", assertThrows(IllegalArgumentException.class,
        () -> WindowingSpec.parse("--windowSize=5m")).getMessage());
    assertEquals("--window is given twice", assertThrows(IllegalArgumentException.class,
        () -> WindowingSpec.parse("--window=global --window=fixed:1m")).getMessage());
  }

  // ---- combinations --------------------------------------------------------------------------

  @Test
  public void lateFiringsWithoutAllowedLatenessAreRefused() {
    assertEquals("--trigger=late:each needs --allowedLateness above 0: with no allowed lateness "
        + "every late element is dropped, so late panes never fire",
        flagError("--trigger=late:each"));
    assertEquals("--trigger=early:10s,late:30s needs --allowedLateness above 0: with no allowed "
        + "lateness every late element is dropped, so late panes never fire",
        flagError("--trigger=early:10s,late:30s", "--allowedLateness=0"));
  }

  @Test
  public void allowedLatenessWithoutLateFiringsIsRefused() {
    assertEquals("--allowedLateness=2m with --trigger=ontime: without late firings a window closes "
        + "at its on-time pane and late data is dropped even within the allowed lateness; add "
        + "late:each or late:<interval> to --trigger",
        flagError("--trigger=ontime", "--allowedLateness=2m"));
    assertEquals("--allowedLateness=2m with --trigger=early:10s: without late firings a window "
        + "closes at its on-time pane and late data is dropped even within the allowed lateness; "
        + "add late:each or late:<interval> to --trigger",
        flagError("--trigger=early:10s", "--allowedLateness=2m"));
  }

  @Test
  public void countIsForTheGlobalWindow() {
    assertEquals("--trigger=count:100 is for --window=global: time windows fire when the "
        + "watermark passes their end, use ontime, early:<interval> or late:<each or interval> "
        + "with them", flagError("--trigger=count:100"));
    assertEquals(TriggerSpec.count(100),
        fromArgs("--window=global", "--trigger=count:100").triggerSpec());
  }

  @Test
  public void globalWindowTakesNoLateness() {
    assertEquals("--allowedLateness=1m with --window=global: the global window ends only when the "
        + "input does, so nothing in it is ever late; use --allowedLateness=0",
        flagError("--window=global", "--allowedLateness=1m"));
    assertEquals("--trigger=late:each with --window=global: nothing is ever late in the global "
        + "window, so late panes never fire; use ontime, early:<interval> or count:<n>",
        flagError("--window=global", "--trigger=late:each", "--allowedLateness=1m"));
  }

  @Test
  public void caveatsSayWhatTheGlobalWindowDoes() {
    assertEquals(List.of(), fromArgs().caveats());
    assertEquals(List.of("--window=global with --trigger=ontime fires once, when the input ends; an "
        + "unbounded input never ends, so it would never fire: use --trigger=count:<n> or "
        + "early:<interval> for streams"), fromArgs("--window=global").caveats());
    assertEquals(List.of("--window=global: panes come from the early firings every 10s and once "
        + "more when the input ends"), fromArgs("--window=global", "--trigger=early:10s").caveats());
    assertEquals(List.of("--trigger=count:5 fires a pane per 5 elements of a key; the rest fire "
        + "when the input ends"), fromArgs("--window=global", "--trigger=count:5").caveats());
  }

  @Test
  public void withAllowedLatenessAddsAndRemovesLateFiringsOnEachElement() {
    WindowingSpec late = WindowingSpec.fixed(ONE_MINUTE).withAllowedLateness(ONE_MINUTE);
    assertEquals(TriggerSpec.parse("late:each"), late.triggerSpec());
    assertEquals(TriggerSpec.onTime(), late.withAllowedLateness(Duration.ZERO).triggerSpec());
    WindowingSpec interval = late.withTrigger(TriggerSpec.parse("late:30s"));
    assertEquals(TriggerSpec.parse("late:30s"),
        interval.withAllowedLateness(Duration.standardMinutes(5)).triggerSpec());
  }

  // ---- trigger and window --------------------------------------------------------------------

  @Test
  public void onTimeOnlyTrigger() {
    Trigger t = WindowingSpec.fixed(ONE_MINUTE).trigger();
    assertThat(t, instanceOf(AfterWatermark.FromEndOfWindow.class));
    assertEquals("AfterWatermark.pastEndOfWindow()", t.toString());
  }

  @Test
  public void earlyOnlyTrigger() {
    Trigger t = WindowingSpec.fixed(ONE_MINUTE)
        .withEarlyFiringsEvery(Duration.standardSeconds(10)).trigger();
    assertThat(t, instanceOf(AfterWatermark.AfterWatermarkEarlyAndLate.class));
    assertEquals("AfterWatermark.pastEndOfWindow().withEarlyFirings("
        + "AfterProcessingTime.pastFirstElementInPane().plusDelayOf(10 seconds))", t.toString());
  }

  @Test
  public void lateOnlyTrigger() {
    Trigger t = WindowingSpec.fixed(ONE_MINUTE)
        .withAllowedLateness(Duration.standardMinutes(2)).trigger();
    assertThat(t, instanceOf(AfterWatermark.AfterWatermarkEarlyAndLate.class));
    assertEquals("AfterWatermark.pastEndOfWindow()"
        + ".withLateFirings(AfterPane.elementCountAtLeast(1))", t.toString());
  }

  @Test
  public void earlyAndLateTrigger() {
    Trigger t = WindowingSpec.fixed(ONE_MINUTE)
        .withEarlyFiringsEvery(Duration.standardSeconds(10))
        .withAllowedLateness(Duration.standardMinutes(2)).trigger();
    assertThat(t, instanceOf(AfterWatermark.AfterWatermarkEarlyAndLate.class));
    assertEquals("AfterWatermark.pastEndOfWindow().withEarlyFirings("
        + "AfterProcessingTime.pastFirstElementInPane().plusDelayOf(10 seconds))"
        + ".withLateFirings(AfterPane.elementCountAtLeast(1))", t.toString());
  }

  @Test
  public void toWindowAccumulating() {
    WindowingSpec spec = WindowingSpec.sliding(Duration.standardMinutes(5), ONE_MINUTE)
        .withAllowedLateness(Duration.standardMinutes(2));
    WindowingStrategy<?, ?> ws = strategyOf(spec);
    assertEquals(AccumulationMode.ACCUMULATING_FIRED_PANES, ws.getMode());
    assertEquals(Duration.standardMinutes(2), ws.getAllowedLateness());
    assertEquals(spec.windowFn(), ws.getWindowFn());
    assertEquals(spec.trigger().toString(), ws.getTrigger().toString());
  }

  @Test
  public void toWindowDiscarding() {
    WindowingStrategy<?, ?> ws = strategyOf(WindowingSpec.fixed(ONE_MINUTE).discarding());
    assertEquals(AccumulationMode.DISCARDING_FIRED_PANES, ws.getMode());
    assertEquals(Duration.ZERO, ws.getAllowedLateness());
    assertEquals(FixedWindows.of(ONE_MINUTE), ws.getWindowFn());
  }

  // ---- describe ------------------------------------------------------------------------------

  @Test
  public void describeTumbling() {
    assertEquals("tumbling 1m, on time, allowed lateness 0, accumulating panes",
        WindowingSpec.fixed(ONE_MINUTE).describe());
  }

  @Test
  public void toWindowOfEveryKind() {
    assertEquals(new org.apache.beam.sdk.transforms.windowing.GlobalWindows(), strategyOf(
        WindowingSpec.parse("--window=global --trigger=count:3")).getWindowFn());
    assertEquals("Repeatedly.forever(AfterPane.elementCountAtLeast(3))", strategyOf(
        WindowingSpec.parse("--window=global --trigger=count:3")).getTrigger().toString());
    assertEquals(org.apache.beam.sdk.transforms.windowing.Sessions.withGapDuration(ONE_MINUTE),
        strategyOf(WindowingSpec.parse("--window=session:1m")).getWindowFn());
  }

  @Test
  public void describeSlidingWithEverything() {
    WindowingSpec s = WindowingSpec.sliding(Duration.standardMinutes(5), ONE_MINUTE)
        .withEarlyFiringsEvery(Duration.standardSeconds(10))
        .withAllowedLateness(Duration.standardMinutes(2))
        .discarding();
    assertEquals("sliding 5m every 1m, on time, early firings every 10s, late firings on every "
        + "late element, allowed lateness 2m, discarding panes", s.describe());
    assertEquals(s.toText(), s.toString());
  }

  @Test
  public void describeUsesShortestDurations() {
    assertEquals("tumbling 90s, on time, late firings on every late element, allowed lateness "
        + "1500ms, accumulating panes",
        WindowingSpec.fixed(Duration.standardSeconds(90))
            .withAllowedLateness(Duration.millis(1500)).describe());
  }
}
