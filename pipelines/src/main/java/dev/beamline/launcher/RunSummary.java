package dev.beamline.launcher;

import dev.beamline.pipelines.BeamlinePipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * What a run did, printed at its end: runner, final state, wall time, throughput, the pipeline's
 * counters and a check of each of its ledger identities. Counters are the "attempted" values:
 * every runner reports those, and for a finished batch run they equal the committed ones.
 */
final class RunSummary {
  final Map<String, Long> counters = new LinkedHashMap<>();
  /** One line per ledger identity, e.g. {@code lines_read 4 = valid_events 3 + dead_letters 1  OK}. */
  final List<String> ledgerLines = new ArrayList<>();
  final boolean ledgerOk;

  private RunSummary(Map<String, Long> counters, List<List<String>> ledger) {
    this.counters.putAll(counters);
    boolean ok = true;
    for (List<String> identity : ledger) {
      boolean balanced = balances(identity, counters);
      ok &= balanced;
      ledgerLines.add(text(identity, counters) + (balanced ? "  OK" : "  MISMATCH"));
    }
    this.ledgerOk = ok;
  }

  static RunSummary of(BeamlinePipeline<?> pipeline, PipelineResult result) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String name : pipeline.counters()) {
      values.put(name, 0L);
    }
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(BeamlinePipeline.COUNTER_NAMESPACE))
        .build());
    for (MetricResult<Long> c : metrics.getCounters()) {
      String name = c.getName().getName();
      Long v = c.getAttempted();
      values.merge(name, v == null ? 0L : v, Long::sum);
    }
    return new RunSummary(values, pipeline.ledger());
  }

  long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** The identities that do not balance, for the error line; empty when all do. */
  String mismatches() {
    List<String> bad = new ArrayList<>();
    for (String line : ledgerLines) {
      if (line.endsWith("MISMATCH")) {
        bad.add(line);
      }
    }
    return String.join("; ", bad);
  }

  private static boolean balances(List<String> identity, Map<String, Long> v) {
    long parts = 0;
    for (String p : identity.subList(1, identity.size())) {
      parts += v.getOrDefault(p, 0L);
    }
    return v.getOrDefault(identity.get(0), 0L) == parts;
  }

  private static String text(List<String> identity, Map<String, Long> v) {
    StringBuilder b = new StringBuilder();
    b.append(identity.get(0)).append(' ').append(v.getOrDefault(identity.get(0), 0L)).append(" = ");
    for (int i = 1; i < identity.size(); i++) {
      if (i > 1) {
        b.append(" + ");
      }
      b.append(identity.get(i)).append(' ').append(v.getOrDefault(identity.get(i), 0L));
    }
    return b.toString();
  }

  String render(String pipelineName, String runner, PipelineResult.State state, long wallMillis,
      String throughputCounter, List<String> outputs) {
    double seconds = wallMillis / 1000.0;
    long events = counter(throughputCounter);
    StringBuilder b = new StringBuilder();
    b.append("== ").append(pipelineName).append(" run summary ==\n");
    line(b, "runner", runner);
    line(b, "state", state.toString());
    line(b, "wall time", String.format(Locale.ROOT, "%.1f s (includes runner start-up)", seconds));
    line(b, "events/sec", String.format(Locale.ROOT, "%,.0f (%s / wall time)",
        seconds > 0 ? events / seconds : 0.0, throughputCounter));
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      line(b, e.getKey(), String.format(Locale.ROOT, "%,d", e.getValue()));
    }
    if (ledgerLines.isEmpty()) {
      line(b, "ledger", "(none)");
    }
    for (String l : ledgerLines) {
      line(b, "ledger", l);
    }
    line(b, "peak memory (RSS)", peakRss());
    line(b, "cpu time", cpuTime());
    for (String o : outputs) {
      line(b, "output", o);
    }
    return b.toString();
  }

  /**
   * The JVM's peak resident set so far (VmHWM of /proc/self/status), which covers heap, metaspace,
   * direct buffers and runner threads; "n/a" where the kernel does not report it.
   */
  static String peakRss() {
    try {
      for (String l : java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          long kb = Long.parseLong(l.substring(6).replace("kB", "").trim());
          return String.format(Locale.ROOT, "%,d MB", kb / 1024);
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Not Linux, or a kernel without VmHWM: say so rather than guess.
    }
    return "n/a";
  }

  /** CPU time of the whole JVM so far (all threads, user + system), or "n/a". */
  static String cpuTime() {
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

  private static void line(StringBuilder b, String key, String value) {
    b.append(String.format(Locale.ROOT, "  %-22s %s%n", key, value));
  }
}
