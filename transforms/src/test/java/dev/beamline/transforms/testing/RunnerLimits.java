package dev.beamline.transforms.testing;

/**
 * JUnit categories for tests that a runner cannot pass: each runner's Maven profile excludes its
 * category ({@code excludedGroups}). Every use carries, on the line above it, a comment in the form
 * {@code // <Category>: <reason> (apache/beam#<issue>)}: the capability table
 * ({@code docs/capabilities.md}) is generated from the test reports and these comments.
 */
public final class RunnerLimits {
  private RunnerLimits() {}

  /** Fails on the FlinkRunner in streaming mode (profile {@code flink-runner}). */
  public interface NotOnFlink {}

  /** Fails on the SparkRunner in batch mode (profile {@code spark-runner}). */
  public interface NotOnSpark {}

  /** Fails on the SparkRunner in streaming mode (profile {@code spark-streaming-runner}). */
  public interface NotOnSparkStreaming {}
}
