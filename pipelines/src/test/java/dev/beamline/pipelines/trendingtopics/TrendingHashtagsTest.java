package dev.beamline.pipelines.trendingtopics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.late.LateElement;
import dev.beamline.transforms.testing.PipelineCounters;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

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

  private static final AtomicInteger POST_IDS = new AtomicInteger();

  /** A post that mentions {@code #tag}, with a new postId. */
  private static TimestampedValue<Row> at(String tag, int secondsAfterT0) {
    Instant ts = T0.plus(Duration.standardSeconds(secondsAfterT0));
    return TimestampedValue.of(post("p" + POST_IDS.incrementAndGet(), "#" + tag, ts), ts);
  }

  private static Row post(String id, String text, Instant ts) {
    return Row.withSchema(Posts.SCHEMA)
        .addValues(id, "u1", text, new DateTime(ts.getMillis(), DateTimeZone.UTC)).build();
  }

  private static TestStream.Builder<Row> stream() {
    return TestStream.create(SchemaCoder.of(Posts.SCHEMA)).advanceWatermarkTo(T0);
  }

  private PCollection<WindowTrends> trends(TestStream<Row> posts, TrendingHashtags transform) {
    return p.apply(posts).apply(transform).get(TrendingHashtags.TRENDS);
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

  // NotOnSparkStreaming: trending-topics splits off late posts with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_rankedByTrendAgainstTheWindowOneSlideEarlier() {
    TestStream<Row> tags = stream()
        .addElements(at("beam", 10), at("beam", 20), at("beam", 30), at("東京", 40))
        .addElements(at("地震", 70), at("地震", 71), at("地震", 72))
        .addElements(at("beam", 80), at("東京", 90))
        .advanceWatermarkToInfinity();

    PCollection<WindowTrends> out = trends(tags, TrendingHashtags.of(SLIDING_2M_EVERY_1M).withTopK(2));

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

  // NotOnSparkStreaming: trending-topics splits off late posts with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_equalTrendsRankMorePostsFirstThenHashtagsInCodePointOrder() {
    TestStream<Row> tags = stream()
        .addElements(at("é", 1), at("b", 2), at("a", 3), at("東京", 4))
        .addElements(at("z", 5), at("z", 6))
        .advanceWatermarkToInfinity();

    PCollection<WindowTrends> out = trends(tags, TrendingHashtags.of(WindowingSpec.fixed(MINUTE)).withTopK(4));

    PAssert.that(out).inOnTimePane(endingAt(1)).containsInAnyOrder(
        trends(0, 1, t("z", 2, 0), t("a", 1, 0), t("b", 1, 0), t("é", 1, 0)));
    p.run();
  }

  // NotOnSparkStreaming: trending-topics splits off late posts with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_outOfOrderHashtagsWithinTheWatermarkGiveTheSameRanking() {
    TestStream<Row> tags = stream()
        .addElements(at("b", 70), at("a", 75))
        .addElements(at("a", 10), at("b", 65)) // earlier event times, arriving later
        .advanceWatermarkToInfinity();

    PCollection<WindowTrends> out = trends(tags, TrendingHashtags.of(WindowingSpec.fixed(MINUTE)));

    PAssert.that(out).inOnTimePane(endingAt(1)).containsInAnyOrder(trends(0, 1, t("a", 1, 0)));
    PAssert.that(out).inOnTimePane(endingAt(2)).containsInAnyOrder(
        trends(1, 2, t("b", 2, 0), t("a", 1, 1)));
    p.run();
  }

  // NotOnSparkStreaming: trending-topics splits off late posts with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLate_aPostAfterItsWindowFiredGoesToTheLateOutputAndAnOpenWindowCountsIt() {
    TimestampedValue<Row> late = at("b", 55);
    TestStream<Row> tags = stream()
        .addElements(at("a", 50))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(61))) // [11:59, 12:01) has fired
        .addElements(late) // late for [11:59, 12:01), on time for [12:00, 12:02)
        .advanceWatermarkToInfinity();

    PCollectionTuple out = p.apply(tags).apply(TrendingHashtags.of(SLIDING_2M_EVERY_1M));

    PAssert.that(out.get(TrendingHashtags.TRENDS)).inOnTimePane(endingAt(1))
        .containsInAnyOrder(trends(-1, 1, t("a", 1, 0)));
    // b is new here: its previous window closed without it.
    PAssert.that(out.get(TrendingHashtags.TRENDS)).inOnTimePane(endingAt(2))
        .containsInAnyOrder(trends(0, 2, t("b", 1, 0), t("a", 1, 1)));
    PAssert.that(out.get(TrendingHashtags.LATE)).containsInAnyOrder(new LateElement<>(
        late.getValue(), late.getTimestamp(), T0.minus(MINUTE), T0.plus(MINUTE)));
    PipelineResult result = p.run();
    // b reached one of its windows, so it counts once, as windowed.
    assertEquals(2, PipelineCounters.counter(result, "beamline", "windowed_events"));
    assertEquals(0, PipelineCounters.counter(result, "beamline", "dropped_late"));
  }

  // NotOnSparkStreaming: trending-topics splits off late posts with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLate_aPostThatMissedEveryWindowIsCountedAsDroppedLate() {
    TimestampedValue<Row> late = at("b", 10);
    TestStream<Row> tags = stream()
        .addElements(at("a", 10))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(61)))
        .addElements(late) // [12:00, 12:01) has fired: the only window of a tumbling minute
        .advanceWatermarkToInfinity();

    PCollectionTuple out = p.apply(tags).apply(TrendingHashtags.of(WindowingSpec.fixed(MINUTE)));

    PAssert.that(out.get(TrendingHashtags.TRENDS)).inOnTimePane(endingAt(1))
        .containsInAnyOrder(trends(0, 1, t("a", 1, 0)));
    PAssert.that(out.get(TrendingHashtags.LATE)).containsInAnyOrder(
        new LateElement<>(late.getValue(), late.getTimestamp(), T0, T0.plus(MINUTE)));
    PipelineResult result = p.run();
    assertEquals(1, PipelineCounters.counter(result, "beamline", "windowed_events"));
    assertEquals(1, PipelineCounters.counter(result, "beamline", "dropped_late"));
  }

  @Test
  public void latePostsAreWrittenWithTheWindowTheyMissed() {
    Instant ts = T0.plus(Duration.standardSeconds(10));
    assertEquals("{\"post\":{\"postId\":\"p9\",\"userId\":\"u1\",\"text\":\"#東京\","
        + "\"ts\":\"2026-11-01T12:00:10.000Z\"},\"eventTime\":\"2026-11-01T12:00:10.000Z\","
        + "\"windowStart\":\"2026-11-01T12:00:00.000Z\",\"windowEnd\":\"2026-11-01T12:01:00.000Z\"}",
        LatePostJson.of(new LateElement<>(post("p9", "#東京", ts), ts, T0, T0.plus(MINUTE))));
  }

  // NotOnSparkStreaming: trending-topics splits off late posts with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_aPostCountsOnceForEachHashtagItMentionsAndAPostWithoutHashtagsNotAtAll() {
    Instant ts = T0.plus(Duration.standardSeconds(5));
    TestStream<Row> posts = stream()
        .addElements(TimestampedValue.of(post("p-a", "#Café et #café, #東京", ts), ts))
        .addElements(TimestampedValue.of(post("p-b", "no hashtag at all", ts), ts))
        .advanceWatermarkToInfinity();

    PCollectionTuple out = p.apply(posts).apply(TrendingHashtags.of(WindowingSpec.fixed(MINUTE)));

    PAssert.that(out.get(TrendingHashtags.TRENDS)).inOnTimePane(endingAt(1))
        .containsInAnyOrder(trends(0, 1, t("café", 1, 0), t("東京", 1, 0)));
    PipelineResult result = p.run();
    assertEquals(2, PipelineCounters.counter(result, "beamline", "windowed_events"));
    assertEquals(2, PipelineCounters.counter(result, "beamline", "hashtags_counted"));
  }

  @Test
  public void earlyFiringsAreRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrendingHashtags.of(SLIDING_2M_EVERY_1M.withEarlyFiringsEvery(Duration.standardSeconds(10))));
    assertEquals("trending-topics fires each window once, at the watermark: a trend compares a "
        + "window's final count with the previous window's, and an early or late pane would restate "
        + "counts that were already ranked (Beam has no retractions). Use --trigger=ontime and "
        + "--allowedLateness=0 (got: " + SLIDING_2M_EVERY_1M.withEarlyFiringsEvery(
            Duration.standardSeconds(10)).describe() + ")", e.getMessage());
  }

  @Test
  public void windowsWithoutAPreviousWindowAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrendingHashtags.of(WindowingSpec.parse("--window=session:5m")));
    assertEquals("trending-topics compares each window with the window one slide earlier, so it "
        + "needs fixed or sliding windows, got --window=session:5m", e.getMessage());
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
