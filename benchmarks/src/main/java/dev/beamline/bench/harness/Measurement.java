package dev.beamline.bench.harness;

import java.util.OptionalDouble;

/**
 * One timed run of one variant on one workload. {@code processingSeconds} is the child's own wall
 * time of the work (JVM start-up excluded, engine start-up included, as the launcher's run summary
 * reports it); {@code wallSeconds} is the whole child process as the harness saw it.
 */
record Measurement(Variant variant, Workload workload, int run, double wallSeconds,
    double processingSeconds, OptionalDouble jobSeconds, long peakRssMb) {

  double eventsPerSecond() {
    return workload.events() / processingSeconds;
  }
}
