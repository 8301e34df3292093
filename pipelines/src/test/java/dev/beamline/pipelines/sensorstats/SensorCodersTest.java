package dev.beamline.pipelines.sensorstats;

import dev.beamline.transforms.stats.NumericSummary;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.junit.Test;

/** The purpose-built coders of sensor-stats round-trip every field, deterministically. */
public class SensorCodersTest {
  @Test
  public void sensorEventCoderRoundTrips() throws Exception {
    for (SensorEvent e : new SensorEvent[] {
        new SensorEvent("sensor-0042", 1_793_491_200_125L, 21.53, 41.2),
        new SensorEvent("传感器-08", 0L, -0.0, null),
        new SensorEvent("x", Long.MAX_VALUE, Double.MAX_VALUE, Double.MIN_VALUE)}) {
      CoderProperties.coderDecodeEncodeEqual(SensorEventCoder.of(), e);
      CoderProperties.coderDeterministic(SensorEventCoder.of(), e, e);
    }
  }

  @Test
  public void sensorWindowStatsCoderRoundTrips() throws Exception {
    for (PaneInfo.Timing timing : PaneInfo.Timing.values()) {
      SensorWindowStats s = new SensorWindowStats("sensor-1", 60_000L, 120_000L,
          NumericSummary.ofValues(20.5, 21.5, 23.0), timing, 3, timing == PaneInfo.Timing.LATE);
      CoderProperties.coderDecodeEncodeEqual(SensorWindowStatsCoder.of(), s);
    }
  }
}
