package dev.beamline.transforms.deadletter;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class DeadLetterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Parses {@code toJson()} back and checks every field and the field order. */
  private static void assertJsonRoundTrip(DeadLetter d) throws Exception {
    String json = d.toJson();
    // One record per line: no raw line breaks may survive escaping.
    assertFalse(json, json.contains("\n"));
    assertFalse(json, json.contains("\r"));
    JsonNode node = MAPPER.readTree(json);
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("stage", "reason", "source", "position", "payload"), names);
    assertEquals(d.stage(), node.get("stage").textValue());
    assertEquals(d.reason(), node.get("reason").textValue());
    assertEquals(d.source(), node.get("source").textValue());
    assertTrue(node.get("position").isIntegralNumber());
    assertEquals(d.position(), node.get("position").longValue());
    assertEquals(d.payload(), node.get("payload").textValue());
  }

  @Test
  public void simpleJson() {
    assertEquals("{\"stage\":\"parse\",\"reason\":\"missing field 'value'\",\"source\":\"/in/a.jsonl\","
            + "\"position\":3,\"payload\":\"{}\"}",
        new DeadLetter("parse", "missing field 'value'", "/in/a.jsonl", 3, "{}").toJson());
  }

  @Test
  public void quotesAndBackslashesAreEscaped() throws Exception {
    DeadLetter d = new DeadLetter("parse", "field 'ts' is bad: \"x\\y\"", "C:\\data\\a.jsonl", 1,
        "{\"ts\":\"x\\\\y\"}");
    assertJsonRoundTrip(d);
    assertTrue(d.toJson().contains("\"payload\":\"{\\\"ts\\\":\\\"x\\\\\\\\y\\\"}\""));
  }

  @Test
  public void lineBreaksAndControlCharactersAreEscaped() throws Exception {
    DeadLetter d = new DeadLetter("parse", "two\nlines", "src", 2, "a\r\nb\tc\u0000d\u001fe");
    assertJsonRoundTrip(d);
    assertTrue(d.toJson().contains("\"reason\":\"two\\nlines\""));
  }

  @Test
  public void unicodeIsPreserved() throws Exception {
    assertJsonRoundTrip(new DeadLetter("parse", "温度 invalide: été", "/data/北京.jsonl", 5,
        "{\"city\":\"Ærøskøbing\",\"emoji\":\"\uD83D\uDE00\"}"));
    assertJsonRoundTrip(new DeadLetter("parse", "bad bytes", "f", 6, "x\uFFFDy\u2028z"));
  }

  @Test
  public void payloadThatIsNotJsonIsKeptAsAString() throws Exception {
    assertJsonRoundTrip(new DeadLetter("parse", "malformed JSON", "f", 7, "{'a':1,"));
    assertJsonRoundTrip(new DeadLetter("parse", "empty line", "f", 8, ""));
  }

  @Test
  public void unknownAndLargePositions() throws Exception {
    assertJsonRoundTrip(new DeadLetter("parse", "r", "kafka://t/0", -1, "p"));
    assertJsonRoundTrip(new DeadLetter("parse", "r", "kafka://t/0", Long.MAX_VALUE, "p"));
  }

  @Test
  public void toStringIsTheJson() {
    DeadLetter d = new DeadLetter("parse", "r", "s", 1, "p");
    assertEquals(d.toJson(), d.toString());
  }

  @Test
  public void equalityCoversEveryField() {
    DeadLetter base = new DeadLetter("a", "b", "c", 1, "d");
    assertEquals(base, new DeadLetter("a", "b", "c", 1, "d"));
    assertEquals(base.hashCode(), new DeadLetter("a", "b", "c", 1, "d").hashCode());
    assertNotEquals(base, new DeadLetter("x", "b", "c", 1, "d"));
    assertNotEquals(base, new DeadLetter("a", "x", "c", 1, "d"));
    assertNotEquals(base, new DeadLetter("a", "b", "x", 1, "d"));
    assertNotEquals(base, new DeadLetter("a", "b", "c", 2, "d"));
    assertNotEquals(base, new DeadLetter("a", "b", "c", 1, "x"));
  }

  @Test
  public void nullsAreRefused() {
    assertEquals("stage", assertThrows(NullPointerException.class,
        () -> new DeadLetter(null, "r", "s", 1, "p")).getMessage());
    assertEquals("reason", assertThrows(NullPointerException.class,
        () -> new DeadLetter("t", null, "s", 1, "p")).getMessage());
    assertEquals("source", assertThrows(NullPointerException.class,
        () -> new DeadLetter("t", "r", null, 1, "p")).getMessage());
    assertEquals("payload", assertThrows(NullPointerException.class,
        () -> new DeadLetter("t", "r", "s", 1, null)).getMessage());
  }
}
