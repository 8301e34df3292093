package dev.beamline.pipelines.trendingtopics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.beamline.pipelines.SampleGenerator.Settings;
import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** The generator is deterministic, its posts meet the contract, resends and bursts are there. */
public class PostGeneratorTest {
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(Posts.CLEAN);

  private static String generate(Settings s) throws IOException {
    StringWriter w = new StringWriter();
    new PostGenerator().generate(s, w);
    return w.toString();
  }

  @Test
  public void sameSettingsGiveTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    Settings s = new Settings(2_000, 42, 100, 20_000, 0.01);
    assertEquals(generate(s), generate(s));
    assertNotEquals(generate(s), generate(new Settings(2_000, 43, 100, 20_000, 0.01)));
  }

  @Test
  public void everyLineIsAValidPostResendsRepeatWholeLinesAndDisorderIsBounded() throws Exception {
    String[] lines = generate(new Settings(9_000, 7, 100, 20_000, 0.0)).split("\n");
    assertEquals(9_000, lines.length);
    Map<String, String> byId = new HashMap<>();
    Set<String> users = new HashSet<>();
    Map<String, Integer> perMinuteOfCycle = new HashMap<>();
    int resends = 0;
    long maxSeen = Long.MIN_VALUE;
    long worstLag = 0;
    for (String line : lines) {
      Row r = CLEANER.clean(line);
      String previous = byId.put(r.getString(Posts.POST_ID), line);
      if (previous != null) {
        assertEquals("a resend is the same line", previous, line);
        resends++;
        continue;
      }
      users.add(r.getString(Posts.USER_ID));
      long ts = r.getDateTime(Posts.TS).getMillis();
      maxSeen = Math.max(maxSeen, ts);
      worstLag = Math.max(worstLag, maxSeen - ts);
      if (HashtagExtractor.extract(r.getString(Posts.TEXT)).contains("地震")) {
        perMinuteOfCycle.merge("地震@" + (ts - PostGenerator.START_MILLIS) / 60_000 % 15, 1, Integer::sum);
      }
    }
    assertTrue("resends " + resends, resends > 120 && resends < 240); // 2 % of 9,000
    assertEquals(100, users.size());
    assertTrue("lag " + worstLag, worstLag <= 20_000 && worstLag > 15_000);
    // The earthquake burst stays in minutes 3-4 of each 15-minute cycle (one minute of slack for
    // the disorder at its edges).
    for (String key : perMinuteOfCycle.keySet()) {
      int minute = Integer.parseInt(key.substring(key.indexOf('@') + 1));
      assertTrue(key, minute >= 2 && minute <= 4);
    }
  }

  @Test
  public void badLineRateGivesLinesThatTheContractRejects() throws IOException {
    int bad = 0;
    for (String line : generate(new Settings(10_000, 1, 10, 0, 0.01)).split("\n", -1)) {
      try {
        CLEANER.clean(line);
      } catch (InvalidRecordException e) {
        bad++;
      }
    }
    assertTrue("bad " + bad, bad > 50 && bad < 160);
  }
}
