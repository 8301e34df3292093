package dev.beamline.bench.flink;

/** One sensor's statistics in one window: the native job's output record (a Flink POJO). */
public class WindowStats {
  public String sensorId;
  public long windowStart;
  public long windowEnd;
  public long count;
  public double min;
  public double max;
  public double mean;
  public double stddev;

  public WindowStats() {}
}
