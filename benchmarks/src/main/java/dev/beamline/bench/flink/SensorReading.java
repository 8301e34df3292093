package dev.beamline.bench.flink;

/**
 * A parsed reading as a Flink POJO (public fields, no-arg constructor), so Flink uses its
 * PojoSerializer rather than Kryo. Only what the aggregation needs crosses the keyBy.
 */
public class SensorReading {
  public String sensorId;
  public long timestampMillis;
  public double temperature;

  public SensorReading() {}

  public SensorReading(String sensorId, long timestampMillis, double temperature) {
    this.sensorId = sensorId;
    this.timestampMillis = timestampMillis;
    this.temperature = temperature;
  }
}
