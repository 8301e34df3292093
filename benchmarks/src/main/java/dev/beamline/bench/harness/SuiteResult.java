package dev.beamline.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What one suite measured: per point (workload) and variant, a {@link Summary}; or why it was skipped. */
final class SuiteResult {
  final String name;
  final String title;
  final List<Summary> summaries = new ArrayList<>();
  /** Per variant, the processing time of a 1,000-event run: its fixed cost (engine start-up, shutdown). */
  final java.util.Map<Variant, Double> startupSeconds = new java.util.EnumMap<>(Variant.class);
  /** Per variant, the CPU time of that 1,000-event run (JVM and runner start-up, shutdown). */
  final java.util.Map<Variant, Double> startupCpuSeconds = new java.util.EnumMap<>(Variant.class);
  String skippedBecause;
  /** A suite that renders its own section (the Kafka suite): printed as is under its title. */
  String markdown;

  SuiteResult(String name, String title) {
    this.name = name;
    this.title = title;
  }

  /** Median events/s with the fixed cost of a tiny run taken off the processing time; NaN if unknown. */
  double eventsPerSecondExcludingStartup(Summary s) {
    Double fixed = startupSeconds.get(s.variant());
    if (fixed == null) {
      return Double.NaN;
    }
    double net = s.median(Measurement::processingSeconds) - fixed;
    return net > 0 ? s.workload().events() / net : Double.NaN;
  }

  /**
   * Events per CPU-second of work: events / (median CPU time − the tiny run's CPU time). CPU time
   * is far less disturbed than wall time by other load on the machine; NaN if unknown.
   */
  double eventsPerWorkCpuSecond(Summary s) {
    Double fixed = startupCpuSeconds.get(s.variant());
    if (fixed == null) {
      return Double.NaN;
    }
    double net = s.median(Measurement::cpuSeconds) - fixed;
    return net > 0 ? s.workload().events() / net : Double.NaN;
  }

  Optional<Summary> find(Variant v, String point) {
    return summaries.stream()
        .filter(s -> s.variant() == v && s.workload().point().equals(point)).findFirst();
  }

  List<String> points() {
    List<String> points = new ArrayList<>();
    for (Summary s : summaries) {
      if (!points.contains(s.workload().point())) {
        points.add(s.workload().point());
      }
    }
    return points;
  }

  List<Variant> variants() {
    List<Variant> vs = new ArrayList<>();
    for (Summary s : summaries) {
      if (!vs.contains(s.variant())) {
        vs.add(s.variant());
      }
    }
    return vs;
  }
}
