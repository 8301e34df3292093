package dev.beamline.transforms.combine;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The k keys with the largest (or smallest) metric per window, as one {@link Ranking} per window,
 * with Beam's {@link Top#of} underneath (a combine that keeps k entries per partial result). The
 * input holds one metric per key and window, e.g. the output of {@code Count.perKey()} or of a
 * per-key mean; a key that appears twice can take two places. Exact: ties are broken by the key's
 * encoded bytes, so the same input always gives the same ranking. Empty windows give no ranking.
 *
 * <p>{@link #perGroup} ranks within each group instead: {@code KV<group, KV<key, metric>>} in,
 * {@code KV<group, Ranking>} out ({@link Top#perKey} underneath).
 *
 * <p>{@link #onePerKey} ranks each key once, by its best metric: for a metric that an upstream
 * aggregation restates in several panes (accumulating panes of a sum or count with early or late
 * firings), a downstream ranking sees every restatement, and {@code Top.of} would rank a key
 * twice. When the metric only grows between restatements (a sum of non-negative values, a count),
 * its best value is its latest, so the ranking is the ranking of the latest values.
 *
 * <p><b>Runners.</b> A plain combine: every runner, batch and streaming, with the input's windowing
 * and triggers. The key coder must be deterministic (it orders ties).
 *
 * <pre>{@code
 * PCollection<Ranking<String>> hottest = meanPerSensorPerMinute
 *     .apply("Top3Sensors", TopK.<String>largest(3));
 * }</pre>
 */
public final class TopK<K> extends PTransform<PCollection<KV<K, Double>>, PCollection<Ranking<K>>> {
  private final int k;
  private final boolean largestFirst;
  private final boolean onePerKey;

  private TopK(int k, boolean largestFirst, boolean onePerKey) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    this.k = k;
    this.largestFirst = largestFirst;
    this.onePerKey = onePerKey;
  }

  /** The k keys with the largest metric per window, largest first. */
  public static <K> TopK<K> largest(int k) {
    return new TopK<>(k, true, false);
  }

  /** The k keys with the smallest metric per window, smallest first. */
  public static <K> TopK<K> smallest(int k) {
    return new TopK<>(k, false, false);
  }

  /**
   * Each key at most once, with its best metric (largest for {@link #largest}, smallest for
   * {@link #smallest}); ties still by key. Bounded like {@code Top}: at most 2k entries per partial
   * result.
   */
  public TopK<K> onePerKey() {
    return new TopK<>(k, largestFirst, true);
  }

  /** The same ranking within each group of a {@code KV<group, KV<key, metric>>} input. */
  public <G> PerGroup<G, K> perGroup() {
    return new PerGroup<>(k, largestFirst, onePerKey);
  }

  @Override
  public PCollection<Ranking<K>> expand(PCollection<KV<K, Double>> input) {
    Coder<K> keyCoder = keyCoder(input.getCoder());
    PCollection<List<KV<K, Double>>> top = onePerKey
        ? input.apply("TopOnePerKey",
            Combine.globally(new TopDistinctKeysFn<>(k, keyCoder, largestFirst)).withoutDefaults())
        : input.apply("Top",
            Top.of(k, new ByMetricThenKey<>(keyCoder, largestFirst)).withoutDefaults());
    return top
        .apply("ToRanking", MapElements.via(new ToRanking<K>()))
        .setCoder(RankingCoder.of(keyCoder));
  }

  @SuppressWarnings("unchecked")
  private static <K> Coder<K> keyCoder(Coder<?> kvCoder) {
    if (!(kvCoder instanceof KvCoder)) {
      throw new IllegalArgumentException("TopK needs KV<key, metric> input with a KvCoder, got "
          + kvCoder);
    }
    Coder<K> keyCoder = ((KvCoder<K, ?>) kvCoder).getKeyCoder();
    try {
      keyCoder.verifyDeterministic();
    } catch (Coder.NonDeterministicException e) {
      throw new IllegalArgumentException("TopK orders tied metrics by encoded key and needs a "
          + "deterministic key coder, but " + keyCoder + " is not: "
          + String.join("; ", e.getReasons()), e);
    }
    return keyCoder;
  }

  /** Ranks keys within each group: {@code KV<group, KV<key, metric>>} to {@code KV<group, Ranking>}. */
  public static final class PerGroup<G, K>
      extends PTransform<PCollection<KV<G, KV<K, Double>>>, PCollection<KV<G, Ranking<K>>>> {
    private final int k;
    private final boolean largestFirst;
    private final boolean onePerKey;

    private PerGroup(int k, boolean largestFirst, boolean onePerKey) {
      this.k = k;
      this.largestFirst = largestFirst;
      this.onePerKey = onePerKey;
    }

    @Override
    public PCollection<KV<G, Ranking<K>>> expand(PCollection<KV<G, KV<K, Double>>> input) {
      KvCoder<G, KV<K, Double>> coder = (KvCoder<G, KV<K, Double>>) input.getCoder();
      Coder<K> keyCoder = keyCoder(coder.getValueCoder());
      PCollection<KV<G, List<KV<K, Double>>>> top = onePerKey
          ? input.apply("TopOnePerKeyPerGroup",
              Combine.perKey(new TopDistinctKeysFn<>(k, keyCoder, largestFirst)))
          : input.apply("TopPerGroup",
              Top.perKey(k, new ByMetricThenKey<>(keyCoder, largestFirst)));
      return top
          .apply("ToRanking", MapElements.via(new ToGroupRanking<G, K>()))
          .setCoder(KvCoder.of(coder.getKeyCoder(), RankingCoder.of(keyCoder)));
    }
  }

  private static final class ToRanking<K> extends SimpleFunction<List<KV<K, Double>>, Ranking<K>> {
    @Override
    public Ranking<K> apply(List<KV<K, Double>> top) {
      return new Ranking<>(top);
    }
  }

  private static final class ToGroupRanking<G, K>
      extends SimpleFunction<KV<G, List<KV<K, Double>>>, KV<G, Ranking<K>>> {
    @Override
    public KV<G, Ranking<K>> apply(KV<G, List<KV<K, Double>>> kv) {
      return KV.of(kv.getKey(), new Ranking<>(kv.getValue()));
    }
  }
}
