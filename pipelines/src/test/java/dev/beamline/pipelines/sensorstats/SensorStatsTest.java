package dev.beamline.pipelines.sensorstats;

import static org.junit.Assert.assertEquals;

import dev.beamline.transforms.late.LateElement;
import dev.beamline.transforms.stats.NumericSummary;
import dev.beamline.transforms.testing.PipelineCounters;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.Arrays;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
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
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * The sensor-stats composite under event-time scenarios, named by lateness case: on time,
 * early (speculative), late within the allowed lateness, and droppably late (to the late output). Every assertion names
 * the window and the pane it expects. Values are small integers so that every merge order gives
 * bit-identical statistics.
 */
public class SensorStatsTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, MINUTE);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(MINUTE), MINUTE);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<SensorEvent> reading(String sensor, int secondsAfterT0, double t) {
    Instant ts = T0.plus(Duration.standardSeconds(secondsAfterT0));
    return TimestampedValue.of(SensorEvent.of(sensor, ts, t), ts);
  }

  private static SensorWindowStats stats(String sensor, IntervalWindow w, Timing timing, long index,
      boolean last, double... temperatures) {
    return new SensorWindowStats(sensor, w.start().getMillis(), w.end().getMillis(),
        NumericSummary.ofValues(temperatures), timing, index, last);
  }

  private static TestStream.Builder<SensorEvent> stream() {
    return TestStream.create(SensorEventCoder.of()).advanceWatermarkTo(T0);
  }

  private PCollectionTuple sensorStats(TestStream<SensorEvent> events, WindowingSpec windowing) {
    return p.apply(events).apply(SensorStats.of(windowing));
  }

  private PCollection<SensorWindowStats> stats(TestStream<SensorEvent> events,
      WindowingSpec windowing) {
    return sensorStats(events, windowing).get(SensorStats.STATS);
  }

  // NotOnSparkStreaming: sensor-stats splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeReadingsGiveOneFinalOnTimePanePerSensorAndWindow() {
    TestStream<SensorEvent> events = stream()
        .addElements(reading("s1", 1, 20), reading("s1", 2, 22), reading("s2", 3, 10))
        .addElements(reading("s1", 61, 30))
        .advanceWatermarkToInfinity();

    PCollectionTuple out = sensorStats(events, WindowingSpec.fixed(MINUTE));

    PAssert.that(out.get(SensorStats.STATS)).inOnTimePane(FIRST).containsInAnyOrder(
        stats("s1", FIRST, Timing.ON_TIME, 0, true, 20, 22),
        stats("s2", FIRST, Timing.ON_TIME, 0, true, 10));
    PAssert.that(out.get(SensorStats.STATS)).inOnTimePane(SECOND).containsInAnyOrder(
        stats("s1", SECOND, Timing.ON_TIME, 0, true, 30));
    PAssert.that(out.get(SensorStats.LATE)).empty();
    PipelineResult result = p.run();
    assertEquals(4, PipelineCounters.counter(result, "beamline", "windowed_events"));
    assertEquals(0, PipelineCounters.counter(result, "beamline", "dropped_late"));
  }

  @Test
  public void onTimeStatisticsAreExact() {
    SensorWindowStats s = stats("s1", FIRST, Timing.ON_TIME, 0, true, 20, 22, 24, 26);
    assertEquals(4, s.temperature().count());
    assertEquals(23.0, s.temperature().mean(), 0.0);
    assertEquals(Math.sqrt(5.0), s.temperature().populationStddev(), 1e-15);
    assertEquals("{\"sensorId\":\"s1\",\"windowStart\":\"2026-11-01T00:00:00.000Z\","
        + "\"windowEnd\":\"2026-11-01T00:01:00.000Z\",\"count\":4,\"min\":20.0,\"max\":26.0,"
        + "\"mean\":23.0,\"stddev\":2.23606797749979,"
        + "\"pane\":{\"timing\":\"ON_TIME\",\"index\":0,\"final\":true}}", s.toJson());
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming: sensor-stats splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void earlyFiringsGiveSpeculativePanesThatTheOnTimePaneRestates() {
    TestStream<SensorEvent> events = stream()
        .addElements(reading("s1", 1, 20))
        .advanceProcessingTime(Duration.standardSeconds(11))
        .addElements(reading("s1", 2, 22))
        .advanceWatermarkToInfinity();

    PCollection<SensorWindowStats> out = stats(events,
        WindowingSpec.fixed(MINUTE).withEarlyFiringsEvery(Duration.standardSeconds(10)));

    PAssert.that(out).inEarlyPane(FIRST).containsInAnyOrder(
        stats("s1", FIRST, Timing.EARLY, 0, false, 20));
    // Accumulating panes: the on-time pane holds both readings, not only the new one.
    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(
        stats("s1", FIRST, Timing.ON_TIME, 1, true, 20, 22));
    p.run();
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming: sensor-stats splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void discardingPanesHoldOnlyWhatArrivedSinceTheLastFiring() {
    TestStream<SensorEvent> events = stream()
        .addElements(reading("s1", 1, 20))
        .advanceProcessingTime(Duration.standardSeconds(11))
        .addElements(reading("s1", 2, 22))
        .advanceWatermarkToInfinity();

    PCollection<SensorWindowStats> out = stats(events, WindowingSpec
        .fixed(MINUTE).withEarlyFiringsEvery(Duration.standardSeconds(10)).discarding());

    PAssert.that(out).inEarlyPane(FIRST).containsInAnyOrder(
        stats("s1", FIRST, Timing.EARLY, 0, false, 20));
    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(
        stats("s1", FIRST, Timing.ON_TIME, 1, true, 22));
    p.run();
  }

  // NotOnSparkStreaming: sensor-stats splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateReadingsWithinAllowedLatenessGiveLatePanes() {
    TestStream<SensorEvent> events = stream()
        .addElements(reading("s1", 1, 20))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(90)))
        .addElements(reading("s1", 2, 22)) // 88 s behind the watermark, lateness allows 120 s
        .advanceWatermarkToInfinity();

    PCollectionTuple out = sensorStats(events,
        WindowingSpec.fixed(MINUTE).withAllowedLateness(Duration.standardMinutes(2)));

    // With lateness the on-time pane is not the last: more data may still come.
    PAssert.that(out.get(SensorStats.STATS)).inOnTimePane(FIRST).containsInAnyOrder(
        stats("s1", FIRST, Timing.ON_TIME, 0, false, 20));
    PAssert.that(out.get(SensorStats.STATS)).inLatePane(FIRST).containsInAnyOrder(
        stats("s1", FIRST, Timing.LATE, 1, false, 20, 22));
    PAssert.that(out.get(SensorStats.LATE)).empty();
    PipelineResult result = p.run();
    assertEquals(2, PipelineCounters.counter(result, "beamline", "windowed_events"));
    assertEquals(0, PipelineCounters.counter(result, "beamline", "dropped_late"));
  }

  // NotOnSparkStreaming: sensor-stats splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLateReadingsGoToTheLateOutputWithTheWindowTheyMissed() {
    TestStream<SensorEvent> events = stream()
        .addElements(reading("s1", 1, 20))
        // Past the end of the window plus the allowed lateness: the window is closed.
        .advanceWatermarkTo(T0.plus(MINUTE).plus(Duration.standardMinutes(2)).plus(Duration.millis(1)))
        .addElements(reading("s1", 2, 99))
        .advanceWatermarkToInfinity();

    PCollectionTuple out = sensorStats(events,
        WindowingSpec.fixed(MINUTE).withAllowedLateness(Duration.standardMinutes(2)));

    // The watermark passed the end of the window and its lateness in one step, so the on-time pane
    // is also the last one; the reading that came after it is in the late output instead.
    PAssert.that(out.get(SensorStats.STATS)).inWindow(FIRST).containsInAnyOrder(
        stats("s1", FIRST, Timing.ON_TIME, 0, true, 20));
    Instant late = T0.plus(Duration.standardSeconds(2));
    PAssert.that(out.get(SensorStats.LATE)).containsInAnyOrder(
        new LateElement<>(SensorEvent.of("s1", late, 99), late, FIRST.start(), FIRST.end()));
    PipelineResult result = p.run();
    assertEquals(1, PipelineCounters.counter(result, "beamline", "windowed_events"));
    assertEquals(1, PipelineCounters.counter(result, "beamline", "dropped_late"));
    // Nothing was left for Beam to drop silently.
    long droppedByBeam = 0;
    for (MetricResult<Long> c : result.metrics().allMetrics().getCounters()) {
      // DirectRunner says DroppedDueToLateness, runners-core droppedDueToLateness.
      if (c.getName().getName().equalsIgnoreCase("droppedDueToLateness")) {
        droppedByBeam += c.getAttempted();
      }
    }
    assertEquals(0, droppedByBeam);
  }

  // NotOnSparkStreaming: sensor-stats splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void slidingWindowsCountAReadingInEveryWindowThatCoversIt() {
    TestStream<SensorEvent> events = stream()
        .addElements(reading("s1", 45, 20), reading("s1", 75, 30))
        .advanceWatermarkToInfinity();

    PCollection<SensorWindowStats> out = stats(events,
        WindowingSpec.sliding(MINUTE, Duration.standardSeconds(30)));

    IntervalWindow w0 = new IntervalWindow(T0, MINUTE);
    IntervalWindow w30 = new IntervalWindow(T0.plus(Duration.standardSeconds(30)), MINUTE);
    IntervalWindow w60 = new IntervalWindow(T0.plus(MINUTE), MINUTE);
    PAssert.that(out).inOnTimePane(w0).containsInAnyOrder(
        stats("s1", w0, Timing.ON_TIME, 0, true, 20));
    PAssert.that(out).inOnTimePane(w30).containsInAnyOrder(
        stats("s1", w30, Timing.ON_TIME, 0, true, 20, 30));
    PAssert.that(out).inOnTimePane(w60).containsInAnyOrder(
        stats("s1", w60, Timing.ON_TIME, 0, true, 30));
    p.run();
  }

  @Test
  public void readingsAreSummarisedPerBundleOnlyWhenPanesCannotShowIt() {
    // Inspects windowing strategies only; nothing to run.
    p.enableAbandonedNodeEnforcement(false);
    PCollection<SensorEvent> in = p.apply(stream().advanceWatermarkToInfinity());
    assertEquals(true, SensorStats.panesIgnoreArrivalGrouping(
        in.apply("Fixed", WindowingSpec.fixed(MINUTE).<SensorEvent>toWindow()).getWindowingStrategy()));
    assertEquals(true, SensorStats.panesIgnoreArrivalGrouping(in.apply("Sliding",
        WindowingSpec.sliding(MINUTE, Duration.standardSeconds(30)).<SensorEvent>toWindow())
        .getWindowingStrategy()));
    // Early panes show what has arrived so far; late panes fire once per late reading.
    assertEquals(false, SensorStats.panesIgnoreArrivalGrouping(in.apply("Early",
        WindowingSpec.fixed(MINUTE).withEarlyFiringsEvery(Duration.standardSeconds(10))
            .<SensorEvent>toWindow()).getWindowingStrategy()));
    assertEquals(false, SensorStats.panesIgnoreArrivalGrouping(in.apply("Late",
        WindowingSpec.fixed(MINUTE).withAllowedLateness(Duration.standardMinutes(2))
            .<SensorEvent>toWindow()).getWindowingStrategy()));
  }

  // NotOnSparkStreaming: sensor-stats splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void boundedInputGivesTheSameStatisticsOnEveryRunner() {
    PCollection<SensorEvent> events = p.apply(Create.timestamped(Arrays.asList(
        reading("s1", 1, 20), reading("s1", 2, 22), reading("s2", 61, 10))));
    PCollectionTuple out = events.apply(SensorStats.of(WindowingSpec.fixed(MINUTE)));
    PAssert.that(out.get(SensorStats.STATS).apply(MapElements.into(TypeDescriptors.strings())
        .via(s -> s.sensorId() + " " + s.windowStart() + " " + s.temperature())))
        .containsInAnyOrder(
            "s1 " + FIRST.start() + " " + NumericSummary.ofValues(20, 22),
            "s2 " + SECOND.start() + " " + NumericSummary.ofValues(10));
    PAssert.that(out.get(SensorStats.LATE)).empty();
    PipelineResult result = p.run();
    assertEquals(3, PipelineCounters.counter(result, "beamline", "windowed_events"));
  }
}
