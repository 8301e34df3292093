package dev.beamline.pipelines.sensorstats;

import dev.beamline.pipelines.SampleGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.SplittableRandom;
import org.joda.time.Instant;

/**
 * Synthetic sensor readings in the sensor-stats input format. Readings arrive at 1,000 per second
 * of event time from {@code keys} sensors (ids {@code sensor-000000}...), each sensor's temperature a
 * random walk, starting at 2026-11-01T00:00:00Z. Each event's timestamp lags the arrival clock by a
 * uniform delay in [0, maxDisorder], so the input is out of order by at most maxDisorder: a
 * watermark that allows that much disorder drops nothing. About {@code badLineRate} of the lines
 * are replaced by a malformed one (for dead-letter paths); benchmarks use 0.
 */
public final class SensorEventGenerator implements SampleGenerator {
  static final long START_MILLIS = Instant.parse("2026-11-01T00:00:00Z").getMillis();
  static final long MILLIS_PER_EVENT = 1;
  private static final String[] BAD_LINES = {
      "{\"sensorId\":\"sensor-000001\",\"ts\":\"2026-11-01T00:00:00Z\",\"temperature\":NaN}",
      "{\"sensorId\":\"sensor-000001\",\"ts\":\"yesterday\",\"temperature\":20.0}",
      "{\"sensorId\":\"sensor-000001\",\"ts\":\"2026-11-01T00:00:00Z\"",
      "",
  };

  @Override
  public void generate(Settings s, Writer out) throws IOException {
    SplittableRandom random = new SplittableRandom(s.seed);
    double[] temperature = new double[s.keys];
    for (int k = 0; k < s.keys; k++) {
      temperature[k] = 15 + 10 * random.nextDouble();
    }
    StringBuilder line = new StringBuilder(128);
    for (long i = 0; i < s.events; i++) {
      if (s.badLineRate > 0 && random.nextDouble() < s.badLineRate) {
        out.write(BAD_LINES[random.nextInt(BAD_LINES.length)]);
        out.write('\n');
        continue;
      }
      int k = random.nextInt(s.keys);
      temperature[k] += random.nextDouble() * 0.4 - 0.2;
      long arrival = START_MILLIS + i * MILLIS_PER_EVENT;
      long delay = s.maxDisorderMillis == 0 ? 0 : random.nextLong(s.maxDisorderMillis + 1);
      long ts = Math.max(START_MILLIS, arrival - delay);
      line.setLength(0);
      line.append("{\"sensorId\":\"sensor-").append(String.format(Locale.ROOT, "%06d", k))
          .append("\",\"ts\":\"").append(Instant.ofEpochMilli(ts)).append("\",\"temperature\":")
          .append(String.format(Locale.ROOT, "%.2f", temperature[k]))
          .append(",\"humidity\":").append(String.format(Locale.ROOT, "%.1f", 30 + 40 * random.nextDouble()))
          .append("}\n");
      out.append(line);
    }
  }
}
