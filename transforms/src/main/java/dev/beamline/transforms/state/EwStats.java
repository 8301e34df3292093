package dev.beamline.transforms.state;

/**
 * Exponentially weighted mean and variance of a key's values so far, and how many values were
 * folded in. Incremental form (Finch, "Incremental calculation of weighted mean and variance",
 * 2009): {@code d = x - mean; mean += alpha * d; var = (1 - alpha) * (var + alpha * d * d)}.
 * Immutable; public so that a fold composing {@link AnomalyDetector#fold()} can keep it in its own
 * state (encoded with {@link EwStatsCoder}).
 */
public final class EwStats {
  final long count;
  final double mean;
  final double variance;

  EwStats(long count, double mean, double variance) {
    this.count = count;
    this.mean = mean;
    this.variance = variance;
  }

  static EwStats first(double value) {
    return new EwStats(1, value, 0.0);
  }

  EwStats add(double value, double alpha) {
    double d = value - mean;
    double increment = alpha * d;
    return new EwStats(count + 1, mean + increment, (1.0 - alpha) * (variance + d * increment));
  }

  /** How many values were folded in. */
  public long count() {
    return count;
  }

  /** The exponentially weighted mean. */
  public double mean() {
    return mean;
  }

  /** The exponentially weighted variance. */
  public double variance() {
    return variance;
  }

  public double stddev() {
    return Math.sqrt(variance);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EwStats)) {
      return false;
    }
    EwStats that = (EwStats) o;
    return count == that.count && Double.compare(mean, that.mean) == 0
        && Double.compare(variance, that.variance) == 0;
  }

  @Override
  public String toString() {
    return "EwStats{count=" + count + ", mean=" + mean + ", variance=" + variance + "}";
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Double.hashCode(mean) * 17 + Double.hashCode(variance);
  }
}
