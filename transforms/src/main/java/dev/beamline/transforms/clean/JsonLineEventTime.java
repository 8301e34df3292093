package dev.beamline.transforms.clean;

import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.parse.LineParser;
import java.util.Objects;
import org.joda.time.Instant;

/**
 * The event time of a JSON line exactly as a {@link CleanRecords} with {@link
 * CleanRecords#withEventTime} reads it (same strict JSON, same conversion and format), without the
 * record's other rules: for a source that stamps records before they are cleaned, such as a Kafka
 * timestamp policy ({@code ReadKafkaLines}). Reading the time by the cleaner's own rule matters:
 * a record the source could not read is stamped with the watermark, and a cleaner that then read a
 * different, earlier time would have to move the element back in time, which Beam refuses.
 */
public final class JsonLineEventTime implements LineParser<Instant> {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final JsonLineCleaner cleaner;

  JsonLineEventTime(String field, CleanRecords eventTimeOnly) {
    this.field = Objects.requireNonNull(field, "field");
    this.cleaner = JsonLineCleaner.of(eventTimeOnly);
  }

  @Override
  public Instant parse(String line) throws InvalidRecordException {
    return cleaner.clean(line).getDateTime(field).toInstant();
  }

  @Override
  public String toString() {
    return "JSON field '" + field + "'";
  }
}
