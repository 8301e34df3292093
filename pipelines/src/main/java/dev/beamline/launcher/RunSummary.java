package dev.beamline.launcher;

import dev.beamline.pipelines.BeamlinePipeline;
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
 * counters and its ledger check. Counters are the "attempted" values: every runner reports those,
 * and for a finished batch run they equal the committed ones.
 */
final class RunSummary {
  final Map<String, Long> counters = new LinkedHashMap<>();
  final boolean ledgerOk;
  final String ledgerLine;

  private RunSummary(Map<String, Long> counters, boolean ledgerOk, String ledgerLine) {
    this.counters.putAll(counters);
    this.ledgerOk = ledgerOk;
    this.ledgerLine = ledgerLine;
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
    return new RunSummary(values, check(pipeline.ledger(), values), ledgerText(pipeline.ledger(), values));
  }

  long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  private static boolean check(List<String> ledger, Map<String, Long> v) {
    if (ledger.isEmpty()) {
      return true;
    }
    long parts = 0;
    for (String p : ledger.subList(1, ledger.size())) {
      parts += v.getOrDefault(p, 0L);
    }
    return v.getOrDefault(ledger.get(0), 0L) == parts;
  }

  private static String ledgerText(List<String> ledger, Map<String, Long> v) {
    if (ledger.isEmpty()) {
      return "(none)";
    }
    StringBuilder b = new StringBuilder();
    b.append(ledger.get(0)).append(' ').append(v.getOrDefault(ledger.get(0), 0L)).append(" = ");
    for (int i = 1; i < ledger.size(); i++) {
      if (i > 1) {
        b.append(" + ");
      }
      b.append(ledger.get(i)).append(' ').append(v.getOrDefault(ledger.get(i), 0L));
    }
    b.append(check(ledger, v) ? "  OK" : "  MISMATCH");
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
    line(b, "ledger", ledgerLine);
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
