package dev.beamline.transforms.json;

import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.parse.LineParser;
import java.util.Objects;
import org.joda.time.Instant;

/**
 * The event time of a JSON Lines record: one top-level field, read under exactly the rules the
 * record's own parser applies ({@link StrictJsonObject#requireTimestamp}). A source that stamps
 * records before they are parsed (a Kafka timestamp policy) uses it, so a record gets the same
 * event time from the source as from its parser, and a record whose time cannot be read is refused
 * by both.
 */
public final class JsonEventTime implements LineParser<Instant> {
  private static final long serialVersionUID = 1L;

  private final String field;

  private JsonEventTime(String field) {
    this.field = Objects.requireNonNull(field, "field");
  }

  /** Reads the event time from top-level field {@code name}, e.g. {@code "ts"}. */
  public static JsonEventTime field(String name) {
    return new JsonEventTime(name);
  }

  public String fieldName() {
    return field;
  }

  @Override
  public Instant parse(String line) throws InvalidRecordException {
    return StrictJsonObject.parse(line).requireTimestamp(field);
  }

  @Override
  public String toString() {
    return "JSON field '" + field + "'";
  }
}
