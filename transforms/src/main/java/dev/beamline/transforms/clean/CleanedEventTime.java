package dev.beamline.transforms.clean;

import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.parse.LineParser;
import java.util.Objects;
import org.joda.time.Instant;

/**
 * The event time of a JSON line under exactly the rules of a {@link CleanRecords} (its {@code
 * withEventTime} field, with that field's timestamp format), for a source that stamps records
 * before they are cleaned: a Kafka read with a payload timestamp policy gives each record the
 * same event time the cleaner will, and a line the cleaner refuses has no event time (the source
 * then stamps it with its watermark, and the cleaner turns it into a dead letter). The line is
 * cleaned whole, so any rule it breaks refuses it here too.
 */
public final class CleanedEventTime implements LineParser<Instant> {
  private static final long serialVersionUID = 1L;

  private final JsonLineCleaner cleaner;
  private final String field;

  private CleanedEventTime(JsonLineCleaner cleaner, String field) {
    this.cleaner = cleaner;
    this.field = field;
  }

  /** Reads event times as {@code cleaner} does; it must declare an event-time field. */
  public static CleanedEventTime of(CleanRecords cleaner) {
    String field = Objects.requireNonNull(cleaner, "cleaner").compile().eventTimeField();
    if (field == null) {
      throw new IllegalArgumentException("the cleaner declares no event-time field: call "
          + "withEventTime(field) on it");
    }
    return new CleanedEventTime(JsonLineCleaner.of(cleaner), field);
  }

  @Override
  public Instant parse(String line) throws InvalidRecordException {
    return cleaner.clean(line).getDateTime(field).toInstant();
  }

  @Override
  public String toString() {
    return "field '" + field + "' of a clean record";
  }
}
