package dev.beamline.pipelines.frauddetection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes small JSON objects (a rule's evidence, a profile), fields in the order given. */
final class JsonObjects {
  private static final JsonFactory JSON = new JsonFactory();

  /** The fields of one object. */
  interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonObjects() {}

  static String object(Fields fields) {
    StringWriter w = new StringWriter(128);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** A double that may be infinite (a z-score over a zero deviation) as valid JSON. */
  static void writeDouble(JsonGenerator g, String field, double value) throws IOException {
    if (Double.isFinite(value)) {
      g.writeNumberField(field, value);
    } else {
      g.writeStringField(field, Double.toString(value));
    }
  }
}
