package dev.beamline.pipelines.sensorstats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.beamline.pipelines.SampleGenerator.Settings;
import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

/** The generator is deterministic, its disorder is bounded as promised, and its lines parse. */
public class SensorEventGeneratorTest {
  private static String generate(Settings s) throws IOException {
    StringWriter w = new StringWriter();
    new SensorEventGenerator().generate(s, w);
    return w.toString();
  }

  @Test
  public void sameSettingsGiveTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    Settings s = new Settings(2_000, 42, 50, 10_000, 0.0);
    assertEquals(generate(s), generate(s));
    assertNotEquals(generate(s), generate(new Settings(2_000, 43, 50, 10_000, 0.0)));
  }

  @Test
  public void everyLineIsAValidEventAndDisorderStaysWithinTheBound() throws Exception {
    SensorEventParser parser = new SensorEventParser();
    long maxSeen = Long.MIN_VALUE;
    long worstLag = 0;
    Set<String> sensors = new HashSet<>();
    String[] lines = generate(new Settings(20_000, 7, 100, 10_000, 0.0)).split("\n");
    assertEquals(20_000, lines.length);
    for (String line : lines) {
      SensorEvent e = parser.parse(line);
      sensors.add(e.sensorId());
      maxSeen = Math.max(maxSeen, e.timestampMillis());
      worstLag = Math.max(worstLag, maxSeen - e.timestampMillis());
    }
    assertEquals(100, sensors.size());
    assertTrue("lag " + worstLag, worstLag <= 10_000);
    assertTrue("some disorder expected, lag " + worstLag, worstLag > 9_000);
  }

  @Test
  public void badLineRateGivesLinesThatTheParserRejects() throws IOException {
    SensorEventParser parser = new SensorEventParser();
    int bad = 0;
    for (String line : generate(new Settings(10_000, 1, 10, 0, 0.01)).split("\n", -1)) {
      try {
        parser.parse(line);
      } catch (InvalidRecordException e) {
        bad++;
      }
    }
    // 1 % of 10,000 lines, plus the empty string after the final newline.
    assertTrue("bad " + bad, bad > 50 && bad < 160);
  }
}
