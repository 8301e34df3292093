package dev.beamline.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One result line of the native variants, with the field names of sensor-stats' results (no pane:
 * these variants fire exactly once per window): sensorId, windowStart, windowEnd, count, min, max,
 * mean, stddev (population).
 */
public final class WindowResultJson {
  private static final JsonFactory JSON = new JsonFactory();

  private WindowResultJson() {}

  public static String line(String sensorId, long windowStartMillis, long windowEndMillis,
      long count, double min, double max, double mean, double stddev) {
    StringWriter w = new StringWriter(192);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("sensorId", sensorId);
      g.writeStringField("windowStart", Instant.ofEpochMilli(windowStartMillis).toString());
      g.writeStringField("windowEnd", Instant.ofEpochMilli(windowEndMillis).toString());
      g.writeNumberField("count", count);
      g.writeNumberField("min", min);
      g.writeNumberField("max", max);
      g.writeNumberField("mean", mean);
      g.writeNumberField("stddev", stddev);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
