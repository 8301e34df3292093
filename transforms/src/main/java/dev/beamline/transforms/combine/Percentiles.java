package dev.beamline.transforms.combine;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.ApproximateQuantiles.ApproximateQuantilesCombineFn;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Percentiles (e.g. p50, p90, p99, p99.9) of each key's values per window, with Beam's {@link
 * ApproximateQuantilesCombineFn} (Munro-Paterson buffers, mergeable, one pass) underneath.
 *
 * <p><b>Definition.</b> Percentile p of n values is the nearest-rank value: the
 * {@code ceil(p/100 * n)}-th smallest (the smallest for p = 0, the largest for p = 100).
 * Percentiles are numbers in [0, 100] that are multiples of 0.1.
 *
 * <p><b>Accuracy.</b> With at most {@link #bufferSize()} values in a key and window (954 with the
 * defaults) the result is exact. Beyond that, as long as the count stays under the maximum input
 * size (default 10^9), the rank of each returned value is within {@code epsilon * n} of the exact
 * rank (default epsilon 0.01: within 1% of the ranks), and in practice much closer. A smaller
 * epsilon costs memory: the accumulator holds up to (buffers x buffer size) values, about 20,000
 * doubles with the defaults.
 *
 * <p><b>Runners.</b> A plain combine: every runner, batch and streaming, with the input's windowing
 * and triggers (panes accumulate or discard as the input says).
 *
 * <pre>{@code
 * PCollection<KV<String, PercentileValues>> latency = windowedLatencies
 *     .apply("LatencyPercentiles", Percentiles.<String>of(50, 90, 99, 99.9));
 * double p99 = kv.getValue().valueAt(99);
 * }</pre>
 */
public final class Percentiles<K>
    extends PTransform<PCollection<KV<K, Double>>, PCollection<KV<K, PercentileValues>>> {

  public static final double DEFAULT_EPSILON = 0.01;
  public static final long DEFAULT_MAX_INPUT_SIZE = 1_000_000_000L;

  private final double[] percents;
  private final int divisions; // 100 for whole percentiles, 1000 when tenths are asked for
  private final double epsilon;
  private final long maxInputSize;

  private Percentiles(double[] percents, double epsilon, long maxInputSize) {
    if (percents.length == 0) {
      throw new IllegalArgumentException("ask for at least one percentile");
    }
    double[] sorted = percents.clone();
    Arrays.sort(sorted);
    boolean whole = true;
    for (double p : sorted) {
      if (!(p >= 0 && p <= 100) || Math.abs(p * 10 - Math.rint(p * 10)) > 1e-9) {
        throw new IllegalArgumentException("percentiles must be multiples of 0.1 in [0, 100], got "
            + p);
      }
      whole &= p == Math.rint(p);
    }
    if (!(epsilon > 0 && epsilon < 1)) {
      throw new IllegalArgumentException("epsilon must be in (0, 1), was " + epsilon);
    }
    if (maxInputSize < 1) {
      throw new IllegalArgumentException("max input size must be >= 1, was " + maxInputSize);
    }
    this.percents = sorted;
    this.divisions = whole ? 100 : 1000;
    this.epsilon = epsilon;
    this.maxInputSize = maxInputSize;
  }

  /** The given percentiles of each key's values per window. */
  public static <K> Percentiles<K> of(double... percents) {
    return new Percentiles<>(percents, DEFAULT_EPSILON, DEFAULT_MAX_INPUT_SIZE);
  }

  /** Worst-case rank error as a fraction of the count (default 0.01). */
  public Percentiles<K> withEpsilon(double epsilon) {
    return new Percentiles<>(percents, epsilon, maxInputSize);
  }

  /** The largest count per key and window for which the epsilon bound holds (default 10^9). */
  public Percentiles<K> withMaxInputSize(long maxInputSize) {
    return new Percentiles<>(percents, epsilon, maxInputSize);
  }

  /** Values per key and window up to which the result is exact. */
  public int bufferSize() {
    // Beam sizes its buffers (Munro-Paterson b buffers of k values) from epsilon and the max input
    // size; the accessor is package-private, so the same sizing rule is evaluated here.
    int b = 2;
    while ((b - 2) * (1L << (b - 2)) < epsilon * maxInputSize) {
      b++;
    }
    b--;
    return Math.max(2, (int) Math.ceil(maxInputSize / (float) (1L << (b - 1))));
  }

  private ApproximateQuantilesCombineFn<Double, Top.Natural<Double>> combineFn() {
    // Not ApproximateQuantilesCombineFn.withMaxInputSize: in Beam 2.70 it passes the size as
    // epsilon too.
    return ApproximateQuantilesCombineFn.create(divisions + 1, new Top.Natural<Double>(),
        maxInputSize, epsilon);
  }

  @Override
  public PCollection<KV<K, PercentileValues>> expand(PCollection<KV<K, Double>> input) {
    KvCoder<K, Double> coder = (KvCoder<K, Double>) input.getCoder();
    return input
        .apply("Quantiles", Combine.perKey(combineFn()))
        .apply("PickPercentiles", MapElements.via(new Pick<K>(percents, divisions)))
        .setCoder(KvCoder.of(coder.getKeyCoder(), PercentileValuesCoder.of()));
  }

  /** Picks the requested percentiles out of the evenly spaced quantiles. */
  private static final class Pick<K>
      extends SimpleFunction<KV<K, List<Double>>, KV<K, PercentileValues>> {
    private final double[] percents;
    private final int divisions;

    Pick(double[] percents, int divisions) {
      this.percents = percents;
      this.divisions = divisions;
    }

    @Override
    public KV<K, PercentileValues> apply(KV<K, List<Double>> kv) {
      List<Double> q = kv.getValue();
      double[] values = new double[percents.length];
      for (int i = 0; i < percents.length; i++) {
        long m = Math.round(percents[i] * divisions / 100.0);
        if (q.size() == divisions + 1) {
          // Quantile m of n values is the ceil(m * n / divisions)-th smallest: nearest rank.
          values[i] = q.get((int) m);
        } else {
          // Fewer values than quantiles: the list is all values, sorted.
          int n = q.size();
          int rank = (int) Math.max(1, -Math.floorDiv(-m * n, (long) divisions));
          values[i] = q.get(rank - 1);
        }
      }
      return KV.of(kv.getKey(), new PercentileValues(percents, values));
    }
  }
}
