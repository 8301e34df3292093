package dev.beamline.pipelines.traffictoptalkers;

import org.apache.beam.sdk.transforms.Combine;

/**
 * A sum of longs that fails on overflow instead of wrapping ({@code Sum.ofLongs} wraps silently):
 * a wrong total is worse than a failed run. With inputs validated to at most 2^53 - 1, overflow
 * needs more than a thousand maximal records for one key in one window.
 */
final class ExactLongSum extends Combine.BinaryCombineLongFn {
  @Override
  public long apply(long left, long right) {
    return Math.addExact(left, right);
  }

  @Override
  public long identity() {
    return 0L;
  }
}
