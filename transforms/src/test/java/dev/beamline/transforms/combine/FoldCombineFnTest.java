package dev.beamline.transforms.combine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import dev.beamline.transforms.testing.RunnerLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
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

/** A fold over a mutable accumulator: same result in any split and merge order, inputs kept. */
public class FoldCombineFnTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Count and sum of longs, mutable as accumulators are. */
  static final class Tally {
    long count;
    long sum;

    Tally(long count, long sum) {
      this.count = count;
      this.sum = sum;
    }

    static Tally zero() {
      return new Tally(0, 0);
    }

    Tally add(long value) {
      count++;
      sum += value;
      return this;
    }

    Tally addAll(Tally other) {
      count += other.count;
      sum += other.sum;
      return this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tally && ((Tally) o).count == count && ((Tally) o).sum == sum;
    }

    @Override
    public int hashCode() {
      return Objects.hash(count, sum);
    }

    @Override
    public String toString() {
      return count + " values, sum " + sum;
    }
  }

  static final class TallyCoder extends AtomicCoder<Tally> {
    private static final VarLongCoder LONG = VarLongCoder.of();

    @Override
    public void encode(Tally t, OutputStream out) throws IOException {
      LONG.encode(t.count, out);
      LONG.encode(t.sum, out);
    }

    @Override
    public Tally decode(InputStream in) throws IOException {
      return new Tally(LONG.decode(in), LONG.decode(in));
    }
  }

  private static final TallyCoder CODER = new TallyCoder();
  private static final FoldCombineFn<Long, Tally> TALLY =
      FoldCombineFn.of(Tally::zero, Tally::add, Tally::addAll, CODER);

  @Test
  public void anySplitAndMergeOrderGivesTheSameResult() {
    // The tester shuffles its input: a mutable list.
    CombineFnTester.testCombineFn(TALLY, new ArrayList<>(List.of(3L, 5L, 7L, 11L, 13L)),
        new Tally(5, 39));
    CombineFnTester.testCombineFn(TALLY, new ArrayList<Long>(), Tally.zero());
  }

  @Test
  public void mergeLeavesTheAccumulatorsItIsGivenAlone() {
    Tally a = new Tally(2, 10);
    Tally b = new Tally(1, 4);
    assertEquals(new Tally(3, 14), TALLY.mergeAccumulators(List.of(a, b)));
    assertEquals(new Tally(2, 10), a);
    assertEquals(new Tally(1, 4), b);
  }

  @Test
  public void theAccumulatorAndTheResultUseTheGivenCoder() {
    assertSame(CODER, TALLY.getAccumulatorCoder(p.getCoderRegistry(), VarLongCoder.of()));
    assertSame(CODER, TALLY.getDefaultOutputCoder(p.getCoderRegistry(), VarLongCoder.of()));
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimePanesPerKeyAndWindow() {
    PCollection<KV<String, Tally>> out = p
        .apply(Create.timestamped(
                TimestampedValue.of(KV.of("a", 1L), T0),
                TimestampedValue.of(KV.of("a", 2L), T0.plus(Duration.standardSeconds(30))),
                TimestampedValue.of(KV.of("b", 5L), T0),
                TimestampedValue.of(KV.of("a", 4L), T0.plus(MINUTE)))
            .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply(Window.into(FixedWindows.of(MINUTE)))
        .apply(Combine.perKey(TALLY));

    PAssert.that(out).inOnTimePane(new IntervalWindow(T0, MINUTE))
        .containsInAnyOrder(KV.of("a", new Tally(2, 3)), KV.of("b", new Tally(1, 5)));
    PAssert.that(out).inOnTimePane(new IntervalWindow(T0.plus(MINUTE), MINUTE))
        .containsInAnyOrder(KV.of("a", new Tally(1, 4)));
    p.run();
  }
}
