package dev.beamline.transforms.testing;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Reads Beam counters back from a finished pipeline (shared with the pipelines module's tests). */
public final class PipelineCounters {
  private PipelineCounters() {}

  /**
   * The attempted value of counter {@code namespace:name}, summed over steps; 0 when the counter
   * was never incremented (Beam does not report untouched counters).
   */
  public static long counter(PipelineResult result, String namespace, String name) {
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(namespace, name))
        .build());
    long total = 0;
    for (MetricResult<Long> c : q.getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }
}
