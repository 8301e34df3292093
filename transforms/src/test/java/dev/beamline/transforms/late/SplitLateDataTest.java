package dev.beamline.transforms.late;

import static dev.beamline.transforms.late.LateTestData.FIRST;
import static dev.beamline.transforms.late.LateTestData.MINUTE;
import static dev.beamline.transforms.late.LateTestData.SECOND;
import static dev.beamline.transforms.late.LateTestData.T0;
import static dev.beamline.transforms.late.LateTestData.at;
import static dev.beamline.transforms.late.LateTestData.late;
import static dev.beamline.transforms.late.LateTestData.stream;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.testing.PipelineCounters;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.Arrays;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * Late-data accounting, named by lateness case: on time and late within the allowed lateness pass
 * on unchanged, in their windows, for the aggregation; droppably late goes to the late output with
 * the window it missed; the counters add up to the input; and nothing passed on is dropped
 * downstream (Beam's own lateness counter stays at zero).
 */
public class SplitLateDataTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private SplitLateData.Result<String> split(TestStream<String> events, String windowing) {
    return p.apply(events)
        .apply(WindowingSpec.parse(windowing).<String>toWindow())
        .apply(SplitLateData.create());
  }

  private static long counter(PipelineResult r, String name) {
    return PipelineCounters.counter(r, "beamline", name);
  }

  /** Beam's own count of data it dropped for lateness (the runners name it differently). */
  private static long droppedByBeam(PipelineResult r) {
    long n = 0;
    for (MetricResult<Long> c : r.metrics().allMetrics().getCounters()) {
      if (c.getName().getName().equalsIgnoreCase("droppedDueToLateness")) {
        n += c.getAttempted();
      }
    }
    return n;
  }

  private static final String FIXED_LATE_2M =
      "--window=fixed:1m --trigger=late:each --allowedLateness=2m --accumulation=accumulating";

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeElementsPassOnUnchangedInTheirWindows() {
    TestStream<String> events = stream()
        .addElements(at("a", 1), at("b", 2), at("a", 61))
        .advanceWatermarkToInfinity();
    SplitLateData.Result<String> r = split(events, FIXED_LATE_2M);
    PAssert.that(r.accepted()).inWindow(FIRST).containsInAnyOrder("a", "b");
    PAssert.that(r.accepted()).inWindow(SECOND).containsInAnyOrder("a");
    PAssert.that(r.late()).empty();
    PipelineResult result = p.run();
    assertEquals(3, counter(result, "windowed_events"));
    assertEquals(0, counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateWithinAllowedLatenessPassesOnAndUpdatesALatePane() {
    TestStream<String> events = stream()
        .addElements(at("a", 1))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(150))) // FIRST expires at 2m59.999s
        .addElements(at("a", 2))
        .advanceWatermarkToInfinity();
    SplitLateData.Result<String> r = split(events, FIXED_LATE_2M);
    PCollection<KV<String, Long>> counts = r.accepted().apply(Count.perElement());
    PAssert.that(counts).inOnTimePane(FIRST).containsInAnyOrder(KV.of("a", 1L));
    PAssert.that(counts).inLatePane(FIRST).containsInAnyOrder(KV.of("a", 2L));
    PAssert.that(r.late()).empty();
    PipelineResult result = p.run();
    assertEquals(2, counter(result, "windowed_events"));
    assertEquals(0, counter(result, "dropped_late"));
    assertEquals(0, droppedByBeam(result));
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLateGoesToTheLateOutputWithTheWindowItMissed() {
    TestStream<String> events = stream()
        .addElements(at("a", 1))
        .advanceWatermarkTo(T0.plus(Duration.standardMinutes(3)))
        .addElements(at("a", 2))
        .advanceWatermarkToInfinity();
    SplitLateData.Result<String> r = split(events, FIXED_LATE_2M);
    PAssert.that(r.accepted()).inWindow(FIRST).containsInAnyOrder("a");
    PAssert.that(r.late()).containsInAnyOrder(late("a", 2, FIRST));
    PipelineResult result = p.run();
    assertEquals(1, counter(result, "windowed_events"));
    assertEquals(1, counter(result, "dropped_late"));
    assertEquals(0, droppedByBeam(result));
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLateInAWindowThatNeverSawAnElementGoesToTheLateOutput() {
    // No element of SECOND arrived before it expired: there is no per-window state to consult,
    // only the watermark.
    TestStream<String> events = stream()
        .addElements(at("a", 1))
        .advanceWatermarkTo(T0.plus(Duration.standardMinutes(5)))
        .addElements(at("b", 70))
        .advanceWatermarkToInfinity();
    SplitLateData.Result<String> r = split(events, FIXED_LATE_2M);
    PAssert.that(r.accepted()).inWindow(FIRST).containsInAnyOrder("a");
    PAssert.that(r.accepted()).inWindow(SECOND).empty();
    PAssert.that(r.late()).containsInAnyOrder(late("b", 70, SECOND));
    PipelineResult result = p.run();
    assertEquals(1, counter(result, "windowed_events"));
    assertEquals(1, counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void theLastMillisecondOfTheAllowedLatenessIsStillInTime() {
    // FIRST ends at 59.999s; with 1m lateness Beam drops its data once the watermark is past
    // 1m59.999s.
    TestStream<String> events = stream()
        .advanceWatermarkTo(T0.plus(Duration.millis(119_999)))
        .addElements(at("in-time", 10))
        .advanceWatermarkTo(T0.plus(Duration.millis(120_000)))
        .addElements(at("too-late", 20))
        .advanceWatermarkToInfinity();
    SplitLateData.Result<String> r = split(events,
        "--window=fixed:1m --trigger=late:each --allowedLateness=1m --accumulation=accumulating");
    PAssert.that(r.accepted()).inWindow(FIRST).containsInAnyOrder("in-time");
    PAssert.that(r.late()).containsInAnyOrder(late("too-late", 20, FIRST));
    p.run();
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  // NotOnFlink: the first pane of a window whose first element came after the window's end is reported ON_TIME instead of LATE by the Flink runner (apache/beam#20845); SplitLateData itself routes every element right there
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void severalKeysAndWindowsEachGoWhereTheirLatenessSays() {
    TestStream<KV<String, Integer>> events = TestStream.create(
            KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
        .advanceWatermarkTo(T0)
        .addElements(kv("s1", 1, 5), kv("s2", 2, 7), kv("s1", 3, 65))
        // FIRST has ended (late within lateness), SECOND is still open.
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(100)))
        .addElements(kv("s2", 4, 30), kv("s1", 5, 90))
        // FIRST has expired (2m59.999s < 3m30s), SECOND has ended but not expired.
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(210)))
        .addElements(kv("s1", 6, 40), kv("s2", 7, 110), kv("s2", 8, 170))
        .advanceWatermarkToInfinity();
    SplitLateData.Result<KV<String, Integer>> r = p.apply(events)
        .apply(WindowingSpec.parse(FIXED_LATE_2M).<KV<String, Integer>>toWindow())
        .apply(SplitLateData.create());
    PCollection<KV<String, Integer>> sums = r.accepted().apply(Sum.integersPerKey());
    PAssert.that(sums).inOnTimePane(FIRST).containsInAnyOrder(KV.of("s1", 1), KV.of("s2", 2));
    PAssert.that(sums).inLatePane(FIRST).containsInAnyOrder(KV.of("s2", 6));
    PAssert.that(sums).inOnTimePane(SECOND).containsInAnyOrder(KV.of("s1", 8));
    PAssert.that(sums).inLatePane(SECOND).containsInAnyOrder(KV.of("s2", 7));
    IntervalWindow third = new IntervalWindow(T0.plus(Duration.standardMinutes(2)), MINUTE);
    // Nothing of the third window came before its end: its first pane is a late one.
    PAssert.that(sums).inLatePane(third).containsInAnyOrder(KV.of("s2", 8));
    PAssert.that(r.late()).containsInAnyOrder(new LateElement<>(KV.of("s1", 6),
        T0.plus(Duration.standardSeconds(40)), FIRST.start(), FIRST.end()));
    PipelineResult result = p.run();
    assertEquals(7, counter(result, "windowed_events"));
    assertEquals(1, counter(result, "dropped_late"));
    assertEquals(0, droppedByBeam(result));
  }

  private static TimestampedValue<KV<String, Integer>> kv(String k, int v, int seconds) {
    return TimestampedValue.of(KV.of(k, v), T0.plus(Duration.standardSeconds(seconds)));
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void slidingWindowsMissTheirOlderWindowsFirstAndTheElementCountsOnce() {
    // At 90s the element is in [0s, 120s) and [60s, 180s); the watermark at 150s has passed the
    // end of the first (no allowed lateness) but not of the second.
    TestStream<String> events = stream()
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(150)))
        .addElements(at("a", 90))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(200)))
        .addElements(at("b", 100))
        .advanceWatermarkToInfinity();
    SplitLateData.Result<String> r = split(events,
        "--window=sliding:2m/1m --trigger=ontime --allowedLateness=0 --accumulation=accumulating");
    IntervalWindow older = new IntervalWindow(T0, Duration.standardMinutes(2));
    IntervalWindow newer = new IntervalWindow(T0.plus(MINUTE), Duration.standardMinutes(2));
    PAssert.that(r.accepted()).inWindow(newer).containsInAnyOrder("a");
    PAssert.that(r.accepted()).inWindow(older).empty();
    PAssert.that(r.late()).containsInAnyOrder(late("a", 90, older), late("b", 100, older),
        late("b", 100, newer));
    PipelineResult result = p.run();
    assertEquals(1, counter(result, "windowed_events"));
    assertEquals(1, counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void sessionsJudgeEachElementByItsOwnGapWindow() {
    // Beam drops an element of a session window by the window the element was assigned before
    // merging: [ts, ts + gap).
    TestStream<String> events = stream()
        .addElements(at("a", 0))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(75)))
        .addElements(at("a", 10), at("a", 20))
        .advanceWatermarkToInfinity();
    SplitLateData.Result<String> r = split(events,
        "--window=session:1m --trigger=ontime --allowedLateness=0 --accumulation=accumulating");
    PAssert.that(r.late()).containsInAnyOrder(
        late("a", 10, new IntervalWindow(T0.plus(Duration.standardSeconds(10)), MINUTE)));
    PCollection<KV<String, Long>> counts = r.accepted().apply(Count.perElement());
    // The session [0s, 60s) fired and expired at the 75s watermark, so 20s cannot join it: it
    // starts a session of its own.
    PAssert.that(counts).inWindow(new IntervalWindow(T0, MINUTE)).containsInAnyOrder(KV.of("a", 1L));
    PAssert.that(counts).inWindow(new IntervalWindow(T0.plus(Duration.standardSeconds(20)), MINUTE))
        .containsInAnyOrder(KV.of("a", 1L));
    PipelineResult result = p.run();
    assertEquals(2, counter(result, "windowed_events"));
    assertEquals(1, counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void nothingIsLateInTheGlobalWindow() {
    TestStream<String> events = stream()
        .advanceWatermarkTo(T0.plus(Duration.standardDays(365)))
        .addElements(at("old", 1))
        .advanceWatermarkToInfinity();
    SplitLateData.Result<String> r = split(events,
        "--window=global --trigger=count:1 --allowedLateness=0 --accumulation=discarding");
    PAssert.that(r.accepted()).inWindow(GlobalWindow.INSTANCE).containsInAnyOrder("old");
    PAssert.that(r.late()).empty();
    p.run();
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void boundedInputHasNoLateDataOnAnyRunner() {
    PCollection<String> in = p.apply(Create.timestamped(Arrays.asList(at("a", 1), at("b", 2),
        at("a", 61))).withCoder(StringUtf8Coder.of()));
    SplitLateData.Result<String> r = in
        .apply(WindowingSpec.parse("--window=fixed:1m").<String>toWindow())
        .apply(SplitLateData.create());
    PAssert.that(r.accepted().apply(Count.perElement())).inWindow(FIRST)
        .containsInAnyOrder(KV.of("a", 1L), KV.of("b", 1L));
    PAssert.that(r.accepted()).inWindow(SECOND).containsInAnyOrder("a");
    PAssert.that(r.late()).empty();
    PipelineResult result = p.run();
    assertEquals(3, counter(result, "windowed_events"));
    assertEquals(0, counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void boundedInputInSlidingWindowsPassesOnInEveryWindowAndCountsEachElementOnce() {
    // Batch on Flink and Spark takes the counting pass-through, the DirectRunner the routing step:
    // both must give every window its elements and count an element once, not once per window.
    PCollection<String> in = p.apply(Create.timestamped(Arrays.asList(at("a", 90), at("b", 30)))
        .withCoder(StringUtf8Coder.of()));
    SplitLateData.Result<String> r = in
        .apply(WindowingSpec.parse("--window=sliding:2m/1m").<String>toWindow())
        .apply(SplitLateData.create());
    IntervalWindow before = new IntervalWindow(T0.minus(MINUTE), Duration.standardMinutes(2));
    IntervalWindow older = new IntervalWindow(T0, Duration.standardMinutes(2));
    IntervalWindow newer = new IntervalWindow(T0.plus(MINUTE), Duration.standardMinutes(2));
    PAssert.that(r.accepted()).inWindow(before).containsInAnyOrder("b");
    PAssert.that(r.accepted()).inWindow(older).containsInAnyOrder("a", "b");
    PAssert.that(r.accepted()).inWindow(newer).containsInAnyOrder("a");
    PAssert.that(r.late()).empty();
    PipelineResult result = p.run();
    assertEquals(2, counter(result, "windowed_events"));
    assertEquals(0, counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: SplitLateData refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void acceptedKeepsTheInputCoderAndWindowingStrategy() {
    PCollection<String> windowed = p.apply(Create.of("a").withCoder(StringUtf8Coder.of()))
        .apply(WindowingSpec.parse(FIXED_LATE_2M).<String>toWindow());
    SplitLateData.Result<String> r = windowed.apply(SplitLateData.<String>create()
        .withCounterNamespace("custom"));
    assertEquals(windowed.getWindowingStrategy(), r.accepted().getWindowingStrategy());
    assertEquals(StringUtf8Coder.of(), r.accepted().getCoder());
    assertEquals(LateElementCoder.of(StringUtf8Coder.of()), r.late().getCoder());
    PipelineResult result = p.run();
    assertEquals(1, PipelineCounters.counter(result, "custom", "windowed_events"));
  }

  @Test
  @Category(UsesTestStream.class)
  public void theSparkRunnerInStreamingModeIsRefusedAtConstructionAndNoOtherRunnerIs() {
    PCollection<String> unbounded = p.apply(stream().advanceWatermarkToInfinity());
    String runner = p.getOptions().getRunner().getSimpleName();
    if (runner.contains("Spark")) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> unbounded.apply(SplitLateData.create()));
      assertEquals("SplitLateData cannot run on " + runner + " in streaming mode: it reads the "
          + "watermark through an event-time timer, which the Spark runner does not support in "
          + "streaming (apache/beam#33237), and without it late data cannot be told apart. Run in "
          + "batch (bounded input), or on the Flink or Direct runner.", e.getMessage());
    } else {
      assertNull(SplitLateData.unsupportedBy(p.getOptions(), true));
      unbounded.apply(SplitLateData.create());
    }
    p.enableAbandonedNodeEnforcement(false);
  }
}
