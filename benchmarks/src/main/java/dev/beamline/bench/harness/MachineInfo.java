package dev.beamline.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/** What the figures were measured on, and how busy it was. */
record MachineInfo(int cores, String cpu, String memory, String jvm, String os, String loadAverage) {

  static MachineInfo now() {
    return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpuModel(), memTotal(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        readLoadAverage());
  }

  /** The 1-minute load average, or NaN when unknown. */
  double load1() {
    try {
      return Double.parseDouble(loadAverage.split("\\s+")[0]);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private static String cpuModel() {
    try {
      for (String l : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown CPU";
  }

  private static String memTotal() {
    try {
      for (String l : Files.readAllLines(Paths.get("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f GB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return "unknown";
  }

  private static String readLoadAverage() {
    try {
      String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
