package dev.beamline.transforms.join;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.testing.SparkRunnerStandIn;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.testing.UsesTestStreamWithProcessingTime;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Windowed joins with TestStream, by lateness case. Both sides come from one TestStream (a value
 * starting {@code L:} is a left value, {@code R:} a right amount) so that their order and the
 * watermark are those of a single stream on every runner.
 *
 * <p>Runner notes: the late and droppably-late cases need a runner that honours TestStream's
 * watermark and drops expired data (Direct, Flink streaming); Flink batch fires one pane per window
 * with timing UNKNOWN, and Spark streaming has no allowed lateness (refused, see
 * {@link #sparkStreamingRefusesAllowedLateness}). The early case needs processing time in
 * TestStream, which Flink does not support.
 */
@RunWith(JUnit4.class)
public class WindowedJoinTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant T0 = new Instant(0);
  private static final Duration WINDOW = Duration.standardSeconds(10);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, WINDOW);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(WINDOW), WINDOW);
  private static final KvCoder<String, String> EVENT =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  private static TimestampedValue<KV<String, String>> left(String key, String value, int second) {
    return TimestampedValue.of(KV.of(key, "L:" + value), T0.plus(Duration.standardSeconds(second)));
  }

  private static TimestampedValue<KV<String, String>> right(String key, long amount, int second) {
    return TimestampedValue.of(KV.of(key, "R:" + amount), T0.plus(Duration.standardSeconds(second)));
  }

  private static KV<String, JoinedPair<String, Long>> pair(String key, String l, long r) {
    return KV.of(key, JoinedPair.of(l, r));
  }

  private static KV<String, JoinedPair<String, Long>> leftOnly(String key, String l) {
    return KV.of(key, JoinedPair.leftOnly(l));
  }

  private static KV<String, JoinedPair<String, Long>> rightOnly(String key, long r) {
    return KV.of(key, JoinedPair.rightOnly(r));
  }

  /** Splits the single test stream into the two sides. */
  private static final class Sides {
    final PCollection<KV<String, String>> lefts;
    final PCollection<KV<String, Long>> rights;

    Sides(PCollection<KV<String, String>> events) {
      lefts = events.apply("Lefts", ParDo.of(new LeftsFn())).setCoder(EVENT);
      rights = events.apply("Rights", ParDo.of(new RightsFn()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    }
  }

  private static final class LeftsFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      if (e.getValue().startsWith("L:")) {
        out.output(KV.of(e.getKey(), e.getValue().substring(2)));
      }
    }
  }

  private static final class RightsFn extends DoFn<KV<String, String>, KV<String, Long>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, Long>> out) {
      if (e.getValue().startsWith("R:")) {
        out.output(KV.of(e.getKey(), Long.parseLong(e.getValue().substring(2))));
      }
    }
  }

  /** Two windows: key a matches twice by two, b is only left, c only right. */
  private static TestStream<KV<String, String>> onTimeEvents() {
    return TestStream.create(EVENT)
        .addElements(left("a", "l1", 1), right("a", 10, 1), left("b", "l2", 2), right("c", 30, 3),
            left("a", "l3", 4), right("a", 11, 5))
        .addElements(left("a", "l4", 12), right("a", 12, 15))
        .advanceWatermarkToInfinity();
  }

  private PCollection<KV<String, JoinedPair<String, Long>>> join(
      TestStream<KV<String, String>> events, Window<KV<String, String>> windowing,
      java.util.function.Function<PCollection<KV<String, Long>>,
          WindowedJoin<String, String, Long>> joinOf) {
    Sides sides = new Sides(p.apply(events).apply("Window", windowing));
    return sides.lefts.apply("Join", joinOf.apply(sides.rights));
  }

  private static Window<KV<String, String>> fixed() {
    return Window.into(FixedWindows.of(WINDOW));
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_innerJoin_emitsEveryMatchOnceInTheOnTimePane() {
    PCollection<KV<String, JoinedPair<String, Long>>> joined =
        join(onTimeEvents(), fixed(), WindowedJoin::inner);

    PAssert.that(joined).inOnTimePane(FIRST).containsInAnyOrder(
        pair("a", "l1", 10), pair("a", "l1", 11), pair("a", "l3", 10), pair("a", "l3", 11));
    PAssert.that(joined).inOnTimePane(SECOND).containsInAnyOrder(pair("a", "l4", 12));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(5, counter(run, "beamline", WindowedJoin.JOINED));
    assertEquals(1, counter(run, "beamline", WindowedJoin.UNMATCHED_LEFT));
    assertEquals(1, counter(run, "beamline", WindowedJoin.UNMATCHED_RIGHT));
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_leftJoin_keepsLeftValuesWithoutAMatch() {
    PCollection<KV<String, JoinedPair<String, Long>>> joined =
        join(onTimeEvents(), fixed(), WindowedJoin::left);

    PAssert.that(joined).inOnTimePane(FIRST).containsInAnyOrder(
        pair("a", "l1", 10), pair("a", "l1", 11), pair("a", "l3", 10), pair("a", "l3", 11),
        leftOnly("b", "l2"));
    PAssert.that(joined).inOnTimePane(SECOND).containsInAnyOrder(pair("a", "l4", 12));
    p.run().waitUntilFinish();
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_fullOuterJoin_keepsBothSidesWithoutAMatch() {
    PCollection<KV<String, JoinedPair<String, Long>>> joined =
        join(onTimeEvents(), fixed(), WindowedJoin::fullOuter);

    PAssert.that(joined).inOnTimePane(FIRST).containsInAnyOrder(
        pair("a", "l1", 10), pair("a", "l1", 11), pair("a", "l3", 10), pair("a", "l3", 11),
        leftOnly("b", "l2"), rightOnly("c", 30));
    PAssert.that(joined).inOnTimePane(SECOND).containsInAnyOrder(pair("a", "l4", 12));
    p.run().waitUntilFinish();
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_valuesInDifferentWindowsDoNotMatch() {
    TestStream<KV<String, String>> events = TestStream.create(EVENT)
        .addElements(left("a", "l1", 9), right("a", 10, 10))
        .advanceWatermarkToInfinity();
    PCollection<KV<String, JoinedPair<String, Long>>> joined =
        join(events, fixed(), WindowedJoin::fullOuter);

    PAssert.that(joined).inOnTimePane(FIRST).containsInAnyOrder(leftOnly("a", "l1"));
    PAssert.that(joined).inOnTimePane(SECOND).containsInAnyOrder(rightOnly("a", 10));
    p.run().waitUntilFinish();
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_slidingWindowsEmitAPairInEachWindowBothValuesShare() {
    TestStream<KV<String, String>> events = TestStream.create(EVENT)
        .addElements(left("a", "l1", 6), right("a", 10, 8))
        .advanceWatermarkToInfinity();
    PCollection<KV<String, JoinedPair<String, Long>>> joined = join(events,
        Window.into(SlidingWindows.of(WINDOW).every(Duration.standardSeconds(5))),
        WindowedJoin::inner);

    PAssert.that(joined).inWindow(new IntervalWindow(T0, WINDOW))
        .containsInAnyOrder(pair("a", "l1", 10));
    PAssert.that(joined).inWindow(new IntervalWindow(T0.plus(Duration.standardSeconds(5)), WINDOW))
        .containsInAnyOrder(pair("a", "l1", 10));
    p.run().waitUntilFinish();
  }

  /** Late firings for each late element, one minute of allowed lateness, accumulating panes. */
  private static Window<KV<String, String>> withLateFirings() {
    return Window.<KV<String, String>>into(FixedWindows.of(WINDOW))
        .triggering(AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1)))
        .withAllowedLateness(Duration.standardMinutes(1))
        .accumulatingFiredPanes();
  }

  // NotOnSpark: WindowedJoin refuses allowed lateness on the SparkRunner in streaming mode, which an unbounded TestStream switches it to: Spark streaming has no allowed lateness (Beam capability matrix)
  // NotOnSparkStreaming: WindowedJoin refuses allowed lateness on the SparkRunner in streaming mode: Spark streaming has no allowed lateness (Beam capability matrix)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSpark.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void lateWithinAllowedLateness_theLatePaneRestatesTheWindowsJoin() {
    TestStream<KV<String, String>> events = TestStream.create(EVENT)
        .addElements(left("a", "l1", 1), left("b", "l2", 2))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(20)))
        // Late, within the minute: a's right value arrives after the on-time pane.
        .addElements(right("a", 10, 3))
        .advanceWatermarkToInfinity();
    PCollection<KV<String, JoinedPair<String, Long>>> joined =
        join(events, withLateFirings(), WindowedJoin::left);

    PAssert.that(joined).inOnTimePane(FIRST).containsInAnyOrder(
        leftOnly("a", "l1"), leftOnly("b", "l2"));
    // Only key a fires late; its pane holds the whole join of a so far (the match replaces the
    // unmatched pair of the on-time pane: downstream keeps the latest pane per key and window).
    PAssert.that(joined).inLatePane(FIRST).containsInAnyOrder(pair("a", "l1", 10));
    // No pane is final here: the late trigger fires per element and the window closes without a
    // last firing (nothing new arrived), which is why "latest pane" and not "final pane" is the rule.
    PAssert.that(joined).inFinalPane(FIRST).empty();
    p.run().waitUntilFinish();
  }

  // NotOnSpark: WindowedJoin refuses allowed lateness on the SparkRunner in streaming mode, which an unbounded TestStream switches it to: Spark streaming has no allowed lateness (Beam capability matrix)
  // NotOnSparkStreaming: WindowedJoin refuses allowed lateness on the SparkRunner in streaming mode: Spark streaming has no allowed lateness (Beam capability matrix)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSpark.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLate_aValueBeyondAllowedLatenessIsNeverJoined() {
    TestStream<KV<String, String>> events = TestStream.create(EVENT)
        .addElements(left("a", "l1", 1))
        // The first window expires at 10 s + 1 min of allowed lateness.
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(71)))
        .addElements(right("a", 10, 3))
        .advanceWatermarkToInfinity();
    PCollection<KV<String, JoinedPair<String, Long>>> joined =
        join(events, withLateFirings(), WindowedJoin::fullOuter);

    PAssert.that(joined).inWindow(FIRST).containsInAnyOrder(leftOnly("a", "l1"));
    PAssert.that(joined).inOnTimePane(FIRST).containsInAnyOrder(leftOnly("a", "l1"));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    // The dropped value never reached the join: it is counted nowhere here.
    assertEquals(0, counter(run, "beamline", WindowedJoin.JOINED));
    assertEquals(0, counter(run, "beamline", WindowedJoin.UNMATCHED_RIGHT));
    assertEquals(1, counter(run, "beamline", WindowedJoin.UNMATCHED_LEFT));
  }

  // NotOnFlink: the FlinkRunner cannot advance processing time in a TestStream ("Advancing Processing time is not supported by the Flink Runner", TestFlinkRunner)
  // NotOnSpark: WindowedJoin refuses accumulating panes with early firings on the SparkRunner in streaming mode, which an unbounded TestStream switches it to (Beam capability matrix)
  // NotOnSparkStreaming: WindowedJoin refuses accumulating panes with early firings on the SparkRunner in streaming mode (Beam capability matrix)
  @Test
  @Category({UsesTestStream.class, UsesTestStreamWithProcessingTime.class,
      RunnerLimits.NotOnFlink.class, RunnerLimits.NotOnSpark.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void early_anEarlyPaneIsReplacedByTheOnTimePane() {
    TestStream<KV<String, String>> events = TestStream.create(EVENT)
        .addElements(left("a", "l1", 1))
        .advanceProcessingTime(Duration.standardSeconds(2))
        .addElements(right("a", 10, 2))
        .advanceWatermarkToInfinity();
    Window<KV<String, String>> early = Window.<KV<String, String>>into(FixedWindows.of(WINDOW))
        .triggering(AfterWatermark.pastEndOfWindow().withEarlyFirings(
            AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.standardSeconds(1))))
        .withAllowedLateness(Duration.ZERO)
        .accumulatingFiredPanes();
    PCollection<KV<String, JoinedPair<String, Long>>> joined =
        join(events, early, WindowedJoin::left);

    PAssert.that(joined).inEarlyPane(FIRST).containsInAnyOrder(leftOnly("a", "l1"));
    PAssert.that(joined).inOnTimePane(FIRST).containsInAnyOrder(pair("a", "l1", 10));
    p.run().waitUntilFinish();
  }

  // ---- What expand() refuses, before anything runs.

  private static PCollection<KV<String, String>> empty(Pipeline pipeline, String name) {
    return pipeline.apply(name, Create.empty(EVENT));
  }

  @Test
  public void discardingPanesWithLateFiringsAreRefused() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    Window<KV<String, String>> discarding = Window.<KV<String, String>>into(FixedWindows.of(WINDOW))
        .triggering(AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1)))
        .withAllowedLateness(Duration.standardMinutes(1))
        .discardingFiredPanes();
    PCollection<KV<String, String>> l = empty(pipeline, "L").apply("WL", discarding);
    PCollection<KV<String, String>> r = empty(pipeline, "R").apply("WR", discarding);
    String message = assertThrows(IllegalArgumentException.class,
        () -> l.apply(WindowedJoin.<String, String, String>inner(r))).getMessage();
    assertEquals("WindowedJoin with discarding panes and a trigger that can fire more than once per"
        + " window (FixedWindows, trigger AfterWatermark.pastEndOfWindow().withLateFirings("
        + "AfterPane.elementCountAtLeast(1)), allowed lateness PT60S, discarding panes) would miss"
        + " every pair whose sides arrive in different panes. Use accumulatingFiredPanes(): each"
        + " pane then restates the window's join so far.", message);
  }

  @Test
  public void discardingPanesFiringOncePerWindowAreAccepted() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    // Window.into's defaults: the watermark trigger, no allowed lateness, discarding panes.
    Window<KV<String, String>> once = Window.into(FixedWindows.of(WINDOW));
    PCollection<KV<String, String>> r = empty(pipeline, "R").apply("WR", once);
    empty(pipeline, "L").apply("WL", once).apply(WindowedJoin.<String, String, String>inner(r));
  }

  @Test
  public void sidesWindowedDifferentlyAreRefused() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<KV<String, String>> l = empty(pipeline, "L")
        .apply("WL", Window.into(FixedWindows.of(WINDOW)));
    PCollection<KV<String, String>> r = empty(pipeline, "R")
        .apply("WR", Window.into(FixedWindows.of(Duration.standardSeconds(20))));
    assertEquals("WindowedJoin needs both sides windowed alike; left: FixedWindows, trigger"
            + " DefaultTrigger, allowed lateness PT0S, discarding panes; right: FixedWindows,"
            + " trigger DefaultTrigger, allowed lateness PT0S, discarding panes",
        assertThrows(IllegalArgumentException.class,
            () -> l.apply(WindowedJoin.<String, String, String>inner(r))).getMessage());
  }

  @Test
  public void sparkStreamingRefusesAllowedLateness() {
    Pipeline spark = SparkRunnerStandIn.pipeline(true);
    PCollection<KV<String, String>> l = empty(spark, "L").apply("WL", withLateFirings());
    PCollection<KV<String, String>> r = empty(spark, "R").apply("WR", withLateFirings());
    assertEquals("SparkRunnerStandIn in streaming mode does not support allowed lateness (PT60S):"
            + " late values would be dropped without being joined. Use no allowed lateness, batch"
            + " mode or the Flink runner.",
        assertThrows(IllegalArgumentException.class,
            () -> l.apply(WindowedJoin.<String, String, String>left(r))).getMessage());
    // The same join in Spark batch mode is accepted.
    Pipeline sparkBatch = SparkRunnerStandIn.pipeline(false);
    PCollection<KV<String, String>> rb = empty(sparkBatch, "R").apply("WR", withLateFirings());
    empty(sparkBatch, "L").apply("WL", withLateFirings())
        .apply(WindowedJoin.<String, String, String>left(rb));
  }
}
