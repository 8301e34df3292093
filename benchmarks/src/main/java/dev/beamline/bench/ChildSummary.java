package dev.beamline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The run summary a benchmark child prints at its end, in the same "  key   value" layout as the
 * launcher's, so the harness reads Beam runs and native runs with one parser. Always includes the
 * peak resident set (VmHWM) of the child's JVM.
 */
public final class ChildSummary {
  private final String title;
  private final Map<String, String> lines = new LinkedHashMap<>();

  public ChildSummary(String title) {
    this.title = title;
  }

  public ChildSummary put(String key, String value) {
    lines.put(key, value);
    return this;
  }

  public ChildSummary put(String key, long value) {
    return put(key, String.format(Locale.ROOT, "%,d", value));
  }

  /** Wall time of the work inside this JVM, in the launcher's "wall time" line format. */
  public ChildSummary wallTime(long nanos, String what) {
    return put("wall time", String.format(Locale.ROOT, "%.3f s (%s)", nanos / 1e9, what));
  }

  public String render() {
    StringBuilder b = new StringBuilder("== " + title + " run summary ==\n");
    for (Map.Entry<String, String> e : lines.entrySet()) {
      b.append(String.format(Locale.ROOT, "  %-22s %s%n", e.getKey(), e.getValue()));
    }
    b.append(String.format(Locale.ROOT, "  %-22s %s%n", "peak memory (RSS)", peakRss()));
    b.append(String.format(Locale.ROOT, "  %-22s %s%n", "cpu time", cpuTime()));
    return b.toString();
  }

  /** CPU time of the whole JVM (all threads, user + system), as the launcher prints it. */
  public static String cpuTime() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      long nanos = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
      if (nanos >= 0) {
        return String.format(Locale.ROOT, "%.1f s (all threads, JVM start included)", nanos / 1e9);
      }
    }
    return "n/a";
  }

  /** VmHWM of /proc/self/status as "1,234 MB", or "n/a" off Linux. */
  public static String peakRss() {
    try {
      for (String l : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          long kb = Long.parseLong(l.substring(6).replace("kB", "").trim());
          return String.format(Locale.ROOT, "%,d MB", kb / 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: no figure rather than a made-up one.
    }
    return "n/a";
  }
}
