package dev.beamline.pipelines.traffictoptalkers;

import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.MINUTE;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.T0;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.at;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.flow;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.stream;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.tcp;

import dev.beamline.pipelines.ResultPane;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.windowing.WindowingSpec;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * Bytes, packets and flows per protocol and window, by lateness case: on time (out of order,
 * sliding windows), early, discarding increments, late within the allowed lateness, droppably late.
 * Test flows have bytes / 1000 packets (at least 1).
 */
public class ProtocolTotalsTest {
  private static final IntervalWindow FIRST = new IntervalWindow(T0, MINUTE);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static ProtocolWindowTotals totals(String protocol, IntervalWindow w, long bytes,
      long packets, long flows, Timing timing, long index, boolean last) {
    return new ProtocolWindowTotals(protocol, w.start().getMillis(), w.end().getMillis(),
        new TrafficTotals(bytes, packets, flows), new ResultPane(timing, index, last));
  }

  private PCollection<ProtocolWindowTotals> totals(TestStream<FlowRecord> flows,
      WindowingSpec windowing) {
    return p.apply(flows).apply(windowing.<FlowRecord>toWindow()).apply(ProtocolTotals.create());
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_outOfOrderFlowsAddUpPerProtocolInEverySlidingWindow() {
    TestStream<FlowRecord> flows = stream()
        .addElements(flow("10.0.0.1", 53, "UDP", 2000, 70), tcp("10.0.0.1", 5000, 40))
        .addElements(tcp("10.0.0.2", 3000, 10), flow("10.0.0.3", 2048, "ICMP", 84, 50))
        .advanceWatermarkToInfinity();

    PCollection<ProtocolWindowTotals> out =
        totals(flows, WindowingSpec.sliding(MINUTE, Duration.standardSeconds(30)));

    IntervalWindow w0 = new IntervalWindow(T0, MINUTE);
    IntervalWindow w30 = new IntervalWindow(at(30), MINUTE);
    IntervalWindow w60 = new IntervalWindow(at(60), MINUTE);
    IntervalWindow wMinus30 = new IntervalWindow(at(-30), MINUTE);
    PAssert.that(out).inOnTimePane(wMinus30).containsInAnyOrder(
        totals("TCP", wMinus30, 3000, 3, 1, Timing.ON_TIME, 0, true));
    PAssert.that(out).inOnTimePane(w0).containsInAnyOrder(
        totals("TCP", w0, 8000, 8, 2, Timing.ON_TIME, 0, true),
        totals("ICMP", w0, 84, 1, 1, Timing.ON_TIME, 0, true));
    PAssert.that(out).inOnTimePane(w30).containsInAnyOrder(
        totals("TCP", w30, 5000, 5, 1, Timing.ON_TIME, 0, true),
        totals("ICMP", w30, 84, 1, 1, Timing.ON_TIME, 0, true),
        totals("UDP", w30, 2000, 2, 1, Timing.ON_TIME, 0, true));
    PAssert.that(out).inOnTimePane(w60).containsInAnyOrder(
        totals("UDP", w60, 2000, 2, 1, Timing.ON_TIME, 0, true));
    p.run();
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming (untestable): the Spark runner's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Spark Runner"; the streaming context then hangs in stop() until killed) (apache/beam#22620)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void early_accumulatingPanesRestateTheWindowSoFar() {
    TestStream<FlowRecord> flows = stream()
        .addElements(tcp("10.0.0.1", 1000, 1))
        .advanceProcessingTime(Duration.standardSeconds(11))
        .addElements(tcp("10.0.0.2", 3000, 2))
        .advanceWatermarkToInfinity();

    PCollection<ProtocolWindowTotals> out = totals(flows,
        WindowingSpec.fixed(MINUTE).withEarlyFiringsEvery(Duration.standardSeconds(10)));

    PAssert.that(out).inEarlyPane(FIRST).containsInAnyOrder(
        totals("TCP", FIRST, 1000, 1, 1, Timing.EARLY, 0, false));
    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(
        totals("TCP", FIRST, 4000, 4, 2, Timing.ON_TIME, 1, true));
    p.run();
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming (untestable): the Spark runner's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Spark Runner"; the streaming context then hangs in stop() until killed) (apache/beam#22620)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void early_discardingPanesHoldIncrementsThatAddUpToTheWindow() {
    TestStream<FlowRecord> flows = stream()
        .addElements(tcp("10.0.0.1", 1000, 1))
        .advanceProcessingTime(Duration.standardSeconds(11))
        .addElements(tcp("10.0.0.2", 3000, 2))
        .advanceWatermarkToInfinity();

    PCollection<ProtocolWindowTotals> out = totals(flows, WindowingSpec.fixed(MINUTE)
        .withEarlyFiringsEvery(Duration.standardSeconds(10)).discarding());

    PAssert.that(out).inEarlyPane(FIRST).containsInAnyOrder(
        totals("TCP", FIRST, 1000, 1, 1, Timing.EARLY, 0, false));
    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(
        totals("TCP", FIRST, 3000, 3, 1, Timing.ON_TIME, 1, true));
    p.run();
  }

  @Test
  @Category(UsesTestStream.class)
  public void lateWithinAllowedLateness_aLatePaneRestatesTheWindowWithTheLateFlow() {
    TestStream<FlowRecord> flows = stream()
        .addElements(tcp("10.0.0.1", 1000, 1))
        .advanceWatermarkTo(at(90))
        .addElements(tcp("10.0.0.2", 3000, 2))
        .advanceWatermarkToInfinity();

    PCollection<ProtocolWindowTotals> out = totals(flows,
        WindowingSpec.fixed(MINUTE).withAllowedLateness(Duration.standardMinutes(2)));

    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(
        totals("TCP", FIRST, 1000, 1, 1, Timing.ON_TIME, 0, false));
    PAssert.that(out).inLatePane(FIRST).containsInAnyOrder(
        totals("TCP", FIRST, 4000, 4, 2, Timing.LATE, 1, false));
    p.run();
  }

  // NotOnSparkStreaming: a flow that arrives after its window expired opens a new pane of that window on the SparkRunner in streaming mode instead of being dropped (measured: an ON_TIME pane, index 0, counting only the too-late flow; Spark streaming has no allowed lateness; Beam capability matrix)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLate_aFlowAfterTheWindowClosedIsNotCounted() {
    TestStream<FlowRecord> flows = stream()
        .addElements(tcp("10.0.0.1", 1000, 1))
        .advanceWatermarkTo(T0.plus(MINUTE).plus(MINUTE).plus(Duration.millis(1)))
        .addElements(tcp("10.0.0.2", 3000, 2))
        .advanceWatermarkToInfinity();

    PCollection<ProtocolWindowTotals> out =
        totals(flows, WindowingSpec.fixed(MINUTE).withAllowedLateness(MINUTE));

    PAssert.that(out).inWindow(FIRST).containsInAnyOrder(
        totals("TCP", FIRST, 1000, 1, 1, Timing.ON_TIME, 0, true));
    p.run();
  }
}
