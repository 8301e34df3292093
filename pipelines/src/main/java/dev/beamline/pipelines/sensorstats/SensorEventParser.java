package dev.beamline.pipelines.sensorstats;

import dev.beamline.transforms.json.StrictJsonObject;
import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.parse.LineParser;

/**
 * Reads one JSON Lines sensor event under the strict contract: one JSON object, a non-empty
 * {@code sensorId} string, a {@code ts} (ISO-8601 UTC with {@code Z}, or epoch milliseconds) not
 * before 1970, a finite number {@code temperature} and, when present, a finite number
 * {@code humidity}. Other fields are ignored.
 */
public final class SensorEventParser implements LineParser<SensorEvent> {
  private static final long serialVersionUID = 1L;
  /** The event-time field; sources that stamp records before parsing read the same one. */
  public static final String TS = "ts";

  @Override
  public SensorEvent parse(String line) throws InvalidRecordException {
    StrictJsonObject json = StrictJsonObject.parse(line);
    String sensorId = json.requireNonEmptyString("sensorId");
    long ts = json.requireTimestamp(TS).getMillis();
    double temperature = json.requireFiniteDouble("temperature");
    Double humidity = json.optionalFiniteDouble("humidity");
    return new SensorEvent(sensorId, ts, temperature, humidity);
  }
}
