package dev.beamline.bench.harness;

/** A run failed or gave a wrong answer: the benchmark is void and the harness stops. */
final class VoidBenchmarkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  VoidBenchmarkException(String message) {
    super(message);
  }
}
