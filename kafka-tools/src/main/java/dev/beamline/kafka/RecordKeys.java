package dev.beamline.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The Kafka key of a JSON Lines record: the string value of one top-level field (e.g.
 * {@code sensorId}), so that all records of one sensor land in one partition, in order. A line
 * that is not a JSON object, or has no such string field, has no key (null).
 */
final class RecordKeys {
  private static final JsonFactory JSON = new JsonFactory();

  private RecordKeys() {}

  static byte[] keyOf(byte[] line, String field) {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals(field)) {
          return value == JsonToken.VALUE_STRING && !p.getText().isEmpty()
              ? p.getText().getBytes(StandardCharsets.UTF_8) : null;
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
