package dev.beamline.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic sensor events for {@code produce --generate}: the same seed gives the
 * same events, byte for byte. Event {@code i} is measured at {@code start + i * interval} by sensor
 * {@code i % sensors}; one event in five arrives up to 5 s out of order (inside the pipelines'
 * default 10 s out-of-orderness, so none is late). Temperatures follow a random walk per sensor.
 */
final class SensorEventGenerator {
  private final SplittableRandom random;
  private final int sensors;
  private final Instant start;
  private final long intervalMillis;
  private final double[] temperature;
  private long next;

  SensorEventGenerator(long seed, int sensors, Instant start, long intervalMillis) {
    if (sensors < 1) {
      throw new UsageException("--sensors must be >= 1");
    }
    this.random = new SplittableRandom(seed);
    this.sensors = sensors;
    this.start = start;
    this.intervalMillis = intervalMillis;
    this.temperature = new double[sensors];
    for (int s = 0; s < sensors; s++) {
      temperature[s] = 18.0 + random.nextInt(60) / 10.0;
    }
  }

  static String sensorId(int s) {
    return String.format(Locale.ROOT, "sensor-%04d", s + 1);
  }

  /** The next event as one JSON line (UTF-8). */
  byte[] next() {
    long i = next++;
    int s = (int) (i % sensors);
    long ts = start.toEpochMilli() + i * intervalMillis;
    if (random.nextInt(5) == 0) {
      ts -= random.nextInt(5000);
    }
    temperature[s] += (random.nextInt(41) - 20) / 100.0;
    double humidity = 35.0 + random.nextInt(200) / 10.0;
    String line = String.format(Locale.ROOT,
        "{\"sensorId\":\"%s\",\"ts\":\"%s\",\"temperature\":%.2f,\"humidity\":%.1f}",
        sensorId(s), Instant.ofEpochMilli(Math.max(0, ts)), temperature[s], humidity);
    return line.getBytes(StandardCharsets.UTF_8);
  }
}
