package dev.beamline.pipelines.trendingtopics;

import static org.junit.Assert.assertEquals;

import dev.beamline.transforms.testing.PipelineCounters;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.joda.time.Duration;
import org.joda.time.Instant;
import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.junit.experimental.categories.Category;
import org.junit.Rule;
import org.junit.Test;

/**
 * Resent posts dropped before their hashtags are counted, by arrival case: a resend within the span
 * counts once, also in a later window and out of order; a resend that arrives after the watermark
 * passed the first post's time + span counts again (DeduplicateById's documented limit). The
 * hashtags of each unique post come out once each with its event time. Counters are exact.
 */
public class ResentPostsTest {
  private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
  private static final Duration SPAN = Duration.standardMinutes(10);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<Row> post(String id, String text, int secondsAfterT0) {
    Instant ts = T0.plus(Duration.standardSeconds(secondsAfterT0));
    return TimestampedValue.of(Row.withSchema(Posts.SCHEMA)
        .addValues(id, "u1", text, new DateTime(ts.getMillis(), DateTimeZone.UTC)).build(), ts);
  }

  private static TestStream.Builder<Row> stream() {
    return TestStream.create(SchemaCoder.of(Posts.SCHEMA)).advanceWatermarkTo(T0);
  }

  private static TimestampedValue<String> tag(String tag, int secondsAfterT0) {
    return TimestampedValue.of(tag, T0.plus(Duration.standardSeconds(secondsAfterT0)));
  }

  // NotOnSparkStreaming: DeduplicateById refuses event-time deduplication on the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_eachUniquePostGivesItsHashtagsOnceWithItsEventTime() {
    TestStream<Row> posts = stream()
        .addElements(post("p1", "Off to #Tokyo, #東京 #tokyo!", 10))
        .addElements(post("p2", "nothing to see", 20), post("p3", "#Café time", 30))
        .addElements(post("p1", "Off to #Tokyo, #東京 #tokyo!", 10)) // resent
        .advanceWatermarkToInfinity();

    PCollection<String> tags = p.apply(posts).apply(ResentPosts.dropWithin(SPAN)).apply(PostHashtags.create());

    PAssert.that(tags.apply(Reify.timestamps())).containsInAnyOrder(
        tag("tokyo", 10), tag("東京", 10), tag("café", 30));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, PipelineCounters.counter(result, "beamline", "duplicates_dropped"));
    assertEquals(3, PipelineCounters.counter(result, "beamline", "hashtags_counted"));
  }

  // NotOnSparkStreaming: DeduplicateById refuses event-time deduplication on the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_aResendInALaterWindowAndOutOfOrderStillCountsOnce() {
    TestStream<Row> posts = stream()
        .addElements(post("p1", "#beam", 50))
        .advanceWatermarkTo(T0.plus(Duration.standardMinutes(3)))
        // Resent 5 minutes later with its original time, and a second resend stamped later still:
        // deduplication runs before windowing, so neither counts in any window.
        .addElements(post("p1", "#beam", 50), post("p1", "#beam", 290))
        .advanceWatermarkToInfinity();

    PCollection<String> tags = p.apply(posts).apply(ResentPosts.dropWithin(SPAN)).apply(PostHashtags.create());

    PAssert.that(tags.apply(Reify.timestamps())).containsInAnyOrder(tag("beam", 50));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(2, PipelineCounters.counter(result, "beamline", "duplicates_dropped"));
  }

  // NotOnSparkStreaming: DeduplicateById refuses event-time deduplication on the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void late_aResendAfterTheWatermarkPassedFirstPlusSpanCountsAgain() {
    TestStream<Row> posts = stream()
        .addElements(post("p1", "#beam", 0))
        .advanceWatermarkTo(T0.plus(SPAN).plus(Duration.standardSeconds(1)))
        .addElements(post("p1", "#beam", 0)) // the id was forgotten when the span ended
        .advanceWatermarkToInfinity();

    PCollection<String> tags = p.apply(posts).apply(ResentPosts.dropWithin(SPAN)).apply(PostHashtags.create());

    PAssert.that(tags.apply(Reify.timestamps())).containsInAnyOrder(tag("beam", 0), tag("beam", 0));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(0, PipelineCounters.counter(result, "beamline", "duplicates_dropped"));
  }
}
