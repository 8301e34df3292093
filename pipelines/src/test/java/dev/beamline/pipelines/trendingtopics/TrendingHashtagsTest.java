package dev.beamline.pipelines.trendingtopics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Top hashtags by trend per window, by lateness case, with exact rankings. Windows fire once (early
 * and late firings are refused), so every result is the window's on-time pane; its timestamp
 * window is {@code [end - slide, end)}, and the result names the ranked window.
 */
public class TrendingHashtagsTest {
  private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final WindowingSpec SLIDING_2M_EVERY_1M =
      WindowingSpec.sliding(MINUTE.multipliedBy(2), MINUTE);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<String> at(String tag, int secondsAfterT0) {
    return TimestampedValue.of(tag, T0.plus(Duration.standardSeconds(secondsAfterT0)));
  }

  /** The pane window of the result for the window ending {@code minutes} after T0 (slide 1m). */
  private static IntervalWindow endingAt(int minutes) {
    return new IntervalWindow(T0.plus(MINUTE.multipliedBy(minutes - 1)), MINUTE);
  }

  private static WindowTrends trends(int startMinute, int endMinute, HashtagTrend... best) {
    return new WindowTrends(T0.plus(MINUTE.multipliedBy(startMinute)).getMillis(),
        T0.plus(MINUTE.multipliedBy(endMinute)).getMillis(), List.of(best), Timing.ON_TIME, 0, true);
  }

  private static HashtagTrend t(String tag, long count, long previous) {
    return new HashtagTrend(tag, count, previous);
  }

  @Test
  public void onTime_rankedByTrendAgainstTheWindowOneSlideEarlier() {
    TestStream<String> tags = TestStream.create(StringUtf8Coder.of())
        .advanceWatermarkTo(T0)
        .addElements(at("beam", 10), at("beam", 20), at("beam", 30), at("東京", 40))
        .addElements(at("地震", 70), at("地震", 71), at("地震", 72))
        .addElements(at("beam", 80), at("東京", 90))
        .advanceWatermarkToInfinity();

    PCollection<WindowTrends> out = p.apply(tags)
        .apply(TrendingHashtags.of(SLIDING_2M_EVERY_1M).withTopK(2));

    // [11:59, 12:01) against an empty window: the trend of a new hashtag is its count.
    PAssert.that(out).inOnTimePane(endingAt(1)).containsInAnyOrder(
        trends(-1, 1, t("beam", 3, 0), t("東京", 1, 0)));
    // [12:00, 12:02): 地震 3 after 0 is 3.0; beam 4 after 3 is 0.5; 東京 2 after 1 is 0.71 (cut by k).
    PAssert.that(out).inOnTimePane(endingAt(2)).containsInAnyOrder(
        trends(0, 2, t("地震", 3, 0), t("東京", 2, 1)));
    // [12:01, 12:03) against [12:00, 12:02): everything fell; 地震 3 after 3 is 0.0.
    PAssert.that(out).inOnTimePane(endingAt(3)).containsInAnyOrder(
        trends(1, 3, t("地震", 3, 3), t("東京", 1, 2)));
    p.run();
  }

  @Test
  public void onTime_equalTrendsRankMorePostsFirstThenHashtagsInCodePointOrder() {
    TestStream<String> tags = TestStream.create(StringUtf8Coder.of())
        .advanceWatermarkTo(T0)
        .addElements(at("é", 1), at("b", 2), at("a", 3), at("東京", 4))
        .addElements(at("z", 5), at("z", 6))
        .advanceWatermarkToInfinity();

    PCollection<WindowTrends> out = p.apply(tags)
        .apply(TrendingHashtags.of(WindowingSpec.fixed(MINUTE)).withTopK(4));

    PAssert.that(out).inOnTimePane(endingAt(1)).containsInAnyOrder(
        trends(0, 1, t("z", 2, 0), t("a", 1, 0), t("b", 1, 0), t("é", 1, 0)));
    p.run();
  }

  @Test
  public void onTime_outOfOrderHashtagsWithinTheWatermarkGiveTheSameRanking() {
    TestStream<String> tags = TestStream.create(StringUtf8Coder.of())
        .advanceWatermarkTo(T0)
        .addElements(at("b", 70), at("a", 75))
        .addElements(at("a", 10), at("b", 65)) // earlier event times, arriving later
        .advanceWatermarkToInfinity();

    PCollection<WindowTrends> out = p.apply(tags)
        .apply(TrendingHashtags.of(WindowingSpec.fixed(MINUTE)));

    PAssert.that(out).inOnTimePane(endingAt(1)).containsInAnyOrder(trends(0, 1, t("a", 1, 0)));
    PAssert.that(out).inOnTimePane(endingAt(2)).containsInAnyOrder(
        trends(1, 2, t("b", 2, 0), t("a", 1, 1)));
    p.run();
  }

  @Test
  public void droppablyLate_aHashtagAfterItsWindowFiredIsNotCountedButAnOpenWindowCountsIt() {
    TestStream<String> tags = TestStream.create(StringUtf8Coder.of())
        .advanceWatermarkTo(T0)
        .addElements(at("a", 50))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(61))) // [11:59, 12:01) has fired
        .addElements(at("b", 55)) // late for [11:59, 12:01), on time for [12:00, 12:02)
        .advanceWatermarkToInfinity();

    PCollection<WindowTrends> out = p.apply(tags)
        .apply(TrendingHashtags.of(SLIDING_2M_EVERY_1M));

    PAssert.that(out).inOnTimePane(endingAt(1)).containsInAnyOrder(trends(-1, 1, t("a", 1, 0)));
    // b is new here: its previous window closed without it.
    PAssert.that(out).inOnTimePane(endingAt(2)).containsInAnyOrder(
        trends(0, 2, t("b", 1, 0), t("a", 1, 1)));
    p.run();
  }

  @Test
  public void earlyFiringsAreRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrendingHashtags.of(SLIDING_2M_EVERY_1M.withEarlyFiringsEvery(Duration.standardSeconds(10))));
    assertEquals("trending-topics fires each window once, at the watermark: a trend compares a "
        + "window's final count with the previous window's, and an early or late pane would restate "
        + "counts that were already ranked (Beam has no retractions). Drop --earlyFiringsEvery and "
        + "use --allowedLateness=0 (got: sliding 2m every 1m, early firings every 10s, allowed "
        + "lateness 0, accumulating panes)", e.getMessage());
  }

  @Test
  public void allowedLatenessIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> TrendingHashtags.of(SLIDING_2M_EVERY_1M.withAllowedLateness(MINUTE)));
  }

  @Test
  public void kIsAtLeastOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrendingHashtags.of(SLIDING_2M_EVERY_1M).withTopK(0));
    assertEquals("the number of top hashtags must be >= 1, was 0", e.getMessage());
  }
}
