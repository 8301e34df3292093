package dev.beamline.transforms.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The top-level fields of one JSON object, read under RFC 8259's rules rather than Jackson's lenient
 * defaults: exactly one object and nothing after it, no duplicate keys (at any depth), no NaN or
 * Infinity literals, no comments or single quotes. Scalars of the top level are kept; nested
 * values are checked for syntax and skipped.
 *
 * <p>The typed getters never coerce: a number in quotes is not a number, and a number too large to
 * be a finite double is refused. Every failure is an {@link InvalidRecordException} whose message
 * says what is wrong in words a user understands.
 */
public final class StrictJsonObject {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // Keep the payload out of error messages: dead letters carry it separately.
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  /**
   * A top-level value: its token kind, for scalars the value itself and, for numbers and booleans,
   * the literal as written (so that a number can be converted under a declared rule, not Jackson's).
   */
  private static final class Field {
    final JsonToken token;
    final @Nullable Object value;
    final @Nullable String literal;

    Field(JsonToken token, @Nullable Object value, @Nullable String literal) {
      this.token = token;
      this.value = value;
      this.literal = literal;
    }
  }

  private final Map<String, Field> fields;

  private StrictJsonObject(Map<String, Field> fields) {
    this.fields = fields;
  }

  /** Parses {@code line} as exactly one JSON object. */
  public static StrictJsonObject parse(String line) throws InvalidRecordException {
    if (line.isBlank()) {
      throw new InvalidRecordException(line.isEmpty() ? "empty line" : "blank line");
    }
    Map<String, Field> fields = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(line)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidRecordException("not a JSON object: the line starts with " + describe(first));
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken valueToken = p.nextToken();
        Object value;
        String literal = null;
        switch (valueToken) {
          case VALUE_STRING:
            value = p.getText();
            break;
          case VALUE_NUMBER_INT:
            value = p.getNumberValue();
            literal = p.getText();
            break;
          case VALUE_NUMBER_FLOAT:
            value = p.getDoubleValue();
            literal = p.getText();
            break;
          case VALUE_TRUE:
          case VALUE_FALSE:
            value = valueToken == JsonToken.VALUE_TRUE;
            literal = p.getText();
            break;
          case START_OBJECT:
          case START_ARRAY:
            p.skipChildren();
            value = null;
            break;
          default:
            value = null;
        }
        fields.put(name, new Field(valueToken, value, literal));
      }
      if (t != JsonToken.END_OBJECT) {
        throw new InvalidRecordException("malformed JSON: unexpected " + describe(t));
      }
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new InvalidRecordException(
            "trailing data after the JSON object at column " + p.currentLocation().getColumnNr());
      }
    } catch (JsonParseException e) {
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Duplicate field")) {
        throw new InvalidRecordException("duplicate key: " + msg);
      }
      throw new InvalidRecordException("malformed JSON at column "
          + e.getLocation().getColumnNr() + ": " + firstLine(msg));
    } catch (JsonProcessingException e) {
      // Jackson's stream-read limits (number length, nesting depth) land here.
      throw new InvalidRecordException("malformed JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidRecordException("unreadable JSON: " + e.getMessage());
    }
    return new StrictJsonObject(fields);
  }

  public boolean has(String name) {
    return fields.containsKey(name);
  }

  /** A string field that must be present and non-empty. */
  public String requireNonEmptyString(String name) throws InvalidRecordException {
    Field f = require(name);
    if (f.token != JsonToken.VALUE_STRING) {
      throw mistyped(name, "a string", f);
    }
    String s = (String) f.value;
    if (s.isEmpty()) {
      throw new InvalidRecordException("field '" + name + "' is an empty string");
    }
    return s;
  }

  /** A number field that must be present and finite as a double. */
  public double requireFiniteDouble(String name) throws InvalidRecordException {
    return finiteDouble(name, require(name));
  }

  /** A number field that may be absent; when present it must be a finite number (null is not). */
  public @Nullable Double optionalFiniteDouble(String name) throws InvalidRecordException {
    Field f = fields.get(name);
    return f == null ? null : finiteDouble(name, f);
  }

  /**
   * An event time: an ISO-8601 UTC instant string ending in {@code Z}, or a non-negative integer of
   * epoch milliseconds. See {@link EventTimestamps}.
   */
  public Instant requireTimestamp(String name) throws InvalidRecordException {
    Field f = require(name);
    if (f.token == JsonToken.VALUE_STRING) {
      return EventTimestamps.parseIsoUtc(name, (String) f.value);
    }
    if (f.token == JsonToken.VALUE_NUMBER_INT) {
      Number n = (Number) f.value;
      if (n instanceof BigInteger) {
        throw new InvalidRecordException("field '" + name + "' is out of range: " + n);
      }
      return EventTimestamps.fromEpochMillis(name, n.longValue());
    }
    if (f.token == JsonToken.VALUE_NUMBER_FLOAT) {
      throw new InvalidRecordException(
          "field '" + name + "' must be whole epoch milliseconds, got a fraction");
    }
    throw mistyped(name, "an ISO-8601 UTC string or epoch milliseconds", f);
  }

  /** True when the field is present with the JSON literal {@code null}. */
  public boolean isNull(String name) {
    Field f = fields.get(name);
    return f != null && f.token == JsonToken.VALUE_NULL;
  }

  /** A string field that must be present; it may be empty. */
  public String requireString(String name) throws InvalidRecordException {
    Field f = require(name);
    if (f.token != JsonToken.VALUE_STRING) {
      throw mistyped(name, "a string", f);
    }
    return (String) f.value;
  }

  /** An integer field (no fraction, no exponent) that must be present and fit a signed 64-bit long. */
  public long requireLong(String name) throws InvalidRecordException {
    Field f = require(name);
    if (f.token == JsonToken.VALUE_NUMBER_FLOAT) {
      throw new InvalidRecordException(
          "field '" + name + "' must be an integer, got a number with a fraction or exponent");
    }
    if (f.token != JsonToken.VALUE_NUMBER_INT) {
      throw mistyped(name, "an integer", f);
    }
    if (f.value instanceof BigInteger) {
      throw new InvalidRecordException(
          "field '" + name + "' is out of range for a 64-bit integer: " + f.literal);
    }
    return ((Number) f.value).longValue();
  }

  /** A boolean field ({@code true} or {@code false}) that must be present. */
  public boolean requireBoolean(String name) throws InvalidRecordException {
    Field f = require(name);
    if (f.token != JsonToken.VALUE_TRUE && f.token != JsonToken.VALUE_FALSE) {
      throw mistyped(name, "a boolean", f);
    }
    return (Boolean) f.value;
  }

  /**
   * The text of a scalar field that must be present: a string's value, or a number or boolean
   * literal exactly as written ({@code 1.50} stays {@code "1.50"}). For fields that a caller converts
   * under its own declared rule; {@code null}, objects and arrays are refused.
   */
  public String requireScalarText(String name) throws InvalidRecordException {
    Field f = require(name);
    if (f.token == JsonToken.VALUE_STRING) {
      return (String) f.value;
    }
    if (f.literal != null) {
      return f.literal;
    }
    throw mistyped(name, "a string, number or boolean", f);
  }

  private Field require(String name) throws InvalidRecordException {
    Field f = fields.get(name);
    if (f == null) {
      throw new InvalidRecordException("missing field '" + name + "'");
    }
    return f;
  }

  private static double finiteDouble(String name, Field f) throws InvalidRecordException {
    if (f.token != JsonToken.VALUE_NUMBER_INT && f.token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw mistyped(name, "a number", f);
    }
    double d = ((Number) f.value).doubleValue();
    if (!Double.isFinite(d)) {
      throw new InvalidRecordException("field '" + name + "' is not finite as a double");
    }
    return d;
  }

  private static InvalidRecordException mistyped(String name, String expected, Field f) {
    return new InvalidRecordException(
        "field '" + name + "' must be " + expected + ", got " + describe(f.token));
  }

  private static String describe(@Nullable JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    switch (t) {
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      default:
        return t.asString() == null ? t.name() : "'" + t.asString() + "'";
    }
  }

  /** Jackson's message without its location details and configuration hints. */
  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "unknown error";
    }
    for (String cut : new String[] {"\n", " (start marker at", ": enable `", " at [Source"}) {
      int i = s.indexOf(cut);
      if (i >= 0) {
        s = s.substring(0, i);
      }
    }
    return s;
  }
}
