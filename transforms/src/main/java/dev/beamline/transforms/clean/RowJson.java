package dev.beamline.transforms.clean;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * A row as one line of JSON, fields in schema order: the payload of a dead letter for a record that
 * did not come from a line. Strings, numbers and booleans are written as such (non-finite doubles as
 * the strings {@code "NaN"}, {@code "Infinity"}), instants as ISO-8601 UTC strings, anything else
 * by its {@code toString()}.
 */
public final class RowJson {
  private static final JsonFactory JSON = new JsonFactory();

  private RowJson() {}

  public static String toJson(Row row) {
    StringWriter w = new StringWriter(128);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      Schema schema = row.getSchema();
      for (int i = 0; i < schema.getFieldCount(); i++) {
        g.writeFieldName(schema.getField(i).getName());
        write(g, row.getValue(i));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String) {
      g.writeString((String) value);
    } else if (value instanceof Boolean) {
      g.writeBoolean((Boolean) value);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeString(Double.toString(d));
      }
    } else if (value instanceof ReadableInstant) {
      g.writeString(((ReadableInstant) value).toInstant().toString());
    } else {
      g.writeString(value.toString());
    }
  }
}
