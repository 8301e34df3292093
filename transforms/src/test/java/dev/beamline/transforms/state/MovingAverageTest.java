package dev.beamline.transforms.state;

import static dev.beamline.transforms.state.EwmaTest.KV_CODER;
import static dev.beamline.transforms.state.EwmaTest.at;
import static dev.beamline.transforms.state.EwmaTest.v;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * Moving averages over the last N values and over a span of event time, named by lateness case.
 * TestStream tests cannot run on SparkRunner in streaming mode (no event-time timers; refused at
 * construction); the Create-based tests run on every batch runner.
 */
public class MovingAverageTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static KV<String, MovingAveragePoint> point(String key, int seconds, double value,
      double average, int count) {
    return KV.of(key, new MovingAveragePoint(at(seconds), value, average, count));
  }

  private static TestStream.Builder<KV<String, Double>> stream() {
    return TestStream.create(KV_CODER).advanceWatermarkTo(at(0));
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeShuffledLastValuesGiveTheInOrderAverages() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 3, 3), v("s1", 1, 1), v("s1", 2, 2))
        .advanceWatermarkTo(at(3))
        .addElements(v("s1", 5, 5), v("s1", 4, 4))
        .advanceWatermarkToInfinity();

    PCollection<KV<String, MovingAveragePoint>> out =
        p.apply(events).apply(MovingAverage.<String>lastValues(3)).output();

    PAssert.that(out).containsInAnyOrder(
        point("s1", 1, 1, 1, 1), point("s1", 2, 2, 1.5, 2), point("s1", 3, 3, 2, 3),
        point("s1", 4, 4, 3, 3), point("s1", 5, 5, 4, 3));
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeSpanAverageCoversValuesAfterTheStartOfTheSpanOnly() {
    // For a value at t the span is (t - 10 s, t]: a value exactly 10 s older is out.
    PCollection<KV<String, Double>> input = p.apply(Create.timestamped(
            v("s1", 15, 40), v("s1", 0, 10), v("s1", 10, 30), v("s1", 5, 20), v("s2", 10, 7))
        .withCoder(KV_CODER));

    PCollection<KV<String, MovingAveragePoint>> out =
        input.apply(MovingAverage.<String>over(Duration.standardSeconds(10))).output();

    PAssert.that(out).containsInAnyOrder(
        point("s1", 0, 10, 10, 1), point("s1", 5, 20, 15, 2), point("s1", 10, 30, 25, 2),
        point("s1", 15, 40, 35, 2), point("s2", 10, 7, 7, 1));
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateForItsKeyIsADeadLetterOfTheMovingAverageStage() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 10, 1))
        .advanceWatermarkTo(at(20))
        .addElements(v("s1", 9, 2))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<KV<String, MovingAveragePoint>>, DeadLetter> r =
        p.apply(events).apply(MovingAverage.<String>lastValues(2));

    PAssert.that(r.output()).containsInAnyOrder(point("s1", 10, 1, 1, 1));
    PAssert.that(r.failures()).containsInAnyOrder(new DeadLetter("moving-average",
        "late for key: event time 2026-11-01T00:00:09.000Z is before the key's last folded event "
            + "time 2026-11-01T00:00:10.000Z",
        "s1", -1, "{\"key\":\"s1\",\"eventTime\":\"2026-11-01T00:00:09.000Z\",\"value\":2.0}"));
    p.run();
  }

  @Test
  public void badSizesAreRefused() {
    assertEquals("the number of values must be >= 1, was 0", assertThrows(
        IllegalArgumentException.class, () -> MovingAverage.lastValues(0)).getMessage());
    assertEquals("the span must be positive, was PT0S", assertThrows(
        IllegalArgumentException.class, () -> MovingAverage.over(Duration.ZERO)).getMessage());
  }
}
