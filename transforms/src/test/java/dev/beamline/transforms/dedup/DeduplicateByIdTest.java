package dev.beamline.transforms.dedup;

import org.junit.experimental.categories.Category;
import dev.beamline.transforms.testing.RunnerLimits;
import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Deduplication by id within a span, named by lateness case. Elements are (id, payload) pairs so a
 * kept repeat is told apart from the first occurrence. Event-time TestStream tests cannot run on
 * SparkRunner in streaming mode (refused at construction); the processing-time test cannot run on
 * FlinkRunner, whose TestStream source does not support advancing processing time.
 */
public class DeduplicateByIdTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final KvCoder<String, Double> CODER =
      KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of());
  private static final Duration MINUTE = Duration.standardMinutes(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Instant at(int seconds) {
    return T0.plus(Duration.standardSeconds(seconds));
  }

  private static TimestampedValue<KV<String, Double>> e(String id, int seconds, double payload) {
    return TimestampedValue.of(KV.of(id, payload), at(seconds));
  }

  private static DeduplicateById<KV<String, Double>, String> byIdWithinAMinute() {
    return DeduplicateById.<KV<String, Double>, String>of(KV::getKey, StringUtf8Coder.of())
        .within(MINUTE);
  }

  private static TestStream.Builder<KV<String, Double>> stream() {
    return TestStream.create(CODER).advanceWatermarkTo(T0);
  }

  // NotOnSparkStreaming: DeduplicateById refuses event-time deduplication on the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeRepeatsWithinTheSpanAreDroppedAndCounted() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(e("a", 0, 1), e("b", 10, 2))
        .advanceWatermarkTo(at(30))
        .addElements(e("a", 30, 3), e("a", 59, 4), e("b", 60, 5))
        .advanceWatermarkToInfinity();

    PCollection<KV<String, Double>> out = p.apply(events).apply(byIdWithinAMinute());

    // The first occurrence is kept unchanged, timestamp included.
    PAssert.that(out.apply(Reify.timestamps())).containsInAnyOrder(
        TimestampedValue.of(KV.of("a", 1.0), at(0)), TimestampedValue.of(KV.of("b", 2.0), at(10)));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(3, counter(result, "beamline", "duplicates_dropped"));
  }

  // NotOnSparkStreaming: DeduplicateById refuses event-time deduplication on the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeRepeatAfterTheWatermarkPassedFirstPlusSpanIsKept() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(e("a", 0, 1))
        .advanceWatermarkTo(at(61)) // past 0 s + 60 s: "a" is forgotten
        .addElements(e("a", 61, 2))
        .advanceWatermarkToInfinity();

    PAssert.that(p.apply(events).apply(byIdWithinAMinute()))
        .containsInAnyOrder(KV.of("a", 1.0), KV.of("a", 2.0));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(0, counter(result, "beamline", "duplicates_dropped"));
  }

  // NotOnSparkStreaming: DeduplicateById refuses event-time deduplication on the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void earlyRepeatBeyondTheSpanIsDroppedWhileTheWatermarkIsBehindFirstPlusSpan() {
    // The span is measured by the watermark, not by the repeat's own timestamp: at 120 s the
    // repeat is beyond 0 s + 60 s, but it arrives while the watermark is still at 0 s.
    TestStream<KV<String, Double>> events = stream()
        .addElements(e("a", 0, 1))
        .addElements(e("a", 120, 2))
        .advanceWatermarkToInfinity();

    PAssert.that(p.apply(events).apply(byIdWithinAMinute())).containsInAnyOrder(KV.of("a", 1.0));
    p.run();
  }

  // NotOnSparkStreaming: DeduplicateById refuses event-time deduplication on the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateRepeatArrivingBeforeTheWatermarkPassesFirstPlusSpanIsDropped() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(e("a", 20, 1))
        .advanceWatermarkTo(at(50))
        .addElements(e("a", 5, 2)) // behind the watermark, and before the first occurrence
        .advanceWatermarkToInfinity();

    PAssert.that(p.apply(events).apply(byIdWithinAMinute())).containsInAnyOrder(KV.of("a", 1.0));
    p.run();
  }

  // NotOnSparkStreaming: DeduplicateById refuses event-time deduplication on the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeBoundedInputDropsRepeatsWithinTheSpan() {
    // Which "a" is kept depends on which arrives first; that one "a" and one "b" are kept does not.
    // (A repeat beyond first + span is not asserted: runners may move the watermark between
    // bundles of a bounded input, the DirectRunner does.)
    PCollection<KV<String, Double>> in = p.apply(Create.timestamped(
        e("a", 0, 1), e("a", 60, 2), e("b", 5, 3)).withCoder(CODER));

    PCollection<KV<String, Double>> out = in.apply(byIdWithinAMinute());

    PAssert.that(out.apply("Ids", org.apache.beam.sdk.transforms.Keys.create()))
        .containsInAnyOrder("a", "b");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "beamline", "duplicates_dropped"));
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming (untestable): the Spark runner's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Spark Runner"; the streaming context then hangs until killed) (apache/beam#22620)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void processingTimeSpanForgetsAnIdAfterTheSpanOfWallClock() {
    // Not on FlinkRunner: its TestStream source cannot advance processing time.
    TestStream<KV<String, Double>> events = stream()
        .addElements(e("a", 0, 1))
        .advanceProcessingTime(Duration.standardSeconds(30))
        .addElements(e("a", 0, 2)) // 30 s of wall clock later: dropped
        .advanceProcessingTime(Duration.standardSeconds(31))
        .addElements(e("a", 0, 3)) // 61 s later: forgotten, kept
        .advanceWatermarkToInfinity();

    PAssert.that(p.apply(events).apply(byIdWithinAMinute().inProcessingTime()))
        .containsInAnyOrder(KV.of("a", 1.0), KV.of("a", 3.0));
    p.run();
  }

  // NotOnSparkStreaming (untestable): DeduplicateById refuses event-time deduplication on the SparkRunner in streaming mode at construction (no event-time timers, apache/beam#33237) before it checks the id coder, so the coder refusal this test checks cannot be reached there
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void nonDeterministicIdCoderIsRefused() {
    PCollection<Double> in = p.apply(Create.of(1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> in.apply(DeduplicateById.<Double, Double>of(x -> x, DoubleCoder.of())));
    assertEquals("DeduplicateById needs a deterministic id coder (ids are state keys), but "
        + "DoubleCoder is not: Floating point encodings are not guaranteed to be deterministic.",
        e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }
}
