package dev.beamline.transforms.combine;

import java.util.Arrays;
import org.apache.beam.sdk.coders.DefaultCoder;

/** Requested percentiles (0-100, ascending) and their values, from {@link Percentiles}. */
@DefaultCoder(PercentileValuesCoder.class)
public final class PercentileValues {
  private final double[] percents;
  private final double[] values;

  public PercentileValues(double[] percents, double[] values) {
    if (percents.length != values.length) {
      throw new IllegalArgumentException("percents and values differ in length");
    }
    this.percents = percents.clone();
    this.values = values.clone();
  }

  public int size() {
    return percents.length;
  }

  public double percent(int i) {
    return percents[i];
  }

  public double value(int i) {
    return values[i];
  }

  /** The value of percentile {@code percent}, which must be one of those requested. */
  public double valueAt(double percent) {
    for (int i = 0; i < percents.length; i++) {
      if (Double.compare(percents[i], percent) == 0) {
        return values[i];
      }
    }
    throw new IllegalArgumentException("percentile " + percent + " was not computed; computed: "
        + Arrays.toString(percents));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PercentileValues
        && Arrays.equals(percents, ((PercentileValues) o).percents)
        && Arrays.equals(values, ((PercentileValues) o).values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(percents) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("PercentileValues{");
    for (int i = 0; i < percents.length; i++) {
      b.append(i == 0 ? "" : ", ").append('p').append(percents[i]).append('=').append(values[i]);
    }
    return b.append('}').toString();
  }
}
