package dev.beamline.bench.flink;

/**
 * The window state of the native job as a Flink POJO: count, mean, m2 (sum of squared deviations),
 * min and max, updated with Welford's step and merged with Chan's formula, the same algorithm as
 * Beamline's NumericSummary.
 */
public class SummaryAccumulator {
  public long count;
  public double mean;
  public double m2;
  public double min = Double.POSITIVE_INFINITY;
  public double max = Double.NEGATIVE_INFINITY;

  public SummaryAccumulator() {}

  void add(double value) {
    count++;
    double delta = value - mean;
    mean += delta / count;
    m2 += delta * (value - mean);
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  void merge(SummaryAccumulator other) {
    if (other.count == 0) {
      return;
    }
    if (count == 0) {
      count = other.count;
      mean = other.mean;
      m2 = other.m2;
      min = other.min;
      max = other.max;
      return;
    }
    long n = count + other.count;
    double delta = other.mean - mean;
    mean += delta * ((double) other.count / n);
    m2 += other.m2 + delta * delta * ((double) count * other.count / n);
    count = n;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  double populationStddev() {
    return count == 0 ? Double.NaN : Math.sqrt(Math.max(0.0, m2 / count));
  }
}
