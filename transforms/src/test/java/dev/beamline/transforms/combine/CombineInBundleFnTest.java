package dev.beamline.transforms.combine;

import static org.junit.Assert.assertEquals;

import dev.beamline.transforms.stats.NumericSummary;
import dev.beamline.transforms.stats.NumericSummaryCoder;
import dev.beamline.transforms.stats.NumericSummaryFn;
import dev.beamline.transforms.testing.RunnerLimits;
import java.util.List;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Combine;
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
import org.junit.experimental.categories.Category;

/**
 * One partial accumulator per key, window and bundle, in its window, stamped with its earliest
 * element; merged by {@link MergeAccumulatorsFn} into what the combine function gives over all the
 * elements. TestStream delivers each {@code addElements} as one bundle on the DirectRunner.
 */
public class CombineInBundleFnTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, MINUTE);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(MINUTE), MINUTE);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<KV<String, Double>> reading(String key, int second, double v) {
    return TimestampedValue.of(KV.of(key, v), T0.plus(Duration.standardSeconds(second)));
  }

  private static TimestampedValue<KV<String, NumericSummary>> partial(String key,
      int earliestSecond, double... values) {
    return TimestampedValue.of(KV.of(key, NumericSummary.ofValues(values)),
        T0.plus(Duration.standardSeconds(earliestSecond)));
  }

  private PCollection<KV<String, NumericSummary>> partials() {
    TestStream<KV<String, Double>> events = TestStream
        .create(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()))
        .advanceWatermarkTo(T0)
        .addElements(reading("s1", 5, 20), reading("s1", 2, 22), reading("s2", 3, 10),
            reading("s1", 70, 30))
        .addElements(reading("s1", 4, 24))
        .advanceWatermarkToInfinity();
    return p.apply(events)
        .apply(Window.into(FixedWindows.of(MINUTE)))
        .apply("CombineInBundle", ParDo.of(new CombineInBundleFn<>(NumericSummaryFn.of())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), NumericSummaryCoder.of()));
  }

  // NotOnFlink (untestable): the flink-runner profile runs bundles of one element (--maxBundleSize=1), so there is nothing to fold within a bundle; OnTimeCombinePerKeyTest and the parity tests check the results on Flink
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class})
  public void onTimeElementsOfOneBundleBecomeOnePartialPerKeyAndWindow() {
    PCollection<TimestampedValue<KV<String, NumericSummary>>> out =
        partials().apply(Reify.timestamps());
    PAssert.that(out).inWindow(FIRST).containsInAnyOrder(
        partial("s1", 2, 20, 22), partial("s2", 3, 10), partial("s1", 4, 24));
    PAssert.that(out).inWindow(SECOND).containsInAnyOrder(partial("s1", 70, 30));
    p.run();
  }

  @Test
  @Category(UsesTestStream.class)
  public void mergedPartialsEqualTheCombineOverAllElements() {
    PCollection<KV<String, NumericSummary>> merged = partials().apply("Merge",
        Combine.perKey(MergeAccumulatorsFn.of(NumericSummaryFn.of(), NumericSummaryCoder.of(),
            NumericSummaryCoder.of())));
    PAssert.that(merged).inOnTimePane(FIRST).containsInAnyOrder(
        KV.of("s1", NumericSummary.ofValues(20, 22, 24)), KV.of("s2", NumericSummary.ofValues(10)));
    PAssert.that(merged).inOnTimePane(SECOND).containsInAnyOrder(
        KV.of("s1", NumericSummary.ofValues(30)));
    p.run();
  }

  @Test
  public void aPartialIsMergedIntoTheRunnersAccumulatorNeverChanged() {
    MergeAccumulatorsFn<NumericSummary, NumericSummary> fn = MergeAccumulatorsFn.of(
        NumericSummaryFn.of(), NumericSummaryCoder.of(), NumericSummaryCoder.of());
    NumericSummary partial = NumericSummary.ofValues(1, 2);
    NumericSummary acc = fn.addInput(fn.createAccumulator(), partial);
    acc = fn.addInput(acc, NumericSummary.ofValues(3));
    assertEquals(NumericSummary.ofValues(1, 2), partial);
    assertEquals(NumericSummary.ofValues(1, 2, 3), fn.extractOutput(acc));
    assertEquals(NumericSummary.ofValues(1, 2, 3),
        fn.extractOutput(fn.mergeAccumulators(List.of(NumericSummary.ofValues(1),
            NumericSummary.ofValues(2, 3)))));
  }
}
