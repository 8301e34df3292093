package dev.beamline.transforms.dedup;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * Deduplication with ids remembered per group (one timer per group), named by lateness case.
 * Elements are ("group:id", payload) pairs: the group is the text before the colon, and the
 * payload tells a kept repeat from the first occurrence. The event-time semantics are those of
 * {@link DeduplicateByIdTest}.
 */
public class DeduplicateByIdPerGroupTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final KvCoder<String, Double> CODER =
      KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of());

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Instant at(int seconds) {
    return T0.plus(Duration.standardSeconds(seconds));
  }

  private static TimestampedValue<KV<String, Double>> e(String id, int seconds, double payload) {
    return TimestampedValue.of(KV.of(id, payload), at(seconds));
  }

  private static DeduplicateById<KV<String, Double>, String> byIdWithinAMinutePerGroup() {
    return DeduplicateById.<KV<String, Double>, String>of(KV::getKey, StringUtf8Coder.of())
        .within(Duration.standardMinutes(1))
        .perGroup(kv -> kv.getKey().split(":")[0], StringUtf8Coder.of());
  }

  private static TestStream.Builder<KV<String, Double>> stream() {
    return TestStream.create(CODER).advanceWatermarkTo(T0);
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeRepeatsWithinTheSpanAreDroppedAndCounted() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(e("g:a", 0, 1), e("g:b", 10, 2))
        .advanceWatermarkTo(at(30))
        .addElements(e("g:a", 30, 3), e("g:a", 59, 4), e("g:b", 60, 5))
        .advanceWatermarkToInfinity();

    PCollection<KV<String, Double>> out = p.apply(events).apply(byIdWithinAMinutePerGroup());

    PAssert.that(out.apply(Reify.timestamps())).containsInAnyOrder(
        TimestampedValue.of(KV.of("g:a", 1.0), at(0)),
        TimestampedValue.of(KV.of("g:b", 2.0), at(10)));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(3, counter(result, "beamline", "duplicates_dropped"));
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeEachIdOfAGroupIsForgottenWhenTheWatermarkPassesItsOwnFirstPlusSpan() {
    // One timer for the group walks through the ids: "a" is due at 60 s, "b" at 90 s.
    TestStream<KV<String, Double>> events = stream()
        .addElements(e("g:a", 0, 1), e("g:b", 30, 2))
        .advanceWatermarkTo(at(61))
        .addElements(e("g:a", 61, 3), e("g:b", 62, 4)) // "a" forgotten: kept; "b" still known
        .advanceWatermarkTo(at(91))
        .addElements(e("g:b", 92, 5)) // "b" forgotten now: kept
        .advanceWatermarkToInfinity();

    PAssert.that(p.apply(events).apply(byIdWithinAMinutePerGroup())).containsInAnyOrder(
        KV.of("g:a", 1.0), KV.of("g:b", 2.0), KV.of("g:a", 3.0), KV.of("g:b", 5.0));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "beamline", "duplicates_dropped"));
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateRepeatArrivingBeforeTheWatermarkPassesFirstPlusSpanIsDropped() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(e("g:a", 20, 1))
        .advanceWatermarkTo(at(50))
        .addElements(e("g:a", 5, 2)) // behind the watermark, and before the first occurrence
        .advanceWatermarkToInfinity();

    PAssert.that(p.apply(events).apply(byIdWithinAMinutePerGroup()))
        .containsInAnyOrder(KV.of("g:a", 1.0));
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  // NotOnFlink: a timer set behind the watermark fires only at the Flink runner's next watermark advance, so a repeat arriving before that is still dropped (no Beam issue: timer firing is runner-defined; the DirectRunner fires it at once)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class, RunnerLimits.NotOnFlink.class})
  public void droppablyLateFirstOccurrenceIsKeptAndForgottenAtOnce() {
    // Its first + span is already behind the watermark: like Beam's Deduplicate, the id is kept
    // and its timer fires at once, so a repeat after that is kept too.
    TestStream<KV<String, Double>> events = stream()
        .advanceWatermarkTo(at(200))
        .addElements(e("g:a", 10, 1))
        .addElements(e("g:a", 11, 2))
        .advanceWatermarkToInfinity();

    PAssert.that(p.apply(events).apply(byIdWithinAMinutePerGroup()))
        .containsInAnyOrder(KV.of("g:a", 1.0), KV.of("g:a", 2.0));
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeIdsAreComparedWithinTheirGroupOnly() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(e("g:a", 0, 1), e("h:a", 1, 2), e("g:a", 2, 3))
        .advanceWatermarkToInfinity();

    // The id is the whole key here, so "g:a" and "h:a" differ anyway; the group only scopes them.
    PAssert.that(p.apply(events).apply(byIdWithinAMinutePerGroup()))
        .containsInAnyOrder(KV.of("g:a", 1.0), KV.of("h:a", 2.0));
    p.run();
  }

  @Test
  public void groupsMeasureTheSpanInEventTimeOnly() {
    assertEquals("DeduplicateById.perGroup measures the span in event time only; drop"
            + " inProcessingTime() or perGroup(...)",
        assertThrows(IllegalArgumentException.class, () -> byIdWithinAMinutePerGroup()
            .inProcessingTime()).getMessage());
  }
}
