package dev.beamline.transforms.windowing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joda.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class DurationsTest {

  private static String rejection(String text) {
    return assertThrows(IllegalArgumentException.class, () -> Durations.parse(text)).getMessage();
  }

  private static void assertRejected(String text) {
    String message = rejection(text);
    assertEquals("'" + text + "' is not a duration: use " + Durations.ACCEPTED_FORMS, message);
    // The message must tell the user what to type instead.
    assertThat(message, containsString("250ms, 30s, 5m, 2h, 1d"));
    assertThat(message, containsString("PT1M30S"));
  }

  // ---- parse ---------------------------------------------------------------------------------

  @Test
  public void parsesEveryUnit() {
    assertEquals(Duration.millis(250), Durations.parse("250ms"));
    assertEquals(Duration.standardSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.standardMinutes(5), Durations.parse("5m"));
    assertEquals(Duration.standardHours(2), Durations.parse("2h"));
    assertEquals(Duration.standardDays(1), Durations.parse("1d"));
  }

  @Test
  public void parsesZero() {
    assertEquals(Duration.ZERO, Durations.parse("0"));
    assertEquals(Duration.ZERO, Durations.parse("0s"));
    assertEquals(Duration.ZERO, Durations.parse("0ms"));
  }

  @Test
  public void parsesIso8601() {
    assertEquals(Duration.standardSeconds(90), Durations.parse("PT1M30S"));
    assertEquals(Duration.millis(1500), Durations.parse("PT1.5S"));
    assertEquals(Duration.standardDays(1), Durations.parse("P1D"));
    assertEquals(Duration.standardHours(26), Durations.parse("P1DT2H"));
    assertEquals(Duration.ZERO, Durations.parse("PT0S"));
  }

  @Test
  public void unitsAreCaseInsensitive() {
    assertEquals(Duration.millis(250), Durations.parse("250MS"));
    assertEquals(Duration.millis(250), Durations.parse("250Ms"));
    assertEquals(Duration.standardSeconds(30), Durations.parse("30S"));
    assertEquals(Duration.standardMinutes(5), Durations.parse("5M"));
    assertEquals(Duration.standardHours(2), Durations.parse("2H"));
    assertEquals(Duration.standardDays(1), Durations.parse("1D"));
    assertEquals(Duration.standardSeconds(90), Durations.parse("pt1m30s"));
  }

  @Test
  public void surroundingWhitespaceIsIgnored() {
    assertEquals(Duration.standardSeconds(30), Durations.parse(" 30s "));
    assertEquals(Duration.ZERO, Durations.parse("\t0\n"));
  }

  @Test
  public void leadingZerosAreAccepted() {
    assertEquals(Duration.standardSeconds(5), Durations.parse("005s"));
  }

  // ---- rejections ----------------------------------------------------------------------------

  @Test
  public void rejectsEmpty() {
    assertRejected("");
    assertRejected("   ");
  }

  @Test
  public void rejectsNull() {
    assertEquals("'null' is not a duration: use " + Durations.ACCEPTED_FORMS, rejection(null));
  }

  @Test
  public void rejectsWords() {
    assertRejected("abc");
    assertRejected("five seconds");
  }

  @Test
  public void rejectsNegative() {
    assertRejected("-5s");
    assertRejected("PT-5S");
  }

  @Test
  public void rejectsANumberWithoutUnit() {
    assertRejected("5");
    assertRejected("00");
  }

  @Test
  public void rejectsFractions() {
    assertRejected("1.5s");
    assertRejected("0.5m");
  }

  @Test
  public void rejectsUnknownUnitsAndSpacing() {
    assertRejected("5w");
    assertRejected("5 s");
    assertRejected("1m30s");
    assertRejected("P1Y"); // years have no fixed length
    assertRejected("P");
  }

  @Test
  public void rejectsValuesThatOverflowALong() {
    // 999999999999 days is more than Long.MAX_VALUE milliseconds.
    assertEquals("'999999999999d' is too long a duration: at most 9223372036854775807ms",
        rejection("999999999999d"));
    assertEquals("'9999999999999999999ms' is too long a duration: at most 9223372036854775807ms",
        rejection("9999999999999999999ms"));
    assertRejected("99999999999999999999ms"); // 20 digits: not a number the syntax allows
  }

  @Test
  public void acceptsTheLargestDuration() {
    assertEquals(Duration.millis(Long.MAX_VALUE), Durations.parse("9223372036854775807ms"));
    assertEquals(Duration.standardDays(106_751_991_167L), Durations.parse("106751991167d"));
  }

  // ---- format --------------------------------------------------------------------------------

  @Test
  public void formatGivesTheShortestExactForm() {
    assertEquals("0", Durations.format(Duration.ZERO));
    assertEquals("1ms", Durations.format(Duration.millis(1)));
    assertEquals("250ms", Durations.format(Duration.millis(250)));
    assertEquals("1500ms", Durations.format(Duration.millis(1500)));
    assertEquals("1s", Durations.format(Duration.standardSeconds(1)));
    assertEquals("90s", Durations.format(Duration.standardSeconds(90)));
    assertEquals("1m", Durations.format(Duration.standardSeconds(60)));
    assertEquals("61m", Durations.format(Duration.standardMinutes(61)));
    assertEquals("2h", Durations.format(Duration.standardMinutes(120)));
    assertEquals("25h", Durations.format(Duration.standardHours(25)));
    assertEquals("1d", Durations.format(Duration.standardHours(24)));
    assertEquals("7d", Durations.format(Duration.standardDays(7)));
    assertEquals("86400001ms", Durations.format(Duration.millis(86_400_001L)));
  }

  @Test
  public void parseOfFormatIsIdentity() {
    List<Duration> durations = new ArrayList<>();
    long[] millis = {0, 1, 999, 1000, 1001, 59_999, 60_000, 90_000, 3_599_999, 3_600_000,
        5_400_000, 86_399_999, 86_400_000, 90_000_000, 604_800_000L, 31_536_000_000L,
        999_999_999_999L, 1_000_000_000_000L, 1_000_000_000_001L, 86_400_000L * 36_500,
        Long.MAX_VALUE};
    for (long ms : millis) {
      durations.add(Duration.millis(ms));
    }
    Random r = new Random(1);
    for (int i = 0; i < 2000; i++) {
      long unit = new long[] {1, 1000, 60_000, 3_600_000, 86_400_000}[r.nextInt(5)];
      durations.add(Duration.millis(unit * r.nextInt(1_000_000)));
    }
    for (Duration d : durations) {
      String text = Durations.format(d);
      assertEquals(text, d, Durations.parse(text));
    }
  }

  @Test
  public void formatOfParseIsCanonical() {
    // Parsing then formatting maps every spelling to the one shortest form.
    assertEquals("90s", Durations.format(Durations.parse("PT1M30S")));
    assertEquals("1m", Durations.format(Durations.parse("60s")));
    assertEquals("1m", Durations.format(Durations.parse("60000MS")));
    assertEquals("1d", Durations.format(Durations.parse("24h")));
    assertEquals("0", Durations.format(Durations.parse("0d")));
  }
}
