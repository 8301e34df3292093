package dev.beamline.transforms.stats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NumericSummaryTest {
  private static final double REL = 1e-12;

  /** Mean, population variance and sample variance by the two-pass method in 34-digit decimal. */
  private static final class Reference {
    final double mean;
    final double populationVariance;
    final double sampleVariance;

    Reference(double... values) {
      MathContext mc = MathContext.DECIMAL128;
      BigDecimal sum = BigDecimal.ZERO;
      for (double v : values) {
        sum = sum.add(new BigDecimal(v)); // exact: every double is a finite decimal
      }
      BigDecimal n = BigDecimal.valueOf(values.length);
      BigDecimal mean = sum.divide(n, mc);
      BigDecimal m2 = BigDecimal.ZERO;
      for (double v : values) {
        BigDecimal d = new BigDecimal(v).subtract(mean, mc);
        m2 = m2.add(d.multiply(d, mc), mc);
      }
      this.mean = mean.doubleValue();
      this.populationVariance = m2.divide(n, mc).doubleValue();
      this.sampleVariance = values.length < 2
          ? Double.NaN
          : m2.divide(BigDecimal.valueOf(values.length - 1L), mc).doubleValue();
    }
  }

  private static void assertRelClose(String what, double expected, double actual, double rel) {
    double tolerance = rel * Math.abs(expected);
    assertTrue(what + ": expected " + expected + " but was " + actual + " (relative tolerance " + rel
        + ")", Math.abs(expected - actual) <= tolerance);
  }

  private static double[] randomValues(long seed, int n, double offset, double spread) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = offset + r.nextGaussian() * spread;
    }
    return v;
  }

  private static void assertMatchesReference(double[] values, NumericSummary s, double rel) {
    Reference ref = new Reference(values);
    assertEquals(values.length, s.count());
    assertEquals(Arrays.stream(values).min().getAsDouble(), s.min(), 0.0);
    assertEquals(Arrays.stream(values).max().getAsDouble(), s.max(), 0.0);
    assertRelClose("mean", ref.mean, s.mean(), rel);
    assertRelClose("population variance", ref.populationVariance, s.populationVariance(), rel);
    assertRelClose("sample variance", ref.sampleVariance, s.sampleVariance(), rel);
    assertRelClose("population stddev", Math.sqrt(ref.populationVariance), s.populationStddev(), rel);
    assertRelClose("sample stddev", Math.sqrt(ref.sampleVariance), s.sampleStddev(), rel);
  }

  /** Splits values into consecutive partitions of the given sizes (0 gives an empty summary). */
  private static List<NumericSummary> partitions(double[] values, int... sizes) {
    List<NumericSummary> parts = new ArrayList<>();
    int from = 0;
    for (int size : sizes) {
      parts.add(NumericSummary.ofValues(Arrays.copyOfRange(values, from, from + size)));
      from += size;
    }
    assertEquals("partition sizes must cover the input", values.length, from);
    return parts;
  }

  private static NumericSummary foldLeft(List<NumericSummary> parts) {
    NumericSummary acc = new NumericSummary();
    for (NumericSummary p : parts) {
      acc.merge(p.copy());
    }
    return acc;
  }

  private static NumericSummary mergeTree(List<NumericSummary> parts, int from, int to) {
    if (to - from == 1) {
      return parts.get(from).copy();
    }
    int mid = (from + to) / 2;
    return mergeTree(parts, from, mid).merge(mergeTree(parts, mid, to));
  }

  // ---- add ----------------------------------------------------------------------------------

  @Test
  public void addMatchesTwoPassReference() {
    double[] values = randomValues(42, 1000, 100.0, 25.0);
    assertMatchesReference(values, NumericSummary.ofValues(values), REL);
  }

  @Test
  public void addMatchesReferenceForMixedSignsAndMagnitudes() {
    double[] values = {-3.5, 0.0, 1e-3, 7.25, -1e6, 2.5e6, 42.0, -0.125};
    assertMatchesReference(values, NumericSummary.ofValues(values), REL);
  }

  @Test
  public void smallHandComputedExample() {
    NumericSummary s = NumericSummary.ofValues(2, 4, 4, 4, 5, 5, 7, 9);
    assertEquals(8, s.count());
    assertEquals(5.0, s.mean(), 0.0);
    assertEquals(40.0, s.sum(), 0.0);
    assertEquals(2.0, s.min(), 0.0);
    assertEquals(9.0, s.max(), 0.0);
    assertEquals(32.0, s.m2(), 0.0);
    assertEquals(4.0, s.populationVariance(), 0.0);
    assertEquals(2.0, s.populationStddev(), 0.0);
    assertEquals(32.0 / 7, s.sampleVariance(), 1e-15);
  }

  @Test
  public void singleValue() {
    NumericSummary s = NumericSummary.ofValues(-7.5);
    assertEquals(1, s.count());
    assertFalse(s.isEmpty());
    assertEquals(-7.5, s.mean(), 0.0);
    assertEquals(-7.5, s.min(), 0.0);
    assertEquals(-7.5, s.max(), 0.0);
    assertEquals(-7.5, s.sum(), 0.0);
    assertEquals(0.0, s.populationVariance(), 0.0);
    assertEquals(0.0, s.populationStddev(), 0.0);
    // The sample variance needs two values.
    assertTrue(Double.isNaN(s.sampleVariance()));
    assertTrue(Double.isNaN(s.sampleStddev()));
  }

  @Test
  public void identicalValuesHaveZeroVariance() {
    NumericSummary s = new NumericSummary();
    for (int i = 0; i < 1000; i++) {
      s.add(0.1);
    }
    assertEquals(1000, s.count());
    assertEquals(0.0, s.populationVariance(), 0.0);
    assertEquals(0.0, s.sampleVariance(), 0.0);
    assertEquals(0.1, s.min(), 0.0);
    assertEquals(0.1, s.max(), 0.0);
  }

  @Test
  public void addReturnsTheSameInstance() {
    NumericSummary s = new NumericSummary();
    assertSame(s, s.add(1.0));
  }

  // ---- rejection of non-finite values --------------------------------------------------------

  @Test
  public void addRejectsNaN() {
    assertRejected(Double.NaN, "NumericSummary accepts finite values only, got NaN");
  }

  @Test
  public void addRejectsPositiveInfinity() {
    assertRejected(Double.POSITIVE_INFINITY,
        "NumericSummary accepts finite values only, got Infinity");
  }

  @Test
  public void addRejectsNegativeInfinity() {
    assertRejected(Double.NEGATIVE_INFINITY,
        "NumericSummary accepts finite values only, got -Infinity");
  }

  private static void assertRejected(double value, String message) {
    NumericSummary s = NumericSummary.ofValues(1.0, 3.0);
    NumericSummary before = s.copy();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add(value));
    assertEquals(message, e.getMessage());
    // A refused value must leave the summary untouched.
    assertEquals(before, s);
  }

  // ---- empty summaries -----------------------------------------------------------------------

  @Test
  public void emptySummaryGetters() {
    NumericSummary e = new NumericSummary();
    assertEquals(0, e.count());
    assertTrue(e.isEmpty());
    assertTrue(Double.isNaN(e.mean()));
    assertTrue(Double.isNaN(e.min()));
    assertTrue(Double.isNaN(e.max()));
    assertTrue(Double.isNaN(e.populationVariance()));
    assertTrue(Double.isNaN(e.sampleVariance()));
    assertTrue(Double.isNaN(e.populationStddev()));
    assertTrue(Double.isNaN(e.sampleStddev()));
    assertEquals(0.0, e.sum(), 0.0);
    assertEquals(0.0, e.m2(), 0.0);
    assertEquals(
        "NumericSummary{count=0, mean=NaN, min=NaN, max=NaN, stddev=NaN}", e.toString());
  }

  @Test
  public void ofWithZeroCountIsTheEmptySummary() {
    // The parts of an empty summary are ignored: every empty summary is equal.
    assertEquals(new NumericSummary(), NumericSummary.of(0, 5.0, 6.0, 7.0, 8.0));
    assertEquals(new NumericSummary().hashCode(), NumericSummary.of(0, 5, 6, 7, 8).hashCode());
    assertEquals(new NumericSummary(), NumericSummary.ofValues());
  }

  @Test
  public void ofRejectsNegativeCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NumericSummary.of(-1, 0, 0, 0, 0));
    assertEquals("count must be >= 0, was -1", e.getMessage());
  }

  @Test
  public void mergeEmptyIntoNonEmptyChangesNothing() {
    NumericSummary s = NumericSummary.ofValues(1, 2, 3);
    NumericSummary expected = s.copy();
    assertSame(s, s.merge(new NumericSummary()));
    assertEquals(expected, s);
  }

  @Test
  public void mergeNonEmptyIntoEmptyGivesTheOther() {
    NumericSummary other = NumericSummary.ofValues(1, 2, 3);
    NumericSummary e = new NumericSummary();
    assertSame(e, e.merge(other));
    assertEquals(other, e);
    // The two must not share state: the merge copied the fields.
    e.add(100);
    assertEquals(NumericSummary.ofValues(1, 2, 3), other);
  }

  @Test
  public void mergeEmptyWithEmptyStaysEmpty() {
    NumericSummary e = new NumericSummary().merge(new NumericSummary());
    assertTrue(e.isEmpty());
    assertEquals(new NumericSummary(), e);
  }

  // ---- merge ---------------------------------------------------------------------------------

  @Test
  public void mergeEqualsAddingEverything() {
    double[] values = randomValues(7, 500, -20.0, 3.0);
    NumericSummary merged = foldLeft(partitions(values, 100, 0, 250, 1, 149));
    assertMatchesReference(values, merged, REL);
  }

  @Test
  public void mergeLeavesTheArgumentUnchanged() {
    NumericSummary a = NumericSummary.ofValues(1, 2);
    NumericSummary b = NumericSummary.ofValues(10, 20, 30);
    NumericSummary bBefore = b.copy();
    a.merge(b);
    assertEquals(bBefore, b);
    assertEquals(5, a.count());
  }

  @Test
  public void mergeWithItselfDoublesTheData() {
    NumericSummary s = NumericSummary.ofValues(1, 2, 3, 4);
    s.merge(s);
    NumericSummary expected = NumericSummary.ofValues(1, 2, 3, 4, 1, 2, 3, 4);
    assertEquals(8, s.count());
    assertEquals(expected.mean(), s.mean(), 1e-15);
    assertEquals(expected.m2(), s.m2(), 1e-12);
  }

  @Test
  public void mergeIsCommutative() {
    NumericSummary a = NumericSummary.ofValues(randomValues(1, 300, 5.0, 2.0));
    NumericSummary b = NumericSummary.ofValues(randomValues(2, 17, 50.0, 10.0));
    NumericSummary ab = a.copy().merge(b);
    NumericSummary ba = b.copy().merge(a);
    assertEquals(ab.count(), ba.count());
    assertEquals(ab.min(), ba.min(), 0.0);
    assertEquals(ab.max(), ba.max(), 0.0);
    assertRelClose("mean", ab.mean(), ba.mean(), REL);
    assertRelClose("variance", ab.populationVariance(), ba.populationVariance(), REL);
  }

  @Test
  public void mergeIsAssociativeInAnyOrder() {
    double[] values = randomValues(11, 2000, 1000.0, 50.0);
    List<NumericSummary> parts = partitions(values, 1, 300, 0, 999, 2, 77, 500, 121);
    NumericSummary baseline = foldLeft(parts);
    assertMatchesReference(values, baseline, REL);

    List<NumericSummary> results = new ArrayList<>();
    List<NumericSummary> reversed = new ArrayList<>(parts);
    Collections.reverse(reversed);
    results.add(foldLeft(reversed));
    results.add(mergeTree(parts, 0, parts.size()));
    results.add(mergeTree(reversed, 0, reversed.size()));
    // (a + b) + (c + ...) versus a + (b + (c + ...)): right fold.
    NumericSummary right = parts.get(parts.size() - 1).copy();
    for (int i = parts.size() - 2; i >= 0; i--) {
      right = parts.get(i).copy().merge(right);
    }
    results.add(right);
    for (long seed = 0; seed < 20; seed++) {
      List<NumericSummary> shuffled = new ArrayList<>(parts);
      Collections.shuffle(shuffled, new Random(seed));
      results.add(foldLeft(shuffled));
      results.add(mergeTree(shuffled, 0, shuffled.size()));
    }

    for (NumericSummary r : results) {
      // Count, min and max are exact whatever the order; moments agree to rounding.
      assertEquals(baseline.count(), r.count());
      assertEquals(baseline.min(), r.min(), 0.0);
      assertEquals(baseline.max(), r.max(), 0.0);
      assertRelClose("mean", baseline.mean(), r.mean(), REL);
      assertRelClose("population variance", baseline.populationVariance(),
          r.populationVariance(), REL);
      assertRelClose("sample variance", baseline.sampleVariance(), r.sampleVariance(), REL);
    }
  }

  @Test
  public void mergeOfVeryUnequalSizes() {
    // One huge side and a single value: the weighted update must not lose the small side.
    double[] big = randomValues(3, 10_000, 0.0, 1.0);
    double[] all = Arrays.copyOf(big, big.length + 1);
    all[big.length] = 1000.0;
    NumericSummary merged = NumericSummary.ofValues(big).merge(NumericSummary.ofValues(1000.0));
    assertMatchesReference(all, merged, REL);
    assertEquals(1000.0, merged.max(), 0.0);
  }

  // ---- numerical stability -------------------------------------------------------------------

  @Test
  public void largeOffsetVarianceIsExact() {
    double[] values = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
    NumericSummary s = NumericSummary.ofValues(values);
    assertEquals(1e9 + 10, s.mean(), 1e-6);
    assertEquals(22.5, s.populationVariance(), 1e-6);
    assertEquals(30.0, s.sampleVariance(), 1e-6);

    // The same data through a merge of two halves.
    NumericSummary merged = NumericSummary.ofValues(1e9 + 4, 1e9 + 7)
        .merge(NumericSummary.ofValues(1e9 + 13, 1e9 + 16));
    assertEquals(22.5, merged.populationVariance(), 1e-6);

    // Why this test matters: the naive formula gets this data badly wrong.
    double sum = 0;
    double sumSq = 0;
    for (double v : values) {
      sum += v;
      sumSq += v * v;
    }
    double naive = sumSq / values.length - (sum / values.length) * (sum / values.length);
    assertTrue("naive variance unexpectedly accurate: " + naive, Math.abs(naive - 22.5) > 1.0);
  }

  @Test
  public void largeOffsetThroughManyMerges() {
    // 1e12 + multiples of 0.25: exactly representable, but the squares need ~80 bits.
    Random r = new Random(5);
    double[] values = new double[4000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1e12 + r.nextInt(4000) * 0.25;
    }
    List<NumericSummary> parts = new ArrayList<>();
    for (int from = 0; from < values.length; from += 250) {
      parts.add(NumericSummary.ofValues(Arrays.copyOfRange(values, from, from + 250)));
    }
    Reference ref = new Reference(values);
    for (NumericSummary merged : List.of(foldLeft(parts), mergeTree(parts, 0, parts.size()))) {
      assertEquals(values.length, merged.count());
      assertRelClose("mean", ref.mean, merged.mean(), 1e-15);
      assertRelClose("population variance", ref.populationVariance,
          merged.populationVariance(), 1e-6);
      assertRelClose("sample variance", ref.sampleVariance, merged.sampleVariance(), 1e-6);
    }
  }

  // ---- copy, equals, toString ----------------------------------------------------------------

  @Test
  public void copyIsEqualAndIndependent() {
    NumericSummary s = NumericSummary.ofValues(1, 2, 3);
    NumericSummary c = s.copy();
    assertNotSame(s, c);
    assertEquals(s, c);
    assertEquals(s.hashCode(), c.hashCode());
    c.add(4);
    assertNotEquals(s, c);
    assertEquals(3, s.count());
  }

  @Test
  public void ofRebuildsAnEqualSummary() {
    NumericSummary s = NumericSummary.ofValues(1.5, -2.25, 8.0);
    assertEquals(s, NumericSummary.of(s.count(), s.mean(), s.m2(), s.min(), s.max(), s.rawSum(),
        s.sumCompensation()));
  }

  @Test
  public void sumIsExactWhereMeanTimesCountIsNot() {
    NumericSummary s = NumericSummary.ofValues(1, 1, 5);
    assertEquals(6.999999999999999, s.mean() * s.count(), 0.0); // why the sum is kept apart
    assertEquals(7.0, s.sum(), 0.0);
  }

  @Test
  public void sumOfTenthsIsTheCorrectlyRoundedSum() {
    double[] tenths = new double[10];
    java.util.Arrays.fill(tenths, 0.1);
    double naive = 0;
    for (double t : tenths) {
      naive += t;
    }
    assertEquals(0.9999999999999999, naive, 0.0);
    assertEquals(1.0, NumericSummary.ofValues(tenths).sum(), 0.0);
  }

  @Test
  public void sumSurvivesCancellationThatPlainAndKahanSummationLose() {
    assertEquals(1.0, NumericSummary.ofValues(1e100, 1.0, -1e100).sum(), 0.0);
  }

  @Test
  public void sumIsExactInAnyMergeOrder() {
    NumericSummary all = NumericSummary.ofValues(3, 1e16, 1, -1e16, 7);
    NumericSummary merged = NumericSummary.ofValues(1e16, 1)
        .merge(NumericSummary.ofValues(7))
        .merge(NumericSummary.ofValues(-1e16, 3));
    assertEquals(11.0, all.sum(), 0.0);
    assertEquals(11.0, merged.sum(), 0.0);
  }

  @Test
  public void javaSerializationRoundTrip() {
    // Combine.globally Java-serializes the CombineFn's default value, an empty summary.
    assertEquals(new NumericSummary(), SerializableUtils.clone(new NumericSummary()));
    NumericSummary s = NumericSummary.ofValues(1.5, -2.25, 8.0);
    assertEquals(s, SerializableUtils.clone(s));
  }

  @Test
  public void toStringShowsTheMainStatistics() {
    assertEquals("NumericSummary{count=2, mean=1.5, min=1.0, max=2.0, stddev=0.5}",
        NumericSummary.ofValues(1, 2).toString());
  }
}
