package dev.beamline.pipelines.sensorstats;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** One sensor reading: who measured it, when (event time), and what. Humidity is optional. */
@DefaultCoder(SensorEventCoder.class)
public final class SensorEvent {
  private final String sensorId;
  private final long timestampMillis;
  private final double temperature;
  private final @Nullable Double humidity;

  public SensorEvent(String sensorId, long timestampMillis, double temperature,
      @Nullable Double humidity) {
    this.sensorId = Objects.requireNonNull(sensorId, "sensorId");
    this.timestampMillis = timestampMillis;
    this.temperature = temperature;
    this.humidity = humidity;
  }

  public static SensorEvent of(String sensorId, Instant ts, double temperature) {
    return new SensorEvent(sensorId, ts.getMillis(), temperature, null);
  }

  public String sensorId() {
    return sensorId;
  }

  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  public long timestampMillis() {
    return timestampMillis;
  }

  public double temperature() {
    return temperature;
  }

  public @Nullable Double humidity() {
    return humidity;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SensorEvent)) {
      return false;
    }
    SensorEvent that = (SensorEvent) o;
    return timestampMillis == that.timestampMillis
        && Double.compare(temperature, that.temperature) == 0
        && sensorId.equals(that.sensorId)
        && Objects.equals(humidity, that.humidity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sensorId, timestampMillis, temperature, humidity);
  }

  @Override
  public String toString() {
    return sensorId + "@" + timestamp() + " t=" + temperature + (humidity == null ? "" : " h=" + humidity);
  }
}
