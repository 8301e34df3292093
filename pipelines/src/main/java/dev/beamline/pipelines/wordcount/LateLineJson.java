package dev.beamline.pipelines.wordcount;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.transforms.late.LateElement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON line wordcount writes for a line of text that came later than the allowed lateness:
 * {@code {"text","eventTime","windowStart","windowEnd"}}, instants in ISO-8601 UTC. With sliding
 * windows a line can miss several windows: one such line per window missed.
 */
public final class LateLineJson {
  private static final JsonFactory JSON = new JsonFactory();

  private LateLineJson() {}

  public static String of(LateElement<String> late) {
    StringWriter w = new StringWriter(128 + late.value().length());
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("text", late.value());
      g.writeStringField("eventTime", late.timestamp().toString());
      g.writeStringField("windowStart", late.windowStart().toString());
      g.writeStringField("windowEnd", late.windowEnd().toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
