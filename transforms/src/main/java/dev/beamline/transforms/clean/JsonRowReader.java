package dev.beamline.transforms.clean;

import dev.beamline.transforms.json.StrictJsonObject;
import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * Turns one JSON Lines line into a raw row of a cleaner's rules (every field nullable, the text as
 * written where a conversion is declared); see {@link CleanJsonLines} for the typing rules.
 */
final class JsonRowReader implements Serializable {
  private static final long serialVersionUID = 1L;
  private final RecordRules rules;

  JsonRowReader(RecordRules rules) {
    this.rules = rules;
  }

  Row read(String line) throws InvalidRecordException {
    StrictJsonObject json = StrictJsonObject.parse(line);
    List<Object> values = new ArrayList<>(rules.fields().size());
    for (FieldRules f : rules.fields()) {
      String name = f.name();
      if (!json.has(name) || json.isNull(name)) {
        values.add(null);
      } else if (f.conversion != null) {
        values.add(json.requireScalarText(name));
      } else {
        values.add(typed(json, f));
      }
    }
    return Row.withSchema(rules.rawSchema()).addValues(values).build();
  }

  private static Object typed(StrictJsonObject json, FieldRules f) throws InvalidRecordException {
    String name = f.name();
    switch (f.type()) {
      case STRING:
        return json.requireString(name);
      case INT64:
        return json.requireLong(name);
      case INT32:
        long l = json.requireLong(name);
        if (l != (int) l) {
          throw new InvalidRecordException(
              "field '" + name + "' is out of range for a 32-bit integer: " + l);
        }
        return (int) l;
      case DOUBLE:
        return json.requireFiniteDouble(name);
      case BOOLEAN:
        return json.requireBoolean(name);
      default:
        throw new IllegalStateException("no JSON reading for " + f.type() + " field " + name);
    }
  }
}
