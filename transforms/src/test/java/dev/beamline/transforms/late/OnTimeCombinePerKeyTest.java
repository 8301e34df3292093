package dev.beamline.transforms.late;

import static dev.beamline.transforms.late.LateTestData.FIRST;
import static dev.beamline.transforms.late.LateTestData.MINUTE;
import static dev.beamline.transforms.late.LateTestData.SECOND;
import static dev.beamline.transforms.late.LateTestData.T0;
import static dev.beamline.transforms.late.LateTestData.at;
import static dev.beamline.transforms.late.LateTestData.late;
import static dev.beamline.transforms.late.LateTestData.stream;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.testing.PipelineCounters;
import dev.beamline.transforms.testing.RunnerLimits;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Sessions;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * Per key and window, one on-time result; what comes after its window's end goes to the late output
 * with the window it missed; the counters add up to the input. Named by lateness case. Elements
 * are "key:amount" strings, summed per key.
 */
public class OnTimeCombinePerKeyTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** "key:amount" → key. */
  private static final SerializableFunction<String, String> KEY = s -> s.split(":")[0];

  /** Sums the amount of "key:amount" strings. */
  private static final class SumAmountsFn extends org.apache.beam.sdk.transforms.Combine.CombineFn<
      String, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] addInput(long[] acc, String input) {
      acc[0] += Long.parseLong(input.split(":")[1]);
      return acc;
    }

    @Override
    public long[] mergeAccumulators(Iterable<long[]> accs) {
      long[] merged = new long[1];
      for (long[] a : accs) {
        merged[0] += a[0];
      }
      return merged;
    }

    @Override
    public Long extractOutput(long[] acc) {
      return acc[0];
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<long[]> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<String> inputCoder) {
      return org.apache.beam.sdk.coders.DelegateCoder.of(VarLongCoder.of(),
          (long[] a) -> a[0], (Long v) -> new long[] {v});
    }
  }

  private static OnTimeCombinePerKey<String, String, long[], Long> sumPerKey(
      org.apache.beam.sdk.transforms.windowing.WindowFn<?, ?> windows) {
    return OnTimeCombinePerKey.of(windows, KEY, StringUtf8Coder.of(), new SumAmountsFn());
  }

  private static final class ResultAsTextFn extends DoFn<KV<String, Long>, String> {
    @ProcessElement
    public void process(@Element KV<String, Long> kv, OutputReceiver<String> o) {
      o.output(kv.getKey() + "=" + kv.getValue());
    }
  }

  private static final class LateAsTextFn extends DoFn<LateElement<String>, String> {
    @ProcessElement
    public void process(@Element LateElement<String> e, OutputReceiver<String> o) {
      o.output("late " + e.value());
    }
  }

  private static long counter(PipelineResult r, String name) {
    return PipelineCounters.counter(r, "beamline", name);
  }

  /** Each result with its pane's timing, index and last flag, to assert the pane exactly. */
  private static PCollection<String> withPanes(PCollection<KV<String, Long>> results) {
    return results.apply("Panes", ParDo.of(new DoFn<KV<String, Long>, String>() {
      @ProcessElement
      public void process(@Element KV<String, Long> kv, PaneInfo pane, OutputReceiver<String> o) {
        o.output(kv.getKey() + "=" + kv.getValue() + " " + pane.getTiming() + "/"
            + pane.getIndex() + "/" + (pane.isLast() ? "last" : "more"));
      }
    }));
  }

  // NotOnSparkStreaming: OnTimeCombinePerKey refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeElementsAreCombinedPerKeyAndWindowInOneOnTimePane() {
    TestStream<String> events = stream()
        .addElements(at("a:1", 1), at("b:10", 2), at("a:2", 59), at("a:4", 61))
        .advanceWatermarkToInfinity();
    OnTimeCombinePerKey.Result<String, String, Long> r =
        p.apply(events).apply(sumPerKey(FixedWindows.of(MINUTE)));
    PAssert.that(r.results()).inOnTimePane(FIRST)
        .containsInAnyOrder(KV.of("a", 3L), KV.of("b", 10L));
    PAssert.that(r.results()).inOnTimePane(SECOND).containsInAnyOrder(KV.of("a", 4L));
    PAssert.that(withPanes(r.results())).containsInAnyOrder(
        "a=3 ON_TIME/0/last", "b=10 ON_TIME/0/last", "a=4 ON_TIME/0/last");
    PAssert.that(r.late()).empty();
    PipelineResult result = p.run();
    assertEquals(4, counter(result, "windowed_events"));
    assertEquals(0, counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: OnTimeCombinePerKey refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void outOfOrderElementsBeforeTheWatermarkAreInTheirWindow() {
    TestStream<String> events = stream()
        .addElements(at("a:1", 70), at("a:2", 5))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(30)))
        .addElements(at("a:4", 40), at("a:8", 10))
        .advanceWatermarkToInfinity();
    OnTimeCombinePerKey.Result<String, String, Long> r =
        p.apply(events).apply(sumPerKey(FixedWindows.of(MINUTE)));
    PAssert.that(r.results()).inOnTimePane(FIRST).containsInAnyOrder(KV.of("a", 14L));
    PAssert.that(r.results()).inOnTimePane(SECOND).containsInAnyOrder(KV.of("a", 1L));
    PAssert.that(r.late()).empty();
    p.run();
  }

  // NotOnSparkStreaming: OnTimeCombinePerKey refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLateGoesToTheLateOutputWithTheWindowItMissed() {
    TestStream<String> events = stream()
        .addElements(at("a:1", 1), at("b:5", 3))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(90)))
        .addElements(at("a:2", 2), at("c:7", 20), at("a:4", 80))
        .advanceWatermarkToInfinity();
    OnTimeCombinePerKey.Result<String, String, Long> r =
        p.apply(events).apply(sumPerKey(FixedWindows.of(MINUTE)));
    // The late "a:2" changes nothing in FIRST's result; "c:7" had no window open at all.
    PAssert.that(r.results()).inOnTimePane(FIRST)
        .containsInAnyOrder(KV.of("a", 1L), KV.of("b", 5L));
    PAssert.that(r.results()).inOnTimePane(SECOND).containsInAnyOrder(KV.of("a", 4L));
    PAssert.that(r.late()).containsInAnyOrder(late("a:2", 2, FIRST), late("c:7", 20, FIRST));
    PipelineResult result = p.run();
    assertEquals(3, counter(result, "windowed_events"));
    assertEquals(2, counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: OnTimeCombinePerKey refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void theLastMillisecondOfTheWindowIsStillInTime() {
    Instant lastMillis = FIRST.maxTimestamp();
    TestStream<String> events = stream()
        .addElements(at("a:1", 1))
        .advanceWatermarkTo(lastMillis)
        .addElements(TimestampedValue.of("a:2", lastMillis))
        .advanceWatermarkToInfinity();
    OnTimeCombinePerKey.Result<String, String, Long> r =
        p.apply(events).apply(sumPerKey(FixedWindows.of(MINUTE)));
    // With the watermark at the window's last millisecond Beam does not drop the element; whether
    // the window has fired by then is the runner's timer semantics. Either way it is in exactly one
    // place: in the window's only result, or in the late output (never dropped, never twice).
    PCollection<String> results = r.results()
        .apply("ResultsAsText", ParDo.of(new ResultAsTextFn()))
        .apply("ResultsToGlobal", Window.into(new GlobalWindows()));
    PCollection<String> late = r.late().apply("LateAsText", ParDo.of(new LateAsTextFn()));
    PAssert.that(PCollectionList.of(results).and(late).apply(Flatten.pCollections()))
        .satisfies(all -> {
          Set<String> got = new HashSet<>();
          all.forEach(got::add);
          assertTrue(got.toString(), got.equals(Set.of("a=3"))
              || got.equals(Set.of("a=1", "late a:2")));
          return null;
        });
    PipelineResult result = p.run();
    assertEquals(2, counter(result, "windowed_events") + counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: OnTimeCombinePerKey refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void slidingWindowsMissTheirOlderWindowsFirstAndTheElementCountsOnce() {
    IntervalWindow w0 = new IntervalWindow(T0, Duration.standardMinutes(2));
    IntervalWindow w1 = new IntervalWindow(T0.plus(MINUTE), Duration.standardMinutes(2));
    IntervalWindow wMinus1 = new IntervalWindow(T0.minus(MINUTE), Duration.standardMinutes(2));
    TestStream<String> events = stream()
        .addElements(at("a:1", 30))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(90)))
        .addElements(at("a:2", 70), at("a:4", 50)) // "a:4" is late for w0 only
        .advanceWatermarkToInfinity();
    OnTimeCombinePerKey.Result<String, String, Long> r = p.apply(events)
        .apply(sumPerKey(SlidingWindows.of(Duration.standardMinutes(2)).every(MINUTE)));
    PAssert.that(r.results()).inOnTimePane(wMinus1).containsInAnyOrder(KV.of("a", 1L));
    PAssert.that(r.results()).inOnTimePane(w0).containsInAnyOrder(KV.of("a", 7L));
    PAssert.that(r.results()).inOnTimePane(w1).containsInAnyOrder(KV.of("a", 2L));
    PAssert.that(r.late()).containsInAnyOrder(late("a:4", 50, wMinus1));
    PipelineResult result = p.run();
    assertEquals(3, counter(result, "windowed_events"));
    assertEquals(0, counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: OnTimeCombinePerKey refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void boundedInputIsCombinedPerKeyAndWindowOnEveryRunner() {
    // Batch on Flink and Spark takes the lifted combine, the DirectRunner the keyed fold.
    PCollection<String> events = p.apply(Create.timestamped(List.of(
        at("a:1", 1), at("a:2", 30), at("b:5", 59), at("a:4", 61), at("b:6", 119))));
    OnTimeCombinePerKey.Result<String, String, Long> r =
        events.apply(sumPerKey(FixedWindows.of(MINUTE)));
    PAssert.that(r.results()).inWindow(FIRST).containsInAnyOrder(KV.of("a", 3L), KV.of("b", 5L));
    PAssert.that(r.results()).inWindow(SECOND).containsInAnyOrder(KV.of("a", 4L), KV.of("b", 6L));
    PAssert.that(r.late()).empty();
    // Downstream grouping sees the results in their windows: a sum over keys per window.
    PAssert.that(r.results().apply("Values", org.apache.beam.sdk.transforms.Values.create())
            .apply("SumPerWindow", Sum.longsGlobally().withoutDefaults()))
        .inWindow(SECOND).containsInAnyOrder(10L);
    PipelineResult result = p.run();
    assertEquals(5, counter(result, "windowed_events"));
    assertEquals(0, counter(result, "dropped_late"));
  }

  // NotOnSparkStreaming: OnTimeCombinePerKey refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void resultsCarryTheWindowsAndTheCombinersCoders() {
    PCollection<String> events = p.apply(Create.timestamped(List.of(at("a:1", 1))));
    OnTimeCombinePerKey.Result<String, String, Long> r = events.apply(
        sumPerKey(FixedWindows.of(MINUTE)).withCounterNamespace("custom"));
    assertEquals(WindowingStrategy.of(FixedWindows.of(MINUTE)),
        r.results().getWindowingStrategy());
    assertEquals(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), r.results().getCoder());
    assertEquals(LateElementCoder.of(StringUtf8Coder.of()), r.late().getCoder());
    PipelineResult result = p.run();
    assertEquals(1, PipelineCounters.counter(result, "custom", "windowed_events"));
  }

  @Test
  public void mergingWindowsAndAlreadyWindowedInputAreRefusedAtConstruction() {
    IllegalArgumentException sessions = assertThrows(IllegalArgumentException.class,
        () -> sumPerKey(Sessions.withGapDuration(MINUTE)));
    assertTrue(sessions.getMessage(), sessions.getMessage().contains("non-merging windows"));
    PCollection<String> windowed = p.apply(Create.of("a:1"))
        .apply(Window.into(FixedWindows.of(MINUTE)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> windowed.apply(sumPerKey(FixedWindows.of(MINUTE))));
    assertEquals("OnTimeCombinePerKey assigns the windows itself: apply it to elements in the "
        + "global window (before Window.into), not to elements in FixedWindows", e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }

  @Test
  @Category(UsesTestStream.class)
  public void theSparkRunnerInStreamingModeIsRefusedAtConstruction() {
    PCollection<String> unbounded = p.apply(stream().advanceWatermarkToInfinity());
    String runner = p.getOptions().getRunner().getSimpleName();
    if (runner.contains("Spark")) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> unbounded.apply(sumPerKey(FixedWindows.of(MINUTE))));
      assertTrue(e.getMessage(), e.getMessage().startsWith(
          "OnTimeCombinePerKey cannot run on " + runner + " in streaming mode"));
    } else {
      unbounded.apply(sumPerKey(FixedWindows.of(MINUTE)));
    }
    p.enableAbandonedNodeEnforcement(false);
  }
}
