package dev.beamline.pipelines.clickstreamsessions;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.pipelines.ResultPane;
import dev.beamline.transforms.late.LateElement;
import dev.beamline.transforms.testing.PipelineCounters;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.windowing.WindowSpec;
import dev.beamline.transforms.windowing.WindowingSpec;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * Session summaries under event-time scenarios named by lateness case: on time (out-of-order
 * events, sessions split by the gap), early, late within the allowed lateness (a late event that
 * bridges two sessions merges them), droppably late (the same event, too late to merge anything).
 * Every assertion names the session window and the pane it expects; a session window runs from its
 * first event to its last event plus the gap.
 */
public class SessionSummariesTest {
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private static final Duration GAP = Duration.standardMinutes(5);
  private static final WindowingSpec ON_TIME = WindowingSpec.of(WindowSpec.session(GAP));

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Instant at(int minutes, int seconds) {
    return T0.plus(Duration.standardMinutes(minutes)).plus(Duration.standardSeconds(seconds));
  }

  private static TimestampedValue<ClickEvent> click(String user, String page, String action,
      int minutes, int seconds) {
    Instant ts = at(minutes, seconds);
    return TimestampedValue.of(new ClickEvent(user, page, action, ts.getMillis()), ts);
  }

  private static TimestampedValue<ClickEvent> view(String user, String page, int minutes,
      int seconds) {
    return click(user, page, "view", minutes, seconds);
  }

  /** The session window of events from {@code first} to {@code last}. */
  private static IntervalWindow session(Instant first, Instant last) {
    return new IntervalWindow(first, last.plus(GAP));
  }

  private static SessionSummary summary(String user, Instant start, Instant end, String firstPage,
      String lastPage, long events, long pages, boolean converted, Timing timing, long index,
      boolean last) {
    return new SessionSummary(user, new SessionStats(start.getMillis(), end.getMillis(), firstPage,
        lastPage, events, pages, converted), new ResultPane(timing, index, last));
  }

  private static TestStream.Builder<ClickEvent> stream() {
    return TestStream.create(ClickEventCoder.of()).advanceWatermarkTo(T0);
  }

  private PCollectionTuple summarise(TestStream<ClickEvent> events, WindowingSpec spec) {
    return p.apply(events).apply(SessionSummaries.of(spec));
  }

  private PCollection<SessionSummary> sessions(TestStream<ClickEvent> events, WindowingSpec spec) {
    return summarise(events, spec).get(SessionSummaries.SESSIONS);
  }

  // NotOnSparkStreaming: SessionSummaries splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_outOfOrderEventsFormSessionsThatTheGapSplits() {
    TestStream<ClickEvent> events = stream()
        .addElements(view("u1", "/p/42", 2, 0), view("u1", "/home", 0, 0))
        .addElements(click("u1", "/search", "search", 1, 0), view("u1", "/p/42", 2, 30))
        .addElements(view("u2", "/home", 3, 0))
        // Twenty minutes later: more than the gap, a new session of u1.
        .addElements(view("u1", "/home", 20, 0), click("u1", "/cart", "purchase", 21, 0))
        .advanceWatermarkToInfinity();

    PCollection<SessionSummary> out = sessions(events, ON_TIME);

    PAssert.that(out).inOnTimePane(session(at(0, 0), at(2, 30))).containsInAnyOrder(
        summary("u1", at(0, 0), at(2, 30), "/home", "/p/42", 4, 3, false, Timing.ON_TIME, 0, true));
    PAssert.that(out).inOnTimePane(session(at(3, 0), at(3, 0))).containsInAnyOrder(
        summary("u2", at(3, 0), at(3, 0), "/home", "/home", 1, 1, false, Timing.ON_TIME, 0, true));
    PAssert.that(out).inOnTimePane(session(at(20, 0), at(21, 0))).containsInAnyOrder(
        summary("u1", at(20, 0), at(21, 0), "/home", "/cart", 2, 2, true, Timing.ON_TIME, 0, true));
    p.run();
  }

  // NotOnSparkStreaming: SessionSummaries splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_eventsAtTheSameInstantOrderFirstAndLastPageByPage() {
    TestStream<ClickEvent> events = stream()
        .addElements(view("u1", "/b", 0, 0), view("u1", "/a", 0, 0), view("u1", "/c", 0, 0))
        .advanceWatermarkToInfinity();

    PAssert.that(sessions(events, ON_TIME)).inOnTimePane(session(at(0, 0), at(0, 0)))
        .containsInAnyOrder(summary("u1", at(0, 0), at(0, 0), "/a", "/c", 3, 3, false,
            Timing.ON_TIME, 0, true));
    p.run();
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming: SessionSummaries splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void early_aSpeculativePaneShowsTheSessionSoFarAndTheOnTimePaneTheWholeSession() {
    TestStream<ClickEvent> events = stream()
        .addElements(view("u1", "/home", 0, 0))
        .advanceProcessingTime(Duration.standardSeconds(11))
        .addElements(view("u1", "/p/7", 1, 0))
        .advanceWatermarkToInfinity();

    PCollection<SessionSummary> out =
        sessions(events, ON_TIME.withEarlyFiringsEvery(Duration.standardSeconds(10)));

    // The early pane belongs to the session window as it was then. The event a minute later
    // grew it into a new, merged window, whose panes are counted afresh: its on-time pane is its
    // first (index 0), not the early pane's successor.
    PAssert.that(out).inEarlyPane(session(at(0, 0), at(0, 0))).containsInAnyOrder(
        summary("u1", at(0, 0), at(0, 0), "/home", "/home", 1, 1, false, Timing.EARLY, 0, false));
    PAssert.that(out).inOnTimePane(session(at(0, 0), at(1, 0))).containsInAnyOrder(
        summary("u1", at(0, 0), at(1, 0), "/home", "/p/7", 2, 2, false, Timing.ON_TIME, 0, true));
    p.run();
  }

  /** Session A: 09:00–09:03; session B: 09:12–09:14 (with a purchase); 9 minutes apart. */
  private static TestStream.Builder<ClickEvent> twoSessions() {
    return stream()
        .addElements(view("u1", "/home", 0, 0), view("u1", "/a", 3, 0))
        .addElements(view("u1", "/b", 12, 0), click("u1", "/cart", "purchase", 14, 0));
  }

  // NotOnFlink: the Flink runner emits no late pane for the session that a late event merges under TestStream (measured; the same test passes on Direct; nearest apache/beam#20844)
  // NotOnSparkStreaming: SessionSummaries splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void lateWithinAllowedLateness_aLateEventThatBridgesTwoSessionsMergesThemInALatePane() {
    TestStream<ClickEvent> events = twoSessions()
        .advanceWatermarkTo(at(20, 0)) // both sessions fire on time
        // At 09:07:30 the event's window [09:07:30, 09:12:30) overlaps A's [09:00, 09:08) and B's
        // [09:12, 09:19): one session now. 7.5 min behind its window's end, lateness allows 30.
        .addElements(view("u1", "/c", 7, 30))
        .advanceWatermarkToInfinity();

    PCollection<SessionSummary> out = sessions(events,
        ON_TIME.withAllowedLateness(Duration.standardMinutes(30)));

    PAssert.that(out).inOnTimePane(session(at(0, 0), at(3, 0))).containsInAnyOrder(
        summary("u1", at(0, 0), at(3, 0), "/home", "/a", 2, 2, false, Timing.ON_TIME, 0, false));
    PAssert.that(out).inOnTimePane(session(at(12, 0), at(14, 0))).containsInAnyOrder(
        summary("u1", at(12, 0), at(14, 0), "/b", "/cart", 2, 2, true, Timing.ON_TIME, 0, false));
    // Accumulating panes: the merged session holds all five events, not only the late one. It is a
    // new window, so its first pane has index 0; it is LATE because the watermark is past its end.
    PAssert.that(out).inLatePane(session(at(0, 0), at(14, 0))).containsInAnyOrder(
        summary("u1", at(0, 0), at(14, 0), "/home", "/cart", 5, 5, true, Timing.LATE, 0, false));
    p.run();
  }

  // NotOnSparkStreaming: SessionSummaries splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLate_theBridgingEventAfterTheAllowedLatenessMergesNothing() {
    TestStream<ClickEvent> events = twoSessions()
        // Past both sessions' ends plus the 5 minutes of lateness, and past the late event's own
        // window [09:07:30, 09:12:30) plus lateness: Beam drops it before merging.
        .advanceWatermarkTo(at(40, 0))
        .addElements(view("u1", "/c", 7, 30))
        .advanceWatermarkToInfinity();

    PCollectionTuple result =
        summarise(events, ON_TIME.withAllowedLateness(Duration.standardMinutes(5)));
    PCollection<SessionSummary> out = result.get(SessionSummaries.SESSIONS);

    // Not dropped silently: the event goes to the late output with the window it would have opened.
    ClickEvent late = new ClickEvent("u1", "/c", "view", at(7, 30).getMillis());
    PAssert.that(result.get(SessionSummaries.LATE)).containsInAnyOrder(
        new LateElement<>(late, at(7, 30), at(7, 30), at(7, 30).plus(GAP)));
    PAssert.that(out).inWindow(session(at(0, 0), at(3, 0))).containsInAnyOrder(
        summary("u1", at(0, 0), at(3, 0), "/home", "/a", 2, 2, false, Timing.ON_TIME, 0, true));
    PAssert.that(out).inWindow(session(at(12, 0), at(14, 0))).containsInAnyOrder(
        summary("u1", at(12, 0), at(14, 0), "/b", "/cart", 2, 2, true, Timing.ON_TIME, 0, true));
    PAssert.that(out).inWindow(session(at(0, 0), at(14, 0))).empty();
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(4, PipelineCounters.counter(run, "beamline", "windowed_events"));
    assertEquals(1, PipelineCounters.counter(run, "beamline", "dropped_late"));
  }

  @Test
  public void discardingPanesWithLateFiringsAreRefused() {
    PCollection<ClickEvent> events = p.apply(stream().advanceWatermarkToInfinity());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> events.apply(SessionSummaries.of(ON_TIME.withAllowedLateness(GAP).discarding())));
    assertEquals("SessionSummaries needs accumulating panes when a window fires more than once "
        + "(early firings or allowed lateness): a discarding pane holds only what arrived since "
        + "the previous one, so its ranking or count would not be the window's. Use "
        + "--accumulation=accumulating.", e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }

  /**
   * Bounded input, so every batch runner runs it: events that arrive out of order merge into
   * sessions alike. Asserts the window and summary only: Flink and Spark batch report merged
   * panes with timing UNKNOWN.
   */
  // NotOnSparkStreaming: SessionSummaries splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTime_boundedInputMergesSessionsOnEveryRunner() {
    PCollection<SessionSummary> sessions = p
        .apply(Create.timestamped(view("u1", "/b", 4, 0), view("u1", "/a", 0, 0),
                view("u1", "/c", 8, 0), view("u1", "/d", 30, 0))
            .withCoder(ClickEventCoder.of()))
        .apply(SessionSummaries.of(ON_TIME))
        .get(SessionSummaries.SESSIONS);
    PCollection<SessionStats> out = sessions
        .apply(MapElements.into(TypeDescriptor.of(SessionStats.class))
            .via((SessionSummary s) -> s.stats()))
        .setCoder(SessionStatsCoder.of());

    PAssert.that(out).inWindow(session(at(0, 0), at(8, 0))).containsInAnyOrder(
        new SessionStats(at(0, 0).getMillis(), at(8, 0).getMillis(), "/a", "/c", 3, 3, false));
    PAssert.that(out).inWindow(session(at(30, 0), at(30, 0))).containsInAnyOrder(
        new SessionStats(at(30, 0).getMillis(), at(30, 0).getMillis(), "/d", "/d", 1, 1, false));
    p.run();
  }

  @Test
  public void windowsOtherThanSessionsAreRefused() {
    assertEquals("SessionSummaries needs session windows (--window=session:<gap>), got fixed:5m",
        assertThrows(IllegalArgumentException.class,
            () -> SessionSummaries.of(WindowingSpec.fixed(GAP))).getMessage());
  }
}
