package dev.beamline.pipelines.sensorstats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.parse.InvalidRecordException;
import org.joda.time.Instant;
import org.junit.Test;

/** The sensor-stats input contract, one test per kind of good and bad line. */
public class SensorEventParserTest {
  private static final Instant T = Instant.parse("2026-11-01T00:00:00.125Z");
  private final SensorEventParser parser = new SensorEventParser();

  private SensorEvent parse(String line) throws InvalidRecordException {
    return parser.parse(line);
  }

  private String reason(String line) {
    return assertThrows(InvalidRecordException.class, () -> parser.parse(line)).getMessage();
  }

  @Test
  public void readsTheDocumentedExample() throws Exception {
    assertEquals(new SensorEvent("sensor-0042", T.getMillis(), 21.53, 41.2),
        parse("{\"sensorId\":\"sensor-0042\",\"ts\":\"2026-11-01T00:00:00.125Z\","
            + "\"temperature\":21.53,\"humidity\":41.2}"));
  }

  @Test
  public void humidityIsOptionalAndExtraFieldsAreIgnored() throws Exception {
    SensorEvent e = parse("{\"fw\":\"2.4.1\",\"sensorId\":\"s\",\"ts\":\"2026-11-01T00:00:00.125Z\","
        + "\"temperature\":21,\"location\":{\"site\":\"hall-b\",\"racks\":[1,2]}}");
    assertEquals(new SensorEvent("s", T.getMillis(), 21.0, null), e);
    assertNull(e.humidity());
  }

  @Test
  public void acceptsEpochMillisAndUnicodeIds() throws Exception {
    assertEquals(new SensorEvent("传感器-08", T.getMillis(), -3.5, 0.0),
        parse("{\"sensorId\":\"传感器-08\",\"ts\":" + T.getMillis()
            + ",\"temperature\":-3.5,\"humidity\":0}"));
    assertEquals(new SensorEvent("capteur-été-07", 0L, 1e300, null),
        parse("{\"sensorId\":\"capteur-\\u00e9t\\u00e9-07\",\"ts\":0,\"temperature\":1e300}"));
  }

  @Test
  public void malformedJson() {
    assertEquals("malformed JSON at column 64: Unexpected end-of-input: expected close marker for Object",
        reason("{\"sensorId\":\"s\",\"ts\":\"2026-11-01T00:00:00.125Z\",\"temperature\":1"));
  }

  @Test
  public void trailingDataAfterTheObject() {
    assertEquals("trailing data after the JSON object at column 67",
        reason("{\"sensorId\":\"s\",\"ts\":\"2026-11-01T00:00:00.125Z\",\"temperature\":1} {\"a\":1}"));
  }

  @Test
  public void duplicateKeys() {
    assertEquals("duplicate key: Duplicate field 'temperature'",
        reason("{\"sensorId\":\"s\",\"ts\":0,\"temperature\":1,\"temperature\":2}"));
  }

  @Test
  public void nanAndInfinityLiteralsAreNotJson() {
    assertEquals("malformed JSON at column 41: Non-standard token 'NaN'",
        reason("{\"sensorId\":\"s\",\"ts\":0,\"temperature\":NaN}"));
    assertEquals("malformed JSON at column 46: Non-standard token 'Infinity'",
        reason("{\"sensorId\":\"s\",\"ts\":0,\"temperature\":Infinity}"));
  }

  @Test
  public void numbersThatOverflowADoubleAreRefused() {
    assertEquals("field 'temperature' is not finite as a double",
        reason("{\"sensorId\":\"s\",\"ts\":0,\"temperature\":1e999}"));
    assertEquals("field 'humidity' is not finite as a double",
        reason("{\"sensorId\":\"s\",\"ts\":0,\"temperature\":1,\"humidity\":-1e400}"));
  }

  @Test
  public void missingAndMistypedFields() {
    assertEquals("missing field 'sensorId'", reason("{\"ts\":0,\"temperature\":1}"));
    assertEquals("missing field 'ts'", reason("{\"sensorId\":\"s\",\"temperature\":1}"));
    assertEquals("missing field 'temperature'", reason("{\"sensorId\":\"s\",\"ts\":0}"));
    assertEquals("field 'sensorId' is an empty string",
        reason("{\"sensorId\":\"\",\"ts\":0,\"temperature\":1}"));
    assertEquals("field 'sensorId' must be a string, got a number",
        reason("{\"sensorId\":7,\"ts\":0,\"temperature\":1}"));
    assertEquals("field 'temperature' must be a number, got a string",
        reason("{\"sensorId\":\"s\",\"ts\":0,\"temperature\":\"21.5\"}"));
    assertEquals("field 'humidity' must be a number, got null",
        reason("{\"sensorId\":\"s\",\"ts\":0,\"temperature\":1,\"humidity\":null}"));
    assertEquals("field 'temperature' must be a number, got a boolean",
        reason("{\"sensorId\":\"s\",\"ts\":0,\"temperature\":true}"));
  }

  @Test
  public void badTimestamps() {
    assertEquals("field 'ts' is not an ISO-8601 UTC instant like 2026-11-01T00:00:00.125Z: \"yesterday\"",
        reason("{\"sensorId\":\"s\",\"ts\":\"yesterday\",\"temperature\":1}"));
    assertEquals("field 'ts' is not an ISO-8601 UTC instant like 2026-11-01T00:00:00.125Z: "
            + "\"2026-11-01T01:00:00+01:00\"",
        reason("{\"sensorId\":\"s\",\"ts\":\"2026-11-01T01:00:00+01:00\",\"temperature\":1}"));
    assertEquals("field 'ts' is not a real date and time: \"2026-02-30T00:00:00Z\"",
        reason("{\"sensorId\":\"s\",\"ts\":\"2026-02-30T00:00:00Z\",\"temperature\":1}"));
    assertEquals("field 'ts' is before 1970-01-01T00:00:00Z: \"1969-12-31T23:59:59.999Z\"",
        reason("{\"sensorId\":\"s\",\"ts\":\"1969-12-31T23:59:59.999Z\",\"temperature\":1}"));
    assertEquals("field 'ts' is negative epoch milliseconds: -5",
        reason("{\"sensorId\":\"s\",\"ts\":-5,\"temperature\":1}"));
    assertEquals("field 'ts' must be whole epoch milliseconds, got a fraction",
        reason("{\"sensorId\":\"s\",\"ts\":1.5,\"temperature\":1}"));
    assertEquals("field 'ts' must be an ISO-8601 UTC string or epoch milliseconds, got an object",
        reason("{\"sensorId\":\"s\",\"ts\":{},\"temperature\":1}"));
  }

  @Test
  public void linesThatAreNotOneObject() {
    assertEquals("empty line", reason(""));
    assertEquals("blank line", reason(" \t "));
    assertEquals("not a JSON object: the line starts with an array", reason("[1,2]"));
    assertEquals("not a JSON object: the line starts with a string", reason("\"s\""));
    assertEquals("malformed JSON at column 3: Unexpected character (''' (code 39)): was expecting "
        + "double-quote to start field name", reason("{'sensorId':'s'}"));
  }
}
