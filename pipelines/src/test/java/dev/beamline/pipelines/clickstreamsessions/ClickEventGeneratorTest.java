package dev.beamline.pipelines.clickstreamsessions;

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
import java.util.TreeMap;
import org.junit.Test;

/**
 * The generator is deterministic, bounds its disorder, writes events the contract accepts, gives
 * users several sessions separated by more than the default gap and some conversions, and cycles
 * through every kind of bad line when asked for some.
 */
public class ClickEventGeneratorTest {
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(CleanClickEvents.RULES);
  private static final long GAP = 30 * 60 * 1000;

  private static String generate(Settings s) throws IOException {
    StringWriter w = new StringWriter();
    new ClickEventGenerator().generate(s, w);
    return w.toString();
  }

  @Test
  public void sameSettingsGiveTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    Settings s = new Settings(2_000, 5, 40, 60_000, 0.01);
    assertEquals(generate(s), generate(s));
    assertNotEquals(generate(s), generate(new Settings(2_000, 6, 40, 60_000, 0.01)));
  }

  @Test
  public void eventsAreValidAndFormSessionsOfSeveralUsers() throws Exception {
    String[] lines = generate(new Settings(5_000, 11, 60, 120_000, 0.0)).split("\n");
    assertEquals(5_000, lines.length);
    long maxSeen = Long.MIN_VALUE;
    long worstLag = 0;
    Map<String, TreeMap<Long, String>> byUser = new HashMap<>();
    int purchases = 0;
    for (String line : lines) {
      ClickEvent e = new CleanClickEvents.ToClickEvent().apply(CLEANER.clean(line));
      maxSeen = Math.max(maxSeen, e.timestampMillis());
      worstLag = Math.max(worstLag, maxSeen - e.timestampMillis());
      byUser.computeIfAbsent(e.userId(), u -> new TreeMap<>()).put(e.timestampMillis(), e.page());
      purchases += e.action().equals(Actions.PURCHASE) ? 1 : 0;
    }
    assertTrue("lag " + worstLag, worstLag <= 120_000 && worstLag > 100_000);
    assertEquals(60, byUser.size());
    assertTrue(byUser.containsKey("ユーザー-000007"));
    // Sessions at the default gap: every user has several.
    int sessions = 0;
    for (TreeMap<Long, String> times : byUser.values()) {
      long previous = Long.MIN_VALUE;
      for (long t : times.keySet()) {
        if (previous == Long.MIN_VALUE || t - previous >= GAP) {
          sessions++;
        }
        previous = t;
      }
    }
    assertTrue("sessions " + sessions, sessions > 3 * 60 && sessions < 12 * 60);
    assertTrue("purchases " + purchases, purchases > sessions / 10 && purchases < sessions / 3);
  }

  @Test
  public void badLinesCycleThroughEveryKindOfMistake() throws IOException {
    Set<String> kinds = new HashSet<>();
    int bad = 0;
    String text = generate(new Settings(3_000, 2, 20, 0, 0.02));
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      try {
        CLEANER.clean(line);
      } catch (InvalidRecordException e) {
        bad++;
        kinds.add(e.getMessage().replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<ts>"));
      }
    }
    assertTrue("bad " + bad, bad > 35 && bad < 90);
    // Fourteen kinds of line, thirteen reasons: an empty userId is missing, like an absent one.
    assertEquals(kinds.toString(), 13, kinds.size());
  }
}
