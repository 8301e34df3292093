package dev.beamline.transforms.state;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;

/**
 * A value that lay more than k standard deviations from its key's exponentially weighted mean, with
 * the mean and standard deviation it was compared with (both from before the value was folded in)
 * and its z-score {@code (value - mean) / stddev} (infinite when the deviation so far was 0).
 */
@DefaultCoder(AnomalyAlertCoder.class)
public final class AnomalyAlert {
  private final Instant timestamp;
  private final double value;
  private final double mean;
  private final double stddev;
  private final double zScore;

  public AnomalyAlert(Instant timestamp, double value, double mean, double stddev, double zScore) {
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    this.value = value;
    this.mean = mean;
    this.stddev = stddev;
    this.zScore = zScore;
  }

  /** Event time of the value. */
  public Instant timestamp() {
    return timestamp;
  }

  public double value() {
    return value;
  }

  /** The key's exponentially weighted mean before this value. */
  public double mean() {
    return mean;
  }

  /** The key's exponentially weighted standard deviation before this value. */
  public double stddev() {
    return stddev;
  }

  public double zScore() {
    return zScore;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AnomalyAlert)) {
      return false;
    }
    AnomalyAlert that = (AnomalyAlert) o;
    return timestamp.equals(that.timestamp)
        && Double.compare(value, that.value) == 0
        && Double.compare(mean, that.mean) == 0
        && Double.compare(stddev, that.stddev) == 0
        && Double.compare(zScore, that.zScore) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(timestamp, value, mean, stddev, zScore);
  }

  @Override
  public String toString() {
    return "AnomalyAlert{" + timestamp + ", value=" + value + ", mean=" + mean + ", stddev="
        + stddev + ", z=" + zScore + "}";
  }
}
