package dev.beamline.transforms.state;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.testing.RunnerLimits;
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
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * EWMA per key in event-time order, named by lateness case. alpha = 0.5 and small integers keep every
 * EWMA an exact binary fraction, so expectations are exact.
 *
 * <p>Runners: TestStream tests need event-time timers on an unbounded input, which SparkRunner in
 * streaming mode does not have (the transform refuses it at construction); the Create-based test
 * runs on every batch runner.
 */
public class EwmaTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final KvCoder<String, Double> KV_CODER = KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of());

  @Rule public final transient TestPipeline p = TestPipeline.create();

  static Instant at(int seconds) {
    return T0.plus(Duration.standardSeconds(seconds));
  }

  static TimestampedValue<KV<String, Double>> v(String key, int seconds, double value) {
    return TimestampedValue.of(KV.of(key, value), at(seconds));
  }

  static KV<String, EwmaPoint> point(String key, int seconds, double value, double ewma) {
    return KV.of(key, new EwmaPoint(at(seconds), value, ewma));
  }

  private static TestStream.Builder<KV<String, Double>> stream() {
    return TestStream.create(KV_CODER).advanceWatermarkTo(T0);
  }

  private WithFailures.Result<PCollection<KV<String, EwmaPoint>>, DeadLetter> ewma(
      TestStream<KV<String, Double>> events) {
    return p.apply(events).apply(Ewma.<String>withAlpha(0.5));
  }

  private static final KV<String, EwmaPoint>[] EXPECTED = expected();

  @SuppressWarnings("unchecked")
  private static KV<String, EwmaPoint>[] expected() {
    return new KV[] {
        point("s1", 1, 10, 10), point("s1", 2, 20, 15), point("s1", 3, 40, 27.5),
        point("s1", 4, 0, 13.75), point("s2", 2, 8, 8), point("s2", 5, 4, 6)};
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeInOrderInputGivesOnePointPerValue() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 1, 10), v("s1", 2, 20), v("s2", 2, 8))
        .advanceWatermarkTo(at(3))
        .addElements(v("s1", 3, 40), v("s1", 4, 0), v("s2", 5, 4))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<KV<String, EwmaPoint>>, DeadLetter> r = ewma(events);

    PAssert.that(r.output()).containsInAnyOrder(EXPECTED);
    PAssert.that(r.failures()).empty();
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeShuffledInputGivesExactlyTheInOrderPoints() {
    // Out of order inside each step, never behind the watermark: same points as in order.
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s2", 2, 8), v("s1", 2, 20))
        .addElements(v("s1", 1, 10))
        .advanceWatermarkTo(at(2))
        .addElements(v("s2", 5, 4), v("s1", 4, 0))
        .addElements(v("s1", 3, 40))
        .advanceWatermarkToInfinity();

    PAssert.that(ewma(events).output()).containsInAnyOrder(EXPECTED);
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeBoundedShuffledInputGivesExactlyTheInOrderPoints() {
    PCollection<KV<String, Double>> input = p.apply(Create.timestamped(
            v("s1", 4, 0), v("s2", 5, 4), v("s1", 2, 20), v("s1", 3, 40), v("s2", 2, 8),
            v("s1", 1, 10))
        .withCoder(KV_CODER));

    PAssert.that(input.apply(Ewma.<String>withAlpha(0.5)).output()).containsInAnyOrder(EXPECTED);
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimePointsCarryTheirValuesEventTime() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 7, 10), v("s1", 3, 20))
        .advanceWatermarkToInfinity();

    PAssert.that(ewma(events).output().apply(Reify.timestamps())).containsInAnyOrder(
        TimestampedValue.of(point("s1", 3, 20, 20), at(3)),
        TimestampedValue.of(point("s1", 7, 10, 15), at(7)));
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeEqualTimestampsAreFoldedInAscendingValueOrder() {
    // Whatever order they arrive in, values at one time are folded smallest first: 30, then 50.
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 1, 50))
        .addElements(v("s1", 1, 30))
        .advanceWatermarkToInfinity();

    PAssert.that(ewma(events).output()).containsInAnyOrder(
        point("s1", 1, 30, 30), point("s1", 1, 50, 40));
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateBehindTheWatermarkButNotBehindItsKeyIsStillFolded() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 1, 10))
        .advanceWatermarkTo(at(60))
        .addElements(v("s1", 30, 20)) // 30 s behind the watermark, after the key's last value
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<KV<String, EwmaPoint>>, DeadLetter> r = ewma(events);

    PAssert.that(r.output()).containsInAnyOrder(point("s1", 1, 10, 10), point("s1", 30, 20, 15));
    PAssert.that(r.failures()).empty();
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateForItsKeyGoesToFailuresWithTheReasonAndChangesNothing() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 10, 10), v("s2", 1, 8))
        .advanceWatermarkTo(at(60))
        .addElements(v("s1", 5, 99), v("s2", 5, 4)) // s1 already folded 10 s; s2 only 1 s
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<KV<String, EwmaPoint>>, DeadLetter> r = ewma(events);

    PAssert.that(r.output()).containsInAnyOrder(
        point("s1", 10, 10, 10), point("s2", 1, 8, 8), point("s2", 5, 4, 6));
    PAssert.that(r.failures()).containsInAnyOrder(new DeadLetter("ewma",
        "late for key: event time 2026-11-01T00:00:05.000Z is before the key's last folded event "
            + "time 2026-11-01T00:00:10.000Z",
        "s1", -1, "{\"key\":\"s1\",\"eventTime\":\"2026-11-01T00:00:05.000Z\",\"value\":99.0}"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "beamline", "late_for_key"));
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeNonFiniteValuesAreDeadLettersNotState() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 1, 10), v("s1", 2, Double.NaN), v("s1", 3, Double.POSITIVE_INFINITY))
        .addElements(v("s1", 4, 20))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<KV<String, EwmaPoint>>, DeadLetter> r = ewma(events);

    PAssert.that(r.output()).containsInAnyOrder(point("s1", 1, 10, 10), point("s1", 4, 20, 15));
    PAssert.that(r.failures()).containsInAnyOrder(
        new DeadLetter("ewma", "value is not a finite number: NaN", "s1", -1,
            "{\"key\":\"s1\",\"eventTime\":\"2026-11-01T00:00:02.000Z\",\"value\":\"NaN\"}"),
        new DeadLetter("ewma", "value is not a finite number: Infinity", "s1", -1,
            "{\"key\":\"s1\",\"eventTime\":\"2026-11-01T00:00:03.000Z\",\"value\":\"Infinity\"}"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(2, counter(result, "beamline", "non_finite_values"));
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeKeyReturningAfterTheIdleTimeoutStartsAfresh() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 0, 10), v("s2", 0, 10))
        .advanceWatermarkTo(at(30))
        .addElements(v("s2", 30, 20)) // s2 stays alive
        .advanceWatermarkTo(at(90))   // s1 idle 90 s > 60 s: evicted
        .addElements(v("s1", 90, 20), v("s2", 90, 40))
        .advanceWatermarkTo(at(200))  // both idle 110 s: evicted while the pipeline runs
        .advanceWatermarkToInfinity();

    PCollection<KV<String, EwmaPoint>> out = p.apply(events)
        .apply(Ewma.<String>withAlpha(0.5).withIdleTimeout(Duration.standardSeconds(60)))
        .output();

    PAssert.that(out).containsInAnyOrder(
        point("s1", 0, 10, 10), point("s1", 90, 20, 20), // afresh: the EWMA is the value itself
        point("s2", 0, 10, 10), point("s2", 30, 20, 15), point("s2", 90, 40, 27.5));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    // s1 at 60 s; s1 and s2 at 150 s. (Keys still held at the end of the input are not asserted:
    // FlinkRunner clears global-window state at the final watermark before idle timers fire.)
    assertEquals(3, counter(result, "beamline", "state_evictions"));
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeGapLongerThanTheIdleTimeoutStartsAfreshEvenIfBothArriveTogether() {
    // Batch-like arrival: both values wait together; the answer is the same as with eviction.
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 0, 10), v("s1", 61, 20), v("s1", 62, 40))
        .advanceWatermarkToInfinity();

    PAssert.that(p.apply(events)
            .apply(Ewma.<String>withAlpha(0.5).withIdleTimeout(Duration.standardSeconds(60)))
            .output())
        .containsInAnyOrder(point("s1", 0, 10, 10), point("s1", 61, 20, 20), point("s1", 62, 40, 30));
    p.run();
  }

  // NotOnSparkStreaming (untestable): Ewma refuses the SparkRunner in streaming mode at construction (no event-time timers, apache/beam#33237) before it looks at the input's windowing, so the windowing refusal this test checks cannot be reached there
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void windowedInputIsRefusedWithAClearMessage() {
    PCollection<KV<String, Double>> windowed = p
        .apply(Create.timestamped(v("s1", 1, 10)).withCoder(KV_CODER))
        .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> windowed.apply(Ewma.<String>withAlpha(0.5)));
    assertEquals("ewma keeps per-key state across all of event time and needs its input in the "
        + "global window, but the input is windowed by FixedWindows. Apply it before "
        + "Window.into(...), or re-window with Window.into(new GlobalWindows()).", e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }

  @Test
  public void alphaOutsideZeroToOneIsRefused() {
    assertEquals("alpha must be in (0, 1], was 0.0",
        assertThrows(IllegalArgumentException.class, () -> Ewma.withAlpha(0.0)).getMessage());
    assertEquals("alpha must be in (0, 1], was 1.5",
        assertThrows(IllegalArgumentException.class, () -> Ewma.withAlpha(1.5)).getMessage());
  }
}
