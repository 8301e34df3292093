package dev.beamline.transforms.state;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;

/** One value of a key with the key's exponentially weighted moving average after folding it in. */
@DefaultCoder(EwmaPointCoder.class)
public final class EwmaPoint {
  private final Instant timestamp;
  private final double value;
  private final double ewma;

  public EwmaPoint(Instant timestamp, double value, double ewma) {
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    this.value = value;
    this.ewma = ewma;
  }

  /** Event time of the value. */
  public Instant timestamp() {
    return timestamp;
  }

  public double value() {
    return value;
  }

  /** The key's EWMA including this value. */
  public double ewma() {
    return ewma;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EwmaPoint)) {
      return false;
    }
    EwmaPoint that = (EwmaPoint) o;
    return timestamp.equals(that.timestamp)
        && Double.compare(value, that.value) == 0
        && Double.compare(ewma, that.ewma) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(timestamp, value, ewma);
  }

  @Override
  public String toString() {
    return "EwmaPoint{" + timestamp + ", value=" + value + ", ewma=" + ewma + "}";
  }
}
