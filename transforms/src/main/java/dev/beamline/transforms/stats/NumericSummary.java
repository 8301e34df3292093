package dev.beamline.transforms.stats;

import java.io.Serializable;
import java.util.Objects;

/**
 * A one-pass, mergeable summary of a stream of doubles: count, sum, mean, min, max and the sum of
 * squared deviations from the mean ({@code m2}), from which variance and standard deviation follow.
 *
 * <p>Values are folded in with Welford's update and summaries are merged with Chan et al.'s
 * pairwise formula, so the result stays accurate when values share a large offset (for example
 * {@code 1e9 + noise}), where the naive {@code sum(x^2) - sum(x)^2 / n} loses every digit. The sum
 * is kept apart, as a Neumaier-compensated sum (a running sum plus the rounding error it lost), so
 * it is exact for integers below 2^53 and within an ulp or two of the true sum otherwise, in any
 * merge order ({@code mean * count} is not: 1, 1 and 5 give 6.999999999999999). It holds seven
 * numbers whatever the input size: no list of values is ever kept.
 *
 * <p>Mutable on purpose: it is the accumulator of {@link NumericSummaryFn}, and a combiner that
 * allocates per element is measurably slower. Treat instances handed out by a pipeline as
 * read-only.
 */
public final class NumericSummary implements Serializable {
  // Serializable because Combine.globally captures the CombineFn's default value (the empty
  // summary) in a DoFn; pipelines encode summaries with NumericSummaryCoder.
  private static final long serialVersionUID = 1L;

  private long count;
  private double mean;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double sum;
  private double sumCompensation;

  public NumericSummary() {}

  /**
   * Rebuilds a summary from its moments, taking {@code mean * count} as its sum (for summaries
   * whose sum was never kept apart).
   */
  public static NumericSummary of(long count, double mean, double m2, double min, double max) {
    return of(count, mean, m2, min, max, mean * count, 0.0);
  }

  /** Rebuilds a summary from all its parts (used by the coder and tests). */
  public static NumericSummary of(long count, double mean, double m2, double min, double max,
      double sum, double sumCompensation) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    NumericSummary s = new NumericSummary();
    s.count = count;
    s.mean = count == 0 ? 0.0 : mean;
    s.m2 = count == 0 ? 0.0 : m2;
    s.min = count == 0 ? Double.POSITIVE_INFINITY : min;
    s.max = count == 0 ? Double.NEGATIVE_INFINITY : max;
    s.sum = count == 0 ? 0.0 : sum;
    s.sumCompensation = count == 0 ? 0.0 : sumCompensation;
    return s;
  }

  /** A summary of the given values, folded in order. */
  public static NumericSummary ofValues(double... values) {
    NumericSummary s = new NumericSummary();
    for (double v : values) {
      s.add(v);
    }
    return s;
  }

  /** Folds one value in (Welford). Non-finite values are refused: they would poison every moment. */
  public NumericSummary add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("NumericSummary accepts finite values only, got " + value);
    }
    count++;
    double delta = value - mean;
    mean += delta / count;
    m2 += delta * (value - mean);
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
    addToSum(value);
    return this;
  }

  /** Neumaier's compensated addition: keeps the low-order bits that {@code sum + x} rounds off. */
  private void addToSum(double x) {
    double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      sumCompensation += (sum - t) + x;
    } else {
      sumCompensation += (x - t) + sum;
    }
    sum = t;
  }

  /** Merges {@code other} into this summary (Chan et al.); {@code other} is left unchanged. */
  public NumericSummary merge(NumericSummary other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      count = other.count;
      mean = other.mean;
      m2 = other.m2;
      min = other.min;
      max = other.max;
      sum = other.sum;
      sumCompensation = other.sumCompensation;
      return this;
    }
    long n = count + other.count;
    double delta = other.mean - mean;
    // Weighted forms keep the update stable when one side is much larger than the other.
    mean += delta * ((double) other.count / n);
    m2 += other.m2 + delta * delta * ((double) count * other.count / n);
    count = n;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    addToSum(other.sum);
    addToSum(other.sumCompensation);
    return this;
  }

  public NumericSummary copy() {
    return of(count, mean, m2, min, max, sum, sumCompensation);
  }

  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** Arithmetic mean; NaN when empty. */
  public double mean() {
    return count == 0 ? Double.NaN : mean;
  }

  /** Sum of the values (compensated, see the class comment); 0 when empty. */
  public double sum() {
    return count == 0 ? 0.0 : sum + sumCompensation;
  }

  /** The running sum without its compensation (for the coder). */
  public double rawSum() {
    return sum;
  }

  /** The rounding error the running sum has lost so far (for the coder). */
  public double sumCompensation() {
    return sumCompensation;
  }

  /** Smallest value; NaN when empty. */
  public double min() {
    return count == 0 ? Double.NaN : min;
  }

  /** Largest value; NaN when empty. */
  public double max() {
    return count == 0 ? Double.NaN : max;
  }

  /** Sum of squared deviations from the mean. */
  public double m2() {
    return m2;
  }

  /** Population variance (divides by n); NaN when empty. */
  public double populationVariance() {
    return count == 0 ? Double.NaN : Math.max(0.0, m2 / count);
  }

  /** Sample variance (divides by n - 1); NaN with fewer than two values. */
  public double sampleVariance() {
    return count < 2 ? Double.NaN : Math.max(0.0, m2 / (count - 1));
  }

  /** Population standard deviation; NaN when empty. */
  public double populationStddev() {
    return Math.sqrt(populationVariance());
  }

  /** Sample standard deviation; NaN with fewer than two values. */
  public double sampleStddev() {
    return Math.sqrt(sampleVariance());
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NumericSummary)) {
      return false;
    }
    NumericSummary that = (NumericSummary) o;
    return count == that.count
        && Double.compare(mean, that.mean) == 0
        && Double.compare(m2, that.m2) == 0
        && Double.compare(min, that.min) == 0
        && Double.compare(max, that.max) == 0
        && Double.compare(sum, that.sum) == 0
        && Double.compare(sumCompensation, that.sumCompensation) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, mean, m2, min, max, sum, sumCompensation);
  }

  @Override
  public String toString() {
    return "NumericSummary{count=" + count + ", mean=" + mean() + ", min=" + min() + ", max=" + max()
        + ", stddev=" + populationStddev() + "}";
  }
}
