package dev.beamline.transforms.state;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;

/**
 * One value of a key with the key's moving average after folding it in, and how many values that
 * average covers (fewer than N while a last-N average fills up).
 */
@DefaultCoder(MovingAveragePointCoder.class)
public final class MovingAveragePoint {
  private final Instant timestamp;
  private final double value;
  private final double average;
  private final int count;

  public MovingAveragePoint(Instant timestamp, double value, double average, int count) {
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, was " + count);
    }
    this.value = value;
    this.average = average;
    this.count = count;
  }

  /** Event time of the value. */
  public Instant timestamp() {
    return timestamp;
  }

  public double value() {
    return value;
  }

  /** Mean of the values the average covers, this one included. */
  public double average() {
    return average;
  }

  /** Number of values the average covers. */
  public int count() {
    return count;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MovingAveragePoint)) {
      return false;
    }
    MovingAveragePoint that = (MovingAveragePoint) o;
    return timestamp.equals(that.timestamp)
        && Double.compare(value, that.value) == 0
        && Double.compare(average, that.average) == 0
        && count == that.count;
  }

  @Override
  public int hashCode() {
    return Objects.hash(timestamp, value, average, count);
  }

  @Override
  public String toString() {
    return "MovingAveragePoint{" + timestamp + ", value=" + value + ", average=" + average
        + ", count=" + count + "}";
  }
}
