package dev.beamline.pipelines.sensorstats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.transforms.late.LateElement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON line sensor-stats writes for a reading that came later than the allowed lateness:
 * {@code {"event":{"sensorId","ts","temperature","humidity"?},"eventTime","windowStart",
 * "windowEnd"}}, the reading as it was read and the window it missed, instants in ISO-8601 UTC.
 */
public final class LateReadingJson {
  private static final JsonFactory JSON = new JsonFactory();

  private LateReadingJson() {}

  public static String of(LateElement<SensorEvent> late) {
    SensorEvent e = late.value();
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeObjectFieldStart("event");
      g.writeStringField("sensorId", e.sensorId());
      g.writeStringField("ts", e.timestamp().toString());
      g.writeNumberField("temperature", e.temperature());
      if (e.humidity() != null) {
        g.writeNumberField("humidity", e.humidity());
      }
      g.writeEndObject();
      g.writeStringField("eventTime", late.timestamp().toString());
      g.writeStringField("windowStart", late.windowStart().toString());
      g.writeStringField("windowEnd", late.windowEnd().toString());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return w.toString();
  }
}
