package dev.beamline.pipelines.traffictoptalkers;

import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.MINUTE;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.T0;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.at;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.flow;
import static dev.beamline.pipelines.traffictoptalkers.TrafficTestData.stream;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.pipelines.ResultPane;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * Sources with many distinct destination ports per window, by lateness case: on time (threshold
 * inclusive, repeated ports counted once, portless protocols left out, out-of-order arrival), early,
 * late within the allowed lateness (a late flow makes a suspect), droppably late.
 */
public class PortScanSuspectsTest {
  private static final IntervalWindow FIRST = new IntervalWindow(T0, MINUTE);
  private static final String SCANNER = "203.0.113.66";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Adds TCP probes from {@code src} to each port in [from, to], at the given second. */
  private static TestStream.Builder<FlowRecord> probes(TestStream.Builder<FlowRecord> b,
      String src, int from, int to, int second) {
    List<TimestampedValue<FlowRecord>> list = new ArrayList<>();
    for (int port = from + 1; port <= to; port++) {
      list.add(flow(src, port, "TCP", 60, second));
    }
    @SuppressWarnings("unchecked")
    TimestampedValue<FlowRecord>[] rest = list.toArray(new TimestampedValue[0]);
    return b.addElements(flow(src, from, "TCP", 60, second), rest);
  }

  private static PortScanSuspect suspect(String src, IntervalWindow w, int ports, long flows,
      int lowest, int highest, Timing timing, long index, boolean last) {
    return new PortScanSuspect(src, w.start().getMillis(), w.end().getMillis(), ports, flows,
        lowest, highest, new ResultPane(timing, index, last));
  }

  private PCollection<PortScanSuspect> suspects(TestStream<FlowRecord> flows,
      WindowingSpec windowing, int threshold) {
    return p.apply(flows).apply(windowing.<FlowRecord>toWindow())
        .apply(PortScanSuspects.atLeast(threshold));
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_sourcesReachingTheThresholdAreSuspectsOthersAreNot() {
    TestStream.Builder<FlowRecord> b = probes(stream(), SCANNER, 20, 24, 5); // 5: the threshold
    b = b.addElements(flow(SCANNER, 22, "TCP", 60, 6));                      // a repeat counts once
    b = probes(b, "10.0.0.9", 1000, 1003, 7);                                // 4 ports: below
    TestStream<FlowRecord> flows = b
        // ICMP's port field holds type * 256 + code: not ports, not counted.
        .addElements(flow("10.0.0.9", 2048, "ICMP", 84, 8), flow("10.0.0.9", 771, "ICMP", 84, 9))
        .addElements(flow("10.0.0.9", 53, "UDP", 80, 9))  // UDP counts: the fifth port
        .advanceWatermarkToInfinity();

    PCollection<PortScanSuspect> out = suspects(flows, WindowingSpec.fixed(MINUTE), 5);

    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(
        suspect(SCANNER, FIRST, 5, 6, 20, 24, Timing.ON_TIME, 0, true),
        suspect("10.0.0.9", FIRST, 5, 5, 53, 1003, Timing.ON_TIME, 0, true));
    p.run();
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_outOfOrderProbesCountInEverySlidingWindowThatCoversThem() {
    TestStream<FlowRecord> flows = probes(probes(stream(), SCANNER, 4, 6, 70), SCANNER, 1, 3, 40)
        .advanceWatermarkToInfinity();

    PCollection<PortScanSuspect> out =
        suspects(flows, WindowingSpec.sliding(MINUTE, Duration.standardSeconds(30)), 4);

    IntervalWindow w30 = new IntervalWindow(at(30), MINUTE);
    // [0s, 60s) and [60s, 120s) see three ports each: below the threshold, no output.
    PAssert.that(out).inWindow(FIRST).empty();
    PAssert.that(out).inOnTimePane(w30).containsInAnyOrder(
        suspect(SCANNER, w30, 6, 6, 1, 6, Timing.ON_TIME, 0, true));
    p.run();
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming (untestable): the Spark runner's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Spark Runner"; the streaming context then hangs in stop() until killed) (apache/beam#22620)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void early_aSourceBecomesASuspectInThePaneWhereItReachesTheThreshold() {
    TestStream<FlowRecord> flows = probes(
            probes(stream(), SCANNER, 1, 2, 1).advanceProcessingTime(Duration.standardSeconds(11)),
            SCANNER, 3, 4, 2)
        .advanceWatermarkToInfinity();

    PCollection<PortScanSuspect> out = suspects(flows,
        WindowingSpec.fixed(MINUTE).withEarlyFiringsEvery(Duration.standardSeconds(10)), 3);

    // The early pane (2 ports) is below the threshold; the on-time pane (4) is not.
    PAssert.that(out).inEarlyPane(FIRST).empty();
    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(
        suspect(SCANNER, FIRST, 4, 4, 1, 4, Timing.ON_TIME, 1, true));
    p.run();
  }

  @Test
  @Category(UsesTestStream.class)
  public void lateWithinAllowedLateness_aLateProbeMakesASuspectInALatePane() {
    // One late probe, so one late pane on every runner (a late pane fires per late bundle).
    TestStream<FlowRecord> flows = probes(stream(), SCANNER, 1, 3, 1)
        .advanceWatermarkTo(at(90))
        .addElements(flow(SCANNER, 4, "TCP", 60, 2)) // 88 s behind; the lateness allows 120 s
        .advanceWatermarkToInfinity();

    PCollection<PortScanSuspect> out = suspects(flows,
        WindowingSpec.fixed(MINUTE).withAllowedLateness(Duration.standardMinutes(2)), 4);

    PAssert.that(out).inOnTimePane(FIRST).empty();
    PAssert.that(out).inLatePane(FIRST).containsInAnyOrder(
        suspect(SCANNER, FIRST, 4, 4, 1, 4, Timing.LATE, 1, false));
    p.run();
  }

  @Test
  @Category(UsesTestStream.class)
  public void droppablyLate_probesAfterTheWindowClosedMakeNoSuspect() {
    TestStream<FlowRecord> flows = probes(probes(stream(), SCANNER, 1, 2, 1)
            .advanceWatermarkTo(T0.plus(MINUTE).plus(MINUTE).plus(Duration.millis(1))),
            SCANNER, 3, 4, 2)
        .advanceWatermarkToInfinity();

    PAssert.that(suspects(flows, WindowingSpec.fixed(MINUTE).withAllowedLateness(MINUTE), 3))
        .empty();
    p.run();
  }

  @Test
  public void discardingPanesWithEarlyFiringsAreRefused() {
    PCollection<FlowRecord> flows = p.apply(stream().advanceWatermarkToInfinity())
        .apply(WindowingSpec.fixed(MINUTE).withEarlyFiringsEvery(Duration.standardSeconds(10))
            .discarding().<FlowRecord>toWindow());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> flows.apply(PortScanSuspects.atLeast(3)));
    assertEquals("PortScanSuspects needs accumulating panes when a window fires more than once "
        + "(early firings or allowed lateness): a discarding pane holds only what arrived since "
        + "the previous one, so its ranking or count would not be the window's. Use "
        + "--accumulation=accumulating.", e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }

  @Test
  public void thresholdMustBeAPossibleNumberOfPorts() {
    assertEquals("the port-scan threshold must be between 1 and 65536 distinct ports, was 0",
        assertThrows(IllegalArgumentException.class, () -> PortScanSuspects.atLeast(0))
            .getMessage());
  }
}
