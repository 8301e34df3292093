package dev.beamline.transforms.stats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.testing.RunnerLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NumericSummaryFnTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final List<Double> VALUES =
      Arrays.asList(3.0, -1.5, 10.25, 7.0, 7.0, 0.0, 2.5, -4.0, 100.0, 12.5);

  /** Exact count/min/max, mean and population variance to a relative 1e-12. */
  private static final class SummaryCloseTo extends TypeSafeMatcher<NumericSummary> {
    private final NumericSummary expected;

    SummaryCloseTo(NumericSummary expected) {
      this.expected = expected;
    }

    @Override
    protected boolean matchesSafely(NumericSummary s) {
      return s.count() == expected.count()
          && Double.compare(s.min(), expected.min()) == 0
          && Double.compare(s.max(), expected.max()) == 0
          && close(expected.mean(), s.mean())
          && close(expected.populationVariance(), s.populationVariance());
    }

    private static boolean close(double expected, double actual) {
      return Math.abs(expected - actual) <= 1e-12 * Math.abs(expected);
    }

    @Override
    public void describeTo(Description d) {
      d.appendText("a summary close to ").appendValue(expected);
    }
  }

  private static NumericSummary expectedSummary() {
    return NumericSummary.ofValues(VALUES.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Test
  public void combineFnContractUnderEveryShardingAndMergeOrder() {
    // Beam's tester combines the input in many shardings and merge orders.
    CombineFnTester.testCombineFn(NumericSummaryFn.of(), VALUES,
        new SummaryCloseTo(expectedSummary()));
  }

  @Test
  public void combineFnOfNoInputIsEmpty() {
    CombineFnTester.testCombineFn(NumericSummaryFn.of(), new ArrayList<>(), new NumericSummary());
  }

  @Test
  public void mergeAccumulatorsOfNothingIsEmpty() {
    NumericSummary merged = NumericSummaryFn.of().mergeAccumulators(List.of());
    assertTrue(merged.isEmpty());
  }

  @Test
  public void mergeAccumulatorsFoldsIntoTheFirst() {
    NumericSummaryFn fn = NumericSummaryFn.of();
    NumericSummary first = NumericSummary.ofValues(1, 2);
    NumericSummary second = NumericSummary.ofValues(3);
    NumericSummary merged = fn.mergeAccumulators(List.of(first, second, new NumericSummary()));
    assertSame(first, merged);
    assertEquals(3, merged.count());
    assertEquals(2.0, merged.mean(), 1e-15);
  }

  @Test
  public void extractOutputIsACopy() {
    // With accumulating panes the runner keeps adding to the accumulator after a pane fired.
    NumericSummaryFn fn = NumericSummaryFn.of();
    NumericSummary acc = fn.addInput(fn.createAccumulator(), 5.0);
    NumericSummary out = fn.extractOutput(acc);
    assertNotSame(acc, out);
    fn.addInput(acc, 7.0);
    assertEquals(NumericSummary.ofValues(5.0), out);
  }

  @Test
  public void accumulatorAndOutputCodersAreNumericSummaryCoder() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    assertSame(NumericSummaryCoder.of(),
        NumericSummaryFn.of().getAccumulatorCoder(registry, DoubleCoder.of()));
    assertSame(NumericSummaryCoder.of(),
        NumericSummaryFn.of().getDefaultOutputCoder(registry, DoubleCoder.of()));
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void combineGloballyInAPipeline() {
    PCollection<NumericSummary> summary = p
        .apply(Create.of(VALUES).withCoder(DoubleCoder.of()))
        .apply(Combine.globally(NumericSummaryFn.of()));
    PAssert.thatSingleton(summary).satisfies(s -> {
      assertEquals(10, s.count());
      assertEquals(-4.0, s.min(), 0.0);
      assertEquals(100.0, s.max(), 0.0);
      assertEquals(13.675, s.mean(), 1e-12);
      // Two-pass reference of VALUES: sum of squared deviations 8522.75625 over 10.
      assertEquals(852.275625, s.populationVariance(), 1e-9);
      return null;
    });
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void combineGloballyOfAnEmptyInputGivesTheEmptySummary() {
    PCollection<NumericSummary> summary = p
        .apply(Create.empty(DoubleCoder.of()))
        .apply(Combine.globally(NumericSummaryFn.of()));
    PAssert.thatSingleton(summary).isEqualTo(new NumericSummary());
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void combinePerKeyInAPipeline() {
    PCollection<KV<String, NumericSummary>> summaries = p
        .apply(Create.of(KV.of("a", 1.0), KV.of("b", 10.0), KV.of("a", 3.0), KV.of("b", 30.0),
                KV.of("a", 5.0))
            .withCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of())))
        .apply(Combine.perKey(NumericSummaryFn.of()));
    PAssert.that(summaries).satisfies(kvs -> {
      int seen = 0;
      for (KV<String, NumericSummary> kv : kvs) {
        NumericSummary s = kv.getValue();
        seen++;
        if (kv.getKey().equals("a")) {
          assertEquals(3, s.count());
          assertEquals(1.0, s.min(), 0.0);
          assertEquals(5.0, s.max(), 0.0);
          assertEquals(3.0, s.mean(), 1e-12);
          assertEquals(8.0, s.m2(), 1e-12);
        } else {
          assertEquals("b", kv.getKey());
          assertEquals(2, s.count());
          assertEquals(10.0, s.min(), 0.0);
          assertEquals(30.0, s.max(), 0.0);
          assertEquals(20.0, s.mean(), 1e-12);
          assertEquals(200.0, s.m2(), 1e-12);
        }
      }
      assertEquals(2, seen);
      return null;
    });
    p.run().waitUntilFinish();
  }
}
