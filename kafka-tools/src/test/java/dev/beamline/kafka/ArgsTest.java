package dev.beamline.kafka;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** The tool's flags: both spellings, switches, and one clear message per mistake. */
public class ArgsTest {
  private static Args parse(String... args) {
    return Args.parse(List.of(args), Set.of("topic", "rate", "max", "timeout"), Set.of("keys"));
  }

  private static String error(Runnable r) {
    return assertThrows(UsageException.class, r::run).getMessage();
  }

  @Test
  public void valuesWithSpaceOrEqualsAndSwitches() {
    Args a = parse("--topic", "t", "--rate=100/s", "--keys");
    assertEquals("t", a.require("topic"));
    assertEquals(100.0, a.getRate("rate"), 0.0);
    assertTrue(a.flag("keys"));
  }

  @Test
  public void durationsAndNumbers() {
    assertEquals(Duration.ofMillis(500), parse("--timeout=500ms").getDuration("timeout", null));
    assertEquals(Duration.ofMinutes(2), parse("--timeout=2m").getDuration("timeout", null));
    assertEquals(7, parse("--max=7").getLong("max", 0, 1));
  }

  @Test
  public void mistakes() {
    assertEquals("unknown option --topik; options: --max, --rate, --timeout, --topic, --keys",
        error(() -> Args.parse(List.of("--topik=x"),
            new java.util.TreeSet<>(Set.of("topic", "rate", "max", "timeout")), Set.of("keys"))));
    assertEquals("--topic needs a value", error(() -> parse("--topic")));
    assertEquals("--topic is given twice", error(() -> parse("--topic=a", "--topic=b")));
    assertEquals("unexpected argument 'x'", error(() -> parse("x")));
    assertEquals("--max must be >= 1, was 0", error(() -> parse("--max=0").getLong("max", 0, 1)));
    assertEquals("--max: 'many' is not a whole number",
        error(() -> parse("--max=many").getLong("max", 0, 1)));
    assertEquals("--rate: 'fast' is not a rate like 100 or 100/s",
        error(() -> parse("--rate=fast").getRate("rate")));
    assertEquals("--timeout: '10' is not a duration like 500ms, 10s or 2m",
        error(() -> parse("--timeout=10").getDuration("timeout", null)));
    assertEquals("--keys takes no value", error(() -> parse("--keys=yes")));
  }
}
