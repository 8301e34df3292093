package dev.beamline.pipelines.trendingtopics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Sessions;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.junit.experimental.categories.Category;
import org.junit.Rule;
import org.junit.Test;

/**
 * Each window's count with the count of the window one slide earlier, by lateness case. Output
 * windows are {@code [end - slide, end)} for the input window {@code [end - size, end)}.
 */
public class CompareWithPreviousWindowTest {
  private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<String> at(String tag, int secondsAfterT0) {
    return TimestampedValue.of(tag, T0.plus(Duration.standardSeconds(secondsAfterT0)));
  }

  /** The output window standing for the input window that ends {@code minutes} after T0. */
  private static IntervalWindow endingAt(int minutes) {
    return new IntervalWindow(T0.plus(MINUTE.multipliedBy(minutes - 1)), MINUTE);
  }

  private static KV<String, KV<Long, Long>> counts(String tag, long now, long before) {
    return KV.of(tag, KV.of(now, before));
  }

  private static PCollection<KV<String, KV<Long, Long>>> compare(PCollection<String> tags,
      Window<String> window) {
    return tags.apply(window).apply(Count.perElement())
        .apply(CompareWithPreviousWindow.create());
  }

  private static Window<String> sliding2mEvery1m() {
    return Window.into(SlidingWindows.of(MINUTE.multipliedBy(2)).every(MINUTE));
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_eachWindowIsPairedWithTheWindowOneSlideEarlier() {
    TestStream<String> tags = TestStream.create(StringUtf8Coder.of())
        .advanceWatermarkTo(T0)
        .addElements(at("a", 10), at("a", 20), at("b", 90), at("a", 100))
        .advanceWatermarkToInfinity();

    PCollection<KV<String, KV<Long, Long>>> out = compare(p.apply(tags), sliding2mEvery1m());

    // [11:59, 12:01) is the first window with data; the one before it is empty: a is new.
    PAssert.that(out).inOnTimePane(endingAt(1)).containsInAnyOrder(counts("a", 2, 0));
    // [12:00, 12:02) against [11:59, 12:01): b is new, a was there.
    PAssert.that(out).inOnTimePane(endingAt(2)).containsInAnyOrder(
        counts("a", 3, 2), counts("b", 1, 0));
    // [12:01, 12:03) against [12:00, 12:02).
    PAssert.that(out).inOnTimePane(endingAt(3)).containsInAnyOrder(
        counts("a", 1, 3), counts("b", 1, 1));
    // [12:02, 12:04) holds nothing: no output for it, although its previous window had data.
    PAssert.that(out).inWindow(endingAt(4)).empty();
    p.run();
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTime_outOfOrderArrivalGivesTheSameComparison() {
    TestStream<String> tags = TestStream.create(StringUtf8Coder.of())
        .advanceWatermarkTo(T0)
        .addElements(at("a", 100), at("b", 90))
        .addElements(at("a", 20), at("a", 10))
        .advanceWatermarkToInfinity();

    PCollection<KV<String, KV<Long, Long>>> out = compare(p.apply(tags), sliding2mEvery1m());

    PAssert.that(out).inOnTimePane(endingAt(1)).containsInAnyOrder(counts("a", 2, 0));
    PAssert.that(out).inOnTimePane(endingAt(2)).containsInAnyOrder(
        counts("a", 3, 2), counts("b", 1, 0));
    PAssert.that(out).inOnTimePane(endingAt(3)).containsInAnyOrder(
        counts("a", 1, 3), counts("b", 1, 1));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTime_tumblingWindowsCompareWithThePreviousWindowAndAGapMeansZero() {
    PCollection<String> tags = p.apply(Create.timestamped(
        at("a", 10), at("a", 70), at("a", 80), at("a", 190)));

    PCollection<KV<String, KV<Long, Long>>> out =
        compare(tags, Window.into(FixedWindows.of(MINUTE)));

    PAssert.that(out).inWindow(endingAt(1)).containsInAnyOrder(counts("a", 1, 0));
    PAssert.that(out).inWindow(endingAt(2)).containsInAnyOrder(counts("a", 2, 1));
    // [12:02, 12:03) is empty, so [12:03, 12:04) compares with nothing.
    PAssert.that(out).inWindow(endingAt(4)).containsInAnyOrder(counts("a", 1, 0));
    p.run();
  }

  // NotOnSparkStreaming: an element that arrives after its window expired opens a new pane on the SparkRunner in streaming mode instead of being dropped (Spark streaming has no allowed lateness; Beam capability matrix)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLate_aCountMissesItsClosedWindowAndTheComparisonUsesTheFinalCount() {
    TestStream<String> tags = TestStream.create(StringUtf8Coder.of())
        .advanceWatermarkTo(T0)
        .addElements(at("a", 10))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(90))) // [12:00, 12:01) fires
        .addElements(at("a", 50)) // behind a closed window: dropped, no allowed lateness
        .addElements(at("a", 70))
        .advanceWatermarkToInfinity();

    PCollection<KV<String, KV<Long, Long>>> out =
        compare(p.apply(tags), Window.into(FixedWindows.of(MINUTE)));

    PAssert.that(out).inOnTimePane(endingAt(1)).containsInAnyOrder(counts("a", 1, 0));
    // The previous count is the one [12:00, 12:01) fired with: 1, not 2.
    PAssert.that(out).inOnTimePane(endingAt(2)).containsInAnyOrder(counts("a", 1, 1));
    p.run();
  }

  @Test
  public void windowsThatFireMoreThanOnceAreRefused() {
    PCollection<String> tags = p.apply(Create.of("a"));
    PCollection<KV<String, Long>> early = tags
        .apply(Window.<String>into(FixedWindows.of(MINUTE))
            .triggering(AfterWatermark.pastEndOfWindow()
                .withEarlyFirings(AfterProcessingTime.pastFirstElementInPane().plusDelayOf(MINUTE)))
            .withAllowedLateness(Duration.ZERO).accumulatingFiredPanes())
        .apply("CountEarly", Count.perElement());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> early.apply(CompareWithPreviousWindow.create()));
    assertEquals("CompareWithPreviousWindow needs windows that fire once, at the watermark, without "
        + "allowed lateness (a compared count must be final; Beam has no retractions), got trigger "
        + "AfterWatermark.pastEndOfWindow().withEarlyFirings(AfterSynchronizedProcessingTime.pastFirstElementInPane())"
        + " with allowed lateness PT0S", e.getMessage());

    PCollection<KV<String, Long>> late = tags
        .apply("Late", Window.<String>into(FixedWindows.of(MINUTE))
            .triggering(AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(MINUTE).accumulatingFiredPanes())
        .apply("CountLate", Count.perElement());
    assertThrows(IllegalArgumentException.class, () -> late.apply(CompareWithPreviousWindow.create()));
    p.enableAbandonedNodeEnforcement(false);
  }

  @Test
  public void sessionWindowsAreRefusedForTheyHaveNoPreviousWindow() {
    PCollection<KV<String, Long>> sessions = p.apply(Create.of("a"))
        .apply(Window.into(Sessions.withGapDuration(MINUTE)))
        .apply(Count.perElement());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sessions.apply(CompareWithPreviousWindow.create()));
    assertEquals("CompareWithPreviousWindow needs fixed or sliding windows (a window one slide "
        + "earlier must exist), got Sessions", e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }
}
