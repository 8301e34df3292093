package dev.beamline.bench.harness;

import static org.junit.Assert.assertEquals;

import dev.beamline.bench.ChildSummary;
import java.util.Map;
import org.junit.Test;

public class ChildRunnerTest {
  @Test
  public void readsTheLaunchersRunSummary() {
    String stdout = "== sensor-stats run summary ==\n"
        + "  runner                 FlinkRunner (streaming)\n"
        + "  wall time              12.3 s (includes runner start-up)\n"
        + "  valid_events           500,000\n"
        + "  ledger                 lines_read 500000 = valid_events 500000 + dead_letters 0  OK\n"
        + "  peak memory (RSS)      1,234 MB\n"
        + "  cpu time               30.5 s (all threads, JVM start included)\n";
    Map<String, String> s = ChildRunner.summary(stdout);
    assertEquals("12.3 s (includes runner start-up)", s.get("wall time"));
    assertEquals("500,000", s.get("valid_events"));
    assertEquals("1,234 MB", s.get("peak memory (RSS)"));
    assertEquals("30.5 s (all threads, JVM start included)", s.get("cpu time"));
  }

  @Test
  public void readsWhatTheNativeChildrenPrint() {
    String stdout = new ChildSummary("plain-java").put("valid_events", 1_000L)
        .wallTime(1_500_000_000L, "read, parse, aggregate, write").render();
    Map<String, String> s = ChildRunner.summary(stdout);
    assertEquals("1,000", s.get("valid_events"));
    assertEquals("1.500 s (read, parse, aggregate, write)", s.get("wall time"));
    assertEquals(true, s.containsKey("peak memory (RSS)"));
    assertEquals(true, s.containsKey("cpu time"));
  }
}
