package dev.beamline.transforms.state;

import java.util.Arrays;

/**
 * The state of a moving average: a key's most recent values with their event times, oldest first.
 * Immutable: {@link #append} returns a new instance.
 */
final class RecentValues {
  static final RecentValues EMPTY = new RecentValues(new long[0], new double[0]);

  private final long[] times;
  private final double[] values;

  RecentValues(long[] times, double[] values) {
    if (times.length != values.length) {
      throw new IllegalArgumentException("times and values differ in length");
    }
    this.times = times;
    this.values = values;
  }

  int size() {
    return times.length;
  }

  long time(int i) {
    return times[i];
  }

  double value(int i) {
    return values[i];
  }

  /** These values plus {@code (time, value)}, keeping entries from index {@code from} on. */
  RecentValues append(long time, double value, int from) {
    int n = times.length - from;
    long[] t = Arrays.copyOfRange(times, from, from + n + 1);
    double[] v = Arrays.copyOfRange(values, from, from + n + 1);
    t[n] = time;
    v[n] = value;
    return new RecentValues(t, v);
  }

  /** Mean of the values, summed oldest first (a fixed order, so results are reproducible). */
  double mean() {
    double sum = 0.0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecentValues
        && Arrays.equals(times, ((RecentValues) o).times)
        && Arrays.equals(values, ((RecentValues) o).values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(times) + Arrays.hashCode(values);
  }
}
