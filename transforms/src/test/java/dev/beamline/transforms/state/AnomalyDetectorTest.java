package dev.beamline.transforms.state;

import static dev.beamline.transforms.state.EwmaTest.KV_CODER;
import static dev.beamline.transforms.state.EwmaTest.at;
import static dev.beamline.transforms.state.EwmaTest.v;
import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * The EWMA anomaly detector, named by lateness case. With alpha = 0.5 the values 10, 12 give mean 11
 * and variance 1 exactly, so a following 20 is 9 standard deviations out. TestStream tests cannot
 * run on SparkRunner in streaming mode (refused at construction); Create-based ones run everywhere.
 */
public class AnomalyDetectorTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static KV<String, AnomalyAlert> alert(String key, int seconds, double value, double mean,
      double stddev, double z) {
    return KV.of(key, new AnomalyAlert(at(seconds), value, mean, stddev, z));
  }

  private static TestStream.Builder<KV<String, Double>> stream() {
    return TestStream.create(KV_CODER).advanceWatermarkTo(at(0));
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeOutlierAfterTheWarmUpIsFlaggedWithExactMoments() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 1, 10), v("s1", 2, 12))
        .advanceWatermarkTo(at(2))
        .addElements(v("s1", 3, 20), v("s1", 4, 15.5)) // 15.5 is the new mean: not flagged
        .advanceWatermarkToInfinity();

    PCollection<KV<String, AnomalyAlert>> out =
        p.apply(events).apply(AnomalyDetector.<String>of(0.5, 3).withWarmUp(2)).output();

    PAssert.that(out).containsInAnyOrder(alert("s1", 3, 20, 11, 1, 9));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "beamline", "anomalies_flagged"));
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeShuffledInputFlagsExactlyWhatInOrderInputFlags() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 3, 20), v("s2", 2, 1))
        .addElements(v("s1", 2, 12), v("s2", 1, 1), v("s1", 1, 10), v("s2", 3, 2))
        .advanceWatermarkToInfinity();

    PCollection<KV<String, AnomalyAlert>> out =
        p.apply(events).apply(AnomalyDetector.<String>of(0.5, 3).withWarmUp(2)).output();

    PAssert.that(out).containsInAnyOrder(
        alert("s1", 3, 20, 11, 1, 9),
        // s2: two equal values, stddev 0, so any other value is flagged with an infinite z-score.
        alert("s2", 3, 2, 1, 0, Double.POSITIVE_INFINITY));
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeNothingIsFlaggedDuringTheWarmUp() {
    PCollection<KV<String, Double>> input = p.apply(Create.timestamped(
        v("s1", 1, 10), v("s1", 2, 12), v("s1", 3, 20)).withCoder(KV_CODER));

    // Only two values precede the outlier: a warm-up of 3 keeps it quiet.
    PAssert.that(input.apply(AnomalyDetector.<String>of(0.5, 3).withWarmUp(3)).output()).empty();
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeKeyReturningAfterTheIdleTimeoutWarmsUpAgain() {
    TestStream<KV<String, Double>> events = stream()
        .addElements(v("s1", 1, 10), v("s1", 2, 12))
        .advanceWatermarkTo(at(120))
        .addElements(v("s1", 120, 20), v("s1", 121, 11)) // a fresh key: 20 is its first value
        .advanceWatermarkToInfinity();

    PCollection<KV<String, AnomalyAlert>> out = p.apply(events)
        .apply(AnomalyDetector.<String>of(0.5, 3).withWarmUp(2)
            .withIdleTimeout(Duration.standardSeconds(60)))
        .output();

    PAssert.that(out).empty();
    p.run();
  }

  @Test
  public void badParametersAreRefused() {
    assertEquals("alpha must be in (0, 1), was 1.0", assertThrows(IllegalArgumentException.class,
        () -> AnomalyDetector.of(1.0, 3)).getMessage());
    assertEquals("k must be a positive number of standard deviations, was -1.0",
        assertThrows(IllegalArgumentException.class, () -> AnomalyDetector.of(0.5, -1)).getMessage());
    assertEquals("warm-up must be >= 1 value, was 0", assertThrows(IllegalArgumentException.class,
        () -> AnomalyDetector.of(0.5, 3).withWarmUp(0)).getMessage());
  }
}
