package dev.beamline.kafka;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** The record key: a top-level string field, or no key at all. */
public class RecordKeysTest {
  private static byte[] key(String line) {
    return RecordKeys.keyOf(line.getBytes(StandardCharsets.UTF_8), "sensorId");
  }

  @Test
  public void topLevelStringFieldIsTheKey() {
    assertArrayEquals("传感器-08".getBytes(StandardCharsets.UTF_8),
        key("{\"x\":{\"sensorId\":\"nested\"},\"sensorId\":\"传感器-08\",\"ts\":1}"));
  }

  @Test
  public void noKeyForLinesWithoutAUsableField() {
    assertNull(key("not json"));
    assertNull(key("[1,2]"));
    assertNull(key("{\"sensorId\":42}"));
    assertNull(key("{\"sensorId\":\"\"}"));
    assertNull(key("{\"ts\":1}"));
    assertNull(key(""));
  }
}
