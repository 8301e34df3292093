package dev.beamline.transforms.windowing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.CalendarWindows;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Sessions;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.DateTimeZone;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * The window kinds: their text form (canonical, round-tripping, with clear refusals) and, on a
 * bounded input that every runner runs in batch, the windows each kind puts elements in.
 */
public class WindowSpecTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static String rejection(String text) {
    return assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse(text)).getMessage();
  }

  private static void assertRoundTrip(WindowSpec w) {
    assertEquals(w, WindowSpec.parse(w.toText()));
    assertEquals(w.toText(), WindowSpec.parse(w.toText()).toText());
  }

  // ---- text form -----------------------------------------------------------------------------

  @Test
  public void parsesEveryKind() {
    assertEquals(WindowSpec.fixed(MINUTE), WindowSpec.parse("fixed:1m"));
    assertEquals(WindowSpec.sliding(Duration.standardMinutes(5), MINUTE),
        WindowSpec.parse("sliding:5m/1m"));
    assertEquals(WindowSpec.session(Duration.standardMinutes(10)), WindowSpec.parse("session:10m"));
    assertEquals(WindowSpec.global(), WindowSpec.parse("global"));
    assertEquals(WindowSpec.days("Europe/Paris"), WindowSpec.parse("days:Europe/Paris"));
  }

  @Test
  public void textIsCanonical() {
    assertEquals("fixed:1m", WindowSpec.parse("fixed:60s").toText());
    assertEquals("fixed:90s", WindowSpec.parse(" fixed:PT1M30S ").toText());
    assertEquals("sliding:1h/15m", WindowSpec.parse("sliding:60m/900s").toText());
    assertEquals("session:1500ms", WindowSpec.parse("session:1500ms").toText());
    assertEquals("global", WindowSpec.parse("global").toText());
    assertEquals("days:UTC", WindowSpec.parse("days:UTC").toText());
  }

  @Test
  public void everyKindRoundTrips() {
    assertRoundTrip(WindowSpec.fixed(Duration.millis(1)));
    assertRoundTrip(WindowSpec.fixed(Duration.standardDays(3)));
    assertRoundTrip(WindowSpec.sliding(Duration.standardMinutes(5), Duration.standardSeconds(30)));
    assertRoundTrip(WindowSpec.sliding(MINUTE, MINUTE));
    assertRoundTrip(WindowSpec.session(Duration.millis(1500)));
    assertRoundTrip(WindowSpec.global());
    assertRoundTrip(WindowSpec.days("America/New_York"));
    assertRoundTrip(WindowSpec.days("UTC"));
  }

  @Test
  public void accessorsByKind() {
    WindowSpec s = WindowSpec.sliding(Duration.standardMinutes(5), MINUTE);
    assertEquals(WindowSpec.Kind.SLIDING, s.kind());
    assertEquals(Duration.standardMinutes(5), s.size());
    assertEquals(MINUTE, s.slide());
    assertNull(s.gap());
    WindowSpec session = WindowSpec.session(MINUTE);
    assertEquals(MINUTE, session.gap());
    assertNull(session.size());
    assertTrue(session.isMerging());
    assertFalse(s.isMerging());
    assertTrue(WindowSpec.global().isGlobal());
    assertEquals("Europe/Paris", WindowSpec.days("Europe/Paris").timeZone());
  }

  @Test
  public void windowFnOfEveryKind() {
    assertEquals(FixedWindows.of(MINUTE), WindowSpec.fixed(MINUTE).windowFn());
    assertEquals(SlidingWindows.of(Duration.standardMinutes(5)).every(MINUTE),
        WindowSpec.sliding(Duration.standardMinutes(5), MINUTE).windowFn());
    assertEquals(Sessions.withGapDuration(MINUTE), WindowSpec.session(MINUTE).windowFn());
    assertEquals(new GlobalWindows(), WindowSpec.global().windowFn());
    CalendarWindows.DaysWindows days = (CalendarWindows.DaysWindows) WindowSpec.days("Europe/Paris").windowFn();
    assertEquals(DateTimeZone.forID("Europe/Paris"), days.getTimeZone());
    assertEquals(1, days.getNumber());
  }

  @Test
  public void unknownKindNamesTheAcceptedForms() {
    assertEquals("'tumbling:1m' is not a window; use " + WindowSpec.ACCEPTED_FORMS,
        rejection("tumbling:1m"));
    assertEquals("'' is not a window; use " + WindowSpec.ACCEPTED_FORMS, rejection(""));
    assertEquals("'fixed' is not a window; use " + WindowSpec.ACCEPTED_FORMS, rejection("fixed"));
    assertEquals("'global:1m' is not a window; use " + WindowSpec.ACCEPTED_FORMS,
        rejection("global:1m"));
    assertEquals("'sliding:5m' is not a window; use " + WindowSpec.ACCEPTED_FORMS,
        rejection("sliding:5m"));
    assertEquals("'days:' is not a window; use " + WindowSpec.ACCEPTED_FORMS, rejection("days:"));
    assertEquals("fixed:<size> | sliding:<size>/<slide> | session:<gap> | global | days:<time zone>"
        + " (e.g. fixed:1m, sliding:5m/1m, session:10m, days:Europe/Paris)", WindowSpec.ACCEPTED_FORMS);
  }

  @Test
  public void badArgumentsSayWhatIsWrong() {
    assertEquals("'fixed:abc': 'abc' is not a duration: use " + Durations.ACCEPTED_FORMS,
        rejection("fixed:abc"));
    assertEquals("'fixed:0': window size must be positive, was 0", rejection("fixed:0"));
    assertEquals("'sliding:1m/2m': window slide (2m) must not exceed the window size (1m)",
        rejection("sliding:1m/2m"));
    assertEquals("'sliding:1m/0': window slide must be positive, was 0", rejection("sliding:1m/0"));
    assertEquals("'session:0': session gap must be positive, was 0", rejection("session:0"));
    assertEquals("'days:Mars/Olympus': 'Mars/Olympus' is not a time zone: use an IANA id such as "
        + "Europe/Paris, America/New_York or UTC", rejection("days:Mars/Olympus"));
  }

  @Test
  public void equalsHashCodeAndSerialization() {
    WindowSpec a = WindowSpec.days("Europe/Paris");
    assertEquals(a, WindowSpec.days("Europe/Paris"));
    assertEquals(a.hashCode(), WindowSpec.days("Europe/Paris").hashCode());
    assertFalse(a.equals(WindowSpec.days("UTC")));
    assertFalse(WindowSpec.fixed(MINUTE).equals(WindowSpec.session(MINUTE)));
    assertFalse(WindowSpec.fixed(MINUTE).equals(WindowSpec.sliding(MINUTE, MINUTE)));
    assertEquals(a, SerializableUtils.clone(a));
  }

  @Test
  public void describeEveryKind() {
    assertEquals("tumbling 1m", WindowSpec.fixed(MINUTE).describe());
    assertEquals("sliding 5m every 1m",
        WindowSpec.sliding(Duration.standardMinutes(5), MINUTE).describe());
    assertEquals("sessions with gap 10m", WindowSpec.session(Duration.standardMinutes(10)).describe());
    assertEquals("global window", WindowSpec.global().describe());
    assertEquals("calendar days in Europe/Paris", WindowSpec.days("Europe/Paris").describe());
  }

  // ---- the windows each kind assigns (bounded input: batch on every runner) -------------------

  @SafeVarargs
  private final PCollection<KV<String, Long>> countPerWindow(WindowSpec spec,
      TimestampedValue<String>... events) {
    return p.apply(Create.timestamped(java.util.Arrays.asList(events)).withCoder(StringUtf8Coder.of()))
        .apply(WindowingSpec.of(spec).<String>toWindow())
        .apply(Count.perElement());
  }

  private static TimestampedValue<String> at(String v, Instant t) {
    return TimestampedValue.of(v, t);
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void fixedWindowsCountEachElementOnce() {
    PCollection<KV<String, Long>> out = countPerWindow(WindowSpec.fixed(MINUTE),
        at("a", T0), at("a", T0.plus(Duration.standardSeconds(59))), at("a", T0.plus(MINUTE)));
    PAssert.that(out).inWindow(new IntervalWindow(T0, MINUTE)).containsInAnyOrder(KV.of("a", 2L));
    PAssert.that(out).inWindow(new IntervalWindow(T0.plus(MINUTE), MINUTE))
        .containsInAnyOrder(KV.of("a", 1L));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void slidingWindowsCountAnElementInEveryWindowThatCoversIt() {
    PCollection<KV<String, Long>> out = countPerWindow(
        WindowSpec.sliding(Duration.standardMinutes(2), MINUTE),
        at("a", T0.plus(Duration.standardSeconds(90))));
    PAssert.that(out).inWindow(new IntervalWindow(T0, Duration.standardMinutes(2)))
        .containsInAnyOrder(KV.of("a", 1L));
    PAssert.that(out).inWindow(new IntervalWindow(T0.plus(MINUTE), Duration.standardMinutes(2)))
        .containsInAnyOrder(KV.of("a", 1L));
    PAssert.that(out).containsInAnyOrder(KV.of("a", 1L), KV.of("a", 1L));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void sessionWindowsMergeActivityCloserThanTheGapPerKey() {
    // a: 0s, 30s, 80s (gaps of 30s and 50s < 1m) -> one session [0s, 140s); b: 0s and 61s -> two.
    PCollection<KV<String, Long>> out = countPerWindow(WindowSpec.session(MINUTE),
        at("a", T0), at("a", T0.plus(Duration.standardSeconds(30))),
        at("a", T0.plus(Duration.standardSeconds(80))),
        at("b", T0), at("b", T0.plus(Duration.standardSeconds(61))));
    PAssert.that(out).inWindow(new IntervalWindow(T0, T0.plus(Duration.standardSeconds(140))))
        .containsInAnyOrder(KV.of("a", 3L));
    PAssert.that(out).inWindow(new IntervalWindow(T0, MINUTE)).containsInAnyOrder(KV.of("b", 1L));
    PAssert.that(out).inWindow(new IntervalWindow(T0.plus(Duration.standardSeconds(61)), MINUTE))
        .containsInAnyOrder(KV.of("b", 1L));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void globalWindowCountsEverythingOnceTheInputEnds() {
    PCollection<KV<String, Long>> out = countPerWindow(WindowSpec.global(),
        at("a", T0), at("a", T0.plus(Duration.standardDays(400))), at("b", T0));
    PAssert.that(out).inWindow(GlobalWindow.INSTANCE)
        .containsInAnyOrder(KV.of("a", 2L), KV.of("b", 1L));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void calendarDaysFollowTheTimeZoneAcrossADaylightSavingChange() {
    // Paris left summer time on 2026-10-25 at 03:00 local: that day is 25 hours long.
    Instant oct25 = Instant.parse("2026-10-24T22:00:00Z"); // midnight in Paris (UTC+2)
    Instant oct26 = Instant.parse("2026-10-25T23:00:00Z"); // midnight in Paris (UTC+1)
    PCollection<KV<String, Long>> out = countPerWindow(WindowSpec.days("Europe/Paris"),
        at("a", oct25), at("a", oct26.minus(Duration.millis(1))), at("a", oct26));
    PAssert.that(out).inWindow(new IntervalWindow(oct25, oct26)).containsInAnyOrder(KV.of("a", 2L));
    PAssert.that(out).inWindow(new IntervalWindow(oct26, Instant.parse("2026-10-26T23:00:00Z")))
        .containsInAnyOrder(KV.of("a", 1L));
    p.run();
  }
}
