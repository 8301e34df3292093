package dev.beamline.pipelines.traffictoptalkers;

import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.MINUTE;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.T0;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.at;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.stream;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.tcp;
import static org.junit.Assert.assertEquals;

import dev.beamline.pipelines.ResultPane;
import dev.beamline.transforms.late.LateElement;
import dev.beamline.transforms.testing.PipelineCounters;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * The whole per-window report: one windowing for the three results, and droppably-late flows split
 * off with every window they missed instead of being dropped silently, by lateness case.
 */
public class TrafficWindowsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  // NotOnSparkStreaming: TrafficWindows splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_everyResultComesFromTheSameWindowsAndNothingIsLate() {
    TestStream<FlowRecord> flows = stream()
        .addElements(tcp("10.0.0.1", 700, 10), tcp("10.0.0.2", 300, 20))
        .advanceWatermarkToInfinity();

    PCollectionTuple report = p.apply(flows).apply(TrafficWindows.of(
        WindowingSpec.fixed(MINUTE), 1, 2));

    IntervalWindow first = new IntervalWindow(T0, MINUTE);
    ResultPane onTime = new ResultPane(Timing.ON_TIME, 0, true);
    PAssert.that(report.get(TrafficWindows.TOP_TALKERS)).containsInAnyOrder(new TopTalkersWindow(
        first.start().getMillis(), first.end().getMillis(), List.of(KV.of("10.0.0.1", 700L)),
        onTime));
    PAssert.that(report.get(TrafficWindows.PROTOCOL_TOTALS)).containsInAnyOrder(
        new ProtocolWindowTotals("TCP", first.start().getMillis(), first.end().getMillis(),
            new TrafficTotals(1000, 2, 2), onTime));
    PAssert.that(report.get(TrafficWindows.PORT_SCAN_SUSPECTS)).empty();
    PAssert.that(report.get(TrafficWindows.LATE)).empty();
    p.run();
  }

  // NotOnSparkStreaming: TrafficWindows splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLate_aFlowGoesToTheLateOutputOncePerSlidingWindowItMissed() {
    TestStream<FlowRecord> flows = stream()
        .addElements(tcp("10.0.0.1", 700, 50))
        // The flow at 55 s belongs to [0s, 60s) and [30s, 90s); lateness 10 s. The watermark at
        // 75 s has closed the first (60 s + 10 s) but not the second (90 s + 10 s).
        .advanceWatermarkTo(at(75))
        .addElements(tcp("10.0.0.9", 5, 55))
        // At 150 s, past 90 s + 10 s: the flow at 58 s misses both windows.
        .advanceWatermarkTo(at(150))
        .addElements(tcp("10.0.0.8", 6, 58))
        .advanceWatermarkToInfinity();

    PCollectionTuple report = p.apply(flows).apply(TrafficWindows.of(
        WindowingSpec.sliding(MINUTE, Duration.standardSeconds(30))
            .withAllowedLateness(Duration.standardSeconds(10)), 3, 100));

    FlowRecord partlyLate = tcp("10.0.0.9", 5, 55).getValue();
    FlowRecord allLate = tcp("10.0.0.8", 6, 58).getValue();
    PAssert.that(report.get(TrafficWindows.LATE)).containsInAnyOrder(
        new LateElement<>(partlyLate, at(55), T0, at(60)),
        new LateElement<>(allLate, at(58), T0, at(60)),
        new LateElement<>(allLate, at(58), at(30), at(90)));
    // The partly late flow arrived before [30s, 90s) fired, and counts there; the watermark then
    // passed that window's end and lateness in one step, so its on-time pane is also its last.
    IntervalWindow second = new IntervalWindow(at(30), MINUTE);
    PAssert.that(report.get(TrafficWindows.TOP_TALKERS)).inOnTimePane(second).containsInAnyOrder(
        new TopTalkersWindow(second.start().getMillis(), second.end().getMillis(),
            List.of(KV.of("10.0.0.1", 700L), KV.of("10.0.0.9", 5L)),
            new ResultPane(Timing.ON_TIME, 0, true)));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(2, PipelineCounters.counter(run, "beamline", "windowed_events"));
    assertEquals(1, PipelineCounters.counter(run, "beamline", "dropped_late"));
  }
}
