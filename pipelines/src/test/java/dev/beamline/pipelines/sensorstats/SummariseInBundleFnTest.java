package dev.beamline.pipelines.sensorstats;

import org.junit.experimental.categories.Category;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.stats.NumericSummary;
import dev.beamline.transforms.stats.NumericSummaryCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * One partial summary per sensor, window and bundle, in its window, stamped with its earliest
 * reading. TestStream delivers each {@code addElements} as one bundle on the DirectRunner.
 */
public class SummariseInBundleFnTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, MINUTE);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(MINUTE), MINUTE);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<SensorEvent> reading(String sensor, int secondsAfterT0, double t) {
    Instant ts = T0.plus(Duration.standardSeconds(secondsAfterT0));
    return TimestampedValue.of(SensorEvent.of(sensor, ts, t), ts);
  }

  private static TimestampedValue<KV<String, NumericSummary>> partial(String sensor,
      int earliestSecond, double... temperatures) {
    return TimestampedValue.of(KV.of(sensor, NumericSummary.ofValues(temperatures)),
        T0.plus(Duration.standardSeconds(earliestSecond)));
  }

  // NotOnFlink (untestable): the flink-runner profile runs bundles of one element (--maxBundleSize=1), so there is nothing to fold within a bundle; the parity test checks the Flink results with 10,000-element bundles
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class})
  public void onTimeReadingsOfOneBundleBecomeOnePartialPerSensorAndWindow() {
    TestStream<SensorEvent> events = TestStream.create(SensorEventCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(reading("s1", 5, 20), reading("s1", 2, 22), reading("s2", 3, 10),
            reading("s1", 70, 30))
        .addElements(reading("s1", 4, 24))
        .advanceWatermarkToInfinity();

    PCollection<TimestampedValue<KV<String, NumericSummary>>> out = p.apply(events)
        .apply(Window.into(FixedWindows.of(MINUTE)))
        .apply(ParDo.of(new SummariseInBundleFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), NumericSummaryCoder.of()))
        .apply(Reify.timestamps());

    PAssert.that(out).inWindow(FIRST).containsInAnyOrder(
        partial("s1", 2, 20, 22), partial("s2", 3, 10), partial("s1", 4, 24));
    PAssert.that(out).inWindow(SECOND).containsInAnyOrder(partial("s1", 70, 30));
    p.run();
  }
}
