package dev.beamline.pipelines.frauddetection;

import static dev.beamline.pipelines.frauddetection.Transactions.tx;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.joda.time.Duration;
import org.junit.Test;

/**
 * The velocity rule as a function: sliding windows aligned like Beam's SlidingWindows, the
 * transaction beyond the limit in some window fires, the earlier ones do not.
 */
public class VelocityRuleTest {
  private static final Duration TEN_MINUTES = Duration.standardMinutes(10);
  private static final Duration MINUTE = Duration.standardMinutes(1);

  /** Runs the rule over transactions at these seconds after T0 (10:00:00), in order. */
  private static List<String> evidenceOver(VelocityRule rule, int... seconds) {
    List<Long> recent = new ArrayList<>();
    List<String> fired = new ArrayList<>();
    for (int i = 0; i < seconds.length; i++) {
      Map<FraudRule, String> evidence = new EnumMap<>(FraudRule.class);
      recent = rule.count(recent, tx("t" + i, "a", seconds[i], 1, "DE"), evidence);
      fired.add(evidence.get(FraudRule.VELOCITY));
    }
    return fired;
  }

  @Test
  public void theTransactionBeyondTheLimitInAWindowFiresWithThatWindowAsEvidence() {
    // Three allowed per 10-minute window sliding by 1 minute; four within 3 minutes.
    List<String> fired = evidenceOver(VelocityRule.of(TEN_MINUTES, MINUTE, 3), 0, 60, 120, 150);

    assertEquals(null, fired.get(0));
    assertEquals(null, fired.get(1));
    assertEquals(null, fired.get(2));
    // 10:02:30 lies in the windows starting 09:53 ... 10:02; the earliest holds all four.
    assertEquals("{\"windowStart\":\"2026-11-02T09:53:00.000Z\",\"windowEnd\":"
        + "\"2026-11-02T10:03:00.000Z\",\"transactions\":4,\"limit\":3}", fired.get(3));
  }

  @Test
  public void windowsAreAlignedToTheSlideNotToTheTransaction() {
    // 10:00:00 and 10:09:59 are 9m59s apart, but a 10-minute window sliding by 5 minutes that
    // holds 10:09:59 starts at 10:05 or 10:00: the one starting 10:00 holds both, so the limit
    // of 1 fires. 10:00:30 and 10:10:29 are as far apart, but no aligned window holds both.
    VelocityRule rule = VelocityRule.of(TEN_MINUTES, Duration.standardMinutes(5), 1);
    assertTrue(evidenceOver(rule, 0, 599).get(1).contains("\"windowStart\":\"2026-11-02T10:00:00.000Z\""));
    assertEquals(null, evidenceOver(rule, 30, 629).get(1));
  }

  @Test
  public void tumblingWindowsAreSlidingWindowsWhoseSlideIsTheirSize() {
    VelocityRule rule = VelocityRule.of(TEN_MINUTES, TEN_MINUTES, 1);
    assertEquals(null, evidenceOver(rule, 590, 610).get(1)); // 10:09:50 / 10:10:10: two windows
    assertTrue(evidenceOver(rule, 0, 590).get(1).contains("\"transactions\":2"));
  }

  @Test
  public void onlyTimesThatALaterWindowCanHoldAreKept() {
    VelocityRule rule = VelocityRule.of(TEN_MINUTES, MINUTE, 5);
    List<Long> recent = new ArrayList<>();
    for (int s : new int[] {0, 300, 700}) {
      recent = rule.count(recent, tx("t" + s, "a", s, 1, "DE"), new EnumMap<>(FraudRule.class));
    }
    // At 10:11:40, 10:00:00 is more than 10 minutes back: no window of a later transaction has it.
    assertEquals(List.of(Transactions.at(300).getMillis(), Transactions.at(700).getMillis()), recent);
  }

  @Test
  public void aSlideLongerThanTheWindowOrAZeroLimitIsRefused() {
    assertEquals("the velocity window needs 0 < slide <= size, got size 1m and slide 10m",
        assertThrows(IllegalArgumentException.class,
            () -> VelocityRule.of(MINUTE, TEN_MINUTES, 5)).getMessage());
    assertEquals("the velocity limit must be at least 1 transaction, was 0",
        assertThrows(IllegalArgumentException.class,
            () -> VelocityRule.of(TEN_MINUTES, MINUTE, 0)).getMessage());
  }
}
