package dev.beamline.transforms.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.parse.InvalidRecordException;
import org.joda.time.Instant;
import org.junit.Test;

/** The event-time field reads exactly like the record parsers read it. */
public class JsonEventTimeTest {
  private final JsonEventTime ts = JsonEventTime.field("ts");

  @Test
  public void readsIsoAndEpochMillis() throws Exception {
    assertEquals(Instant.parse("2026-11-01T00:00:00.125Z"),
        ts.parse("{\"ts\":\"2026-11-01T00:00:00.125Z\",\"x\":[1,2]}"));
    assertEquals(new Instant(1000L), ts.parse("{\"ts\":1000}"));
  }

  @Test
  public void refusesWithTheParsersReasons() {
    assertEquals("missing field 'ts'", reason("{\"t\":1}"));
    assertEquals("field 'ts' is not an ISO-8601 UTC instant like 2026-11-01T00:00:00.125Z: "
        + "\"2026-11-01\"", reason("{\"ts\":\"2026-11-01\"}"));
    assertEquals("trailing data after the JSON object at column 11", reason("{\"ts\":1} 2"));
  }

  private String reason(String line) {
    return assertThrows(InvalidRecordException.class, () -> ts.parse(line)).getMessage();
  }
}
