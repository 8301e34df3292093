package dev.beamline.transforms.combine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.testing.RunnerLimits;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/** Distinct counts: exact below the sample size, within the documented error above it. */
public class DistinctCountTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final KvCoder<String, String> CODER =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static List<TimestampedValue<KV<String, String>>> users(String page, int distinct,
      int repeats, Instant at) {
    List<TimestampedValue<KV<String, String>>> out = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      for (int u = 0; u < distinct; u++) {
        out.add(TimestampedValue.of(KV.of(page, "user-" + u), at));
      }
    }
    return out;
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeCountsBelowTheSampleSizeAreExactPerKeyAndWindow() {
    List<TimestampedValue<KV<String, String>>> in = new ArrayList<>(users("home", 500, 4, T0));
    in.addAll(users("cart", 3, 2, T0));
    in.addAll(users("home", 1023, 1, T0.plus(MINUTE)));

    PCollection<KV<String, Long>> out = p
        .apply(Create.timestamped(in).withCoder(CODER))
        .apply(Window.into(FixedWindows.of(MINUTE)))
        .apply(DistinctCount.<String, String>perKey());

    PAssert.that(out).inOnTimePane(new IntervalWindow(T0, MINUTE))
        .containsInAnyOrder(KV.of("home", 500L), KV.of("cart", 3L));
    PAssert.that(out).inOnTimePane(new IntervalWindow(T0.plus(MINUTE), MINUTE))
        .containsInAnyOrder(KV.of("home", 1023L));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeLargeCardinalityIsWithinTwiceTheStandardError() {
    int distinct = 100_000;
    PCollection<KV<String, Long>> out = p
        .apply(Create.timestamped(users("home", distinct, 1, T0)).withCoder(CODER))
        .apply(DistinctCount.<String, String>perKey());

    PAssert.that(out).satisfies(results -> {
      long estimate = results.iterator().next().getValue();
      double bound = 2.0 / Math.sqrt(DistinctCount.DEFAULT_SAMPLE_SIZE - 2) * distinct;
      assertTrue("estimate " + estimate, Math.abs(estimate - distinct) <= bound);
      return null;
    });
    p.run();
  }

  @Test
  public void sampleMergesLikeOneSampleAndEncodesIn8BytesAHash() throws Exception {
    DistinctCountFn<String> fn = new DistinctCountFn<>(1024, StringUtf8Coder.of());
    HashSample whole = fn.createAccumulator();
    HashSample left = fn.createAccumulator();
    HashSample right = fn.createAccumulator();
    for (int i = 0; i < 5000; i++) {
      fn.addInput(whole, "v" + i);
      fn.addInput(i % 2 == 0 ? left : right, "v" + i);
    }
    assertEquals(whole, fn.mergeAccumulators(List.of(left, right)));
    CoderProperties.coderDecodeEncodeEqual(HashSampleCoder.of(), whole);
    // var-int capacity 1024 (2 bytes), var-int size 1024 (2 bytes), 1024 hashes of 8 bytes.
    assertEquals(8196, CoderUtils.encodeToByteArray(HashSampleCoder.of(), whole).length);
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void theCombineFnGivesTheSameCountsForUseInsideOtherCombiners() {
    Combine.CombineFn<String, ?, Long> fn = DistinctCount.combineFn(64, StringUtf8Coder.of());
    PCollection<KV<String, Long>> out = p
        .apply(Create.of(KV.of("home", "u1"), KV.of("home", "u2"), KV.of("home", "u1"),
            KV.of("cart", "u3")).withCoder(CODER))
        .apply(Combine.perKey(fn));

    PAssert.that(out).containsInAnyOrder(KV.of("home", 2L), KV.of("cart", 1L));
    p.run();
  }

  @Test
  public void theCombineFnRefusesANonDeterministicCoderAndATinySample() {
    assertEquals("sample size must be >= 16, was 8", org.junit.Assert.assertThrows(
        IllegalArgumentException.class,
        () -> DistinctCount.combineFn(8, StringUtf8Coder.of())).getMessage());
    assertTrue(org.junit.Assert.assertThrows(IllegalArgumentException.class,
        () -> DistinctCount.combineFn(64, org.apache.beam.sdk.coders.DoubleCoder.of()))
        .getMessage().startsWith("DistinctCount compares values by their encoding"));
  }
}
