package dev.beamline.transforms.clean;

import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.Serializable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The stateless rules of a {@link CleanRecords} as a plain function from one JSON line to a clean
 * row, for code that reads lines itself inside a DoFn (reference tables, for instance). Same typing
 * and rules as {@link CleanJsonLines}; the exception's message is the reason a dead letter carries.
 * Last-known fills need keyed state across records, so a cleaner that declares one is refused.
 */
public final class JsonLineCleaner implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RecordRules rules;
  private final JsonRowReader reader;

  private JsonLineCleaner(RecordRules rules) {
    this.rules = rules;
    this.reader = new JsonRowReader(rules);
  }

  public static JsonLineCleaner of(CleanRecords cleaner) {
    cleaner.fromJsonLines(); // the same JSON typing checks
    RecordRules rules = cleaner.compile();
    if (!rules.lastKnownByKey().isEmpty()) {
      throw new IllegalArgumentException("a JsonLineCleaner cleans lines one at a time and cannot"
          + " fill last known values per key " + rules.lastKnownByKey().keySet());
    }
    return new JsonLineCleaner(rules);
  }

  public Schema schema() {
    return rules.schema();
  }

  /** The clean row of {@code line}, or the reason it is refused. */
  public Row clean(String line) throws InvalidRecordException {
    Row intermediate = rules.clean(reader.read(line)).row;
    return Row.withSchema(rules.schema()).addValues(intermediate.getValues()).build();
  }
}
