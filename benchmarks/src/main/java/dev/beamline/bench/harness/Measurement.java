package dev.beamline.bench.harness;

import java.util.OptionalDouble;

/**
 * One timed run of one variant on one workload. {@code processingSeconds} is the child's own wall
 * time of the work (JVM start-up excluded, engine start-up included, as the launcher's run summary
 * reports it); {@code wallSeconds} is the whole child process as the harness saw it;
 * {@code cpuSeconds} the CPU time of all the child's threads (NaN when unknown), which other load
 * on the machine disturbs less than wall time.
 */
record Measurement(Variant variant, Workload workload, int run, double wallSeconds,
    double processingSeconds, OptionalDouble jobSeconds, long peakRssMb, double cpuSeconds) {

  double eventsPerSecond() {
    return workload.events() / processingSeconds;
  }
}
