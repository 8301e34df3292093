package dev.beamline.transforms.combine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.testing.RunnerLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
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
 * Percentiles per key and window: exact (nearest rank) up to the buffer size, within the documented
 * rank error beyond it. Inputs are shuffled with a fixed seed, so every run sees the same order.
 */
public class PercentilesTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final KvCoder<String, Double> CODER =
      KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of());

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Values 1..n for {@code key}, shuffled, all at {@code at}. */
  private static List<TimestampedValue<KV<String, Double>>> oneToN(String key, int n, Instant at) {
    List<TimestampedValue<KV<String, Double>>> out = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      out.add(TimestampedValue.of(KV.of(key, (double) i), at));
    }
    Collections.shuffle(out, new Random(42));
    return out;
  }

  private static KV<String, PercentileValues> pv(String key, double[] percents, double... values) {
    return KV.of(key, new PercentileValues(percents, values));
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeWindowsGetExactNearestRankPercentilesPerKey() {
    List<TimestampedValue<KV<String, Double>>> input = new ArrayList<>(oneToN("a", 900, T0));
    input.addAll(oneToN("b", 100, T0.plus(Duration.standardSeconds(5))));
    input.add(TimestampedValue.of(KV.of("a", 5.0), T0.plus(MINUTE)));

    PCollection<KV<String, PercentileValues>> out = p
        .apply(Create.timestamped(input).withCoder(CODER))
        .apply(Window.into(FixedWindows.of(MINUTE)))
        .apply(Percentiles.<String>of(99, 50, 90));

    double[] ps = {50, 90, 99};
    // Nearest rank: the ceil(p/100 * n)-th smallest of 1..n is ceil(p * n / 100).
    PAssert.that(out).inOnTimePane(new IntervalWindow(T0, MINUTE)).containsInAnyOrder(
        pv("a", ps, 450, 810, 891), pv("b", ps, 50, 90, 99));
    PAssert.that(out).inOnTimePane(new IntervalWindow(T0.plus(MINUTE), MINUTE))
        .containsInAnyOrder(pv("a", ps, 5, 5, 5));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeTenthsOfAPercentAndTheEndsAreExact() {
    PCollection<KV<String, PercentileValues>> out = p
        .apply(Create.timestamped(oneToN("a", 500, T0)).withCoder(CODER))
        .apply(Percentiles.<String>of(0, 50, 99.9, 100));

    PAssert.that(out).containsInAnyOrder(pv("a", new double[] {0, 50, 99.9, 100}, 1, 250, 500, 500));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeLargeInputIsWithinEpsilonTimesNRanks() {
    int n = 20_000; // well above the 954 values that are kept exactly
    PCollection<KV<String, PercentileValues>> out = p
        .apply(Create.timestamped(oneToN("a", n, T0)).withCoder(CODER))
        .apply(Percentiles.<String>of(50, 90, 99));

    PAssert.that(out).satisfies(results -> {
      PercentileValues v = results.iterator().next().getValue();
      // Values are their own ranks, so a rank error of epsilon * n is a value error of 200.
      double bound = Percentiles.DEFAULT_EPSILON * n;
      assertTrue(v.toString(), Math.abs(v.valueAt(50) - 10_000) < bound);
      assertTrue(v.toString(), Math.abs(v.valueAt(90) - 18_000) < bound);
      assertTrue(v.toString(), Math.abs(v.valueAt(99) - 19_800) < bound);
      return null;
    });
    p.run();
  }

  @Test
  public void defaultsAreExactUpTo954ValuesPerKeyAndWindow() {
    assertEquals(954, Percentiles.of(50).bufferSize());
    assertEquals(15_259, Percentiles.of(50).withEpsilon(0.001).bufferSize());
  }

  @Test
  public void badPercentilesAreRefused() {
    assertEquals("percentiles must be multiples of 0.1 in [0, 100], got 99.95", assertThrows(
        IllegalArgumentException.class, () -> Percentiles.of(50, 99.95)).getMessage());
    assertEquals("percentiles must be multiples of 0.1 in [0, 100], got 101.0", assertThrows(
        IllegalArgumentException.class, () -> Percentiles.of(101)).getMessage());
    assertEquals("ask for at least one percentile", assertThrows(
        IllegalArgumentException.class, () -> Percentiles.of()).getMessage());
  }

  @Test
  public void percentileValuesCoderRoundTrips() throws Exception {
    PercentileValues v = new PercentileValues(new double[] {50, 99.9}, new double[] {1.5, -2});
    CoderProperties.coderDecodeEncodeEqual(PercentileValuesCoder.of(), v);
    assertEquals(1.5, v.valueAt(50), 0.0);
  }
}
