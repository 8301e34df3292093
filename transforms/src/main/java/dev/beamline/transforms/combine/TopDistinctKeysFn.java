package dev.beamline.transforms.combine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;

/**
 * The k best-ranked distinct keys, each with its best metric (largest, or smallest for a bottom
 * ranking): the combine behind {@link TopK#onePerKey()}.
 *
 * <p>Bounded and exact: an accumulator keeps each key's best metric for at most 2k keys and
 * compacts to the k best when it grows past that. A key dropped in a compaction cannot belong to
 * the answer: k other keys already rank better, with metrics that can only improve. A later, better
 * metric of the dropped key enters afresh.
 */
final class TopDistinctKeysFn<K>
    extends CombineFn<KV<K, Double>, TopDistinctKeysFn.Best<K>, List<KV<K, Double>>> {
  private final int k;
  private final Coder<K> keyCoder;
  private final ByMetricThenKey<K> order;

  TopDistinctKeysFn(int k, Coder<K> keyCoder, boolean largestFirst) {
    this.k = k;
    this.keyCoder = keyCoder;
    this.order = new ByMetricThenKey<>(keyCoder, largestFirst);
  }

  /** Each key's best (key, metric) so far, by the key's encoding. */
  static final class Best<K> {
    final Map<ByteBuffer, KV<K, Double>> byKey = new HashMap<>();
  }

  @Override
  public Best<K> createAccumulator() {
    return new Best<>();
  }

  @Override
  public Best<K> addInput(Best<K> best, KV<K, Double> entry) {
    offer(best, entry);
    if (best.byKey.size() > 2 * k) {
      compact(best);
    }
    return best;
  }

  @Override
  public Best<K> mergeAccumulators(Iterable<Best<K>> accumulators) {
    Best<K> merged = null;
    for (Best<K> b : accumulators) {
      if (merged == null) {
        merged = b;
      } else {
        for (KV<K, Double> e : b.byKey.values()) {
          offer(merged, e);
        }
      }
    }
    if (merged == null) {
      return createAccumulator();
    }
    compact(merged);
    return merged;
  }

  @Override
  public List<KV<K, Double>> extractOutput(Best<K> best) {
    List<KV<K, Double>> ranked = ranked(best);
    return ranked.size() > k ? new ArrayList<>(ranked.subList(0, k)) : ranked;
  }

  @Override
  public Coder<Best<K>> getAccumulatorCoder(CoderRegistry registry, Coder<KV<K, Double>> in) {
    return new BestCoder<>(keyCoder, this);
  }

  @Override
  public Coder<List<KV<K, Double>>> getDefaultOutputCoder(CoderRegistry registry,
      Coder<KV<K, Double>> in) {
    return ListCoder.of(KvCoder.of(keyCoder, DoubleCoder.of()));
  }

  private void offer(Best<K> best, KV<K, Double> entry) {
    ByteBuffer key = ByteBuffer.wrap(encode(entry.getKey()));
    KV<K, Double> held = best.byKey.get(key);
    if (held == null || order.compare(entry, held) > 0) {
      best.byKey.put(key, entry);
    }
  }

  /** Keeps the k best keys; Beam also calls this before it encodes an accumulator. */
  @Override
  public Best<K> compact(Best<K> best) {
    if (best.byKey.size() <= k) {
      return best;
    }
    List<KV<K, Double>> keep = ranked(best).subList(0, k);
    best.byKey.clear();
    for (KV<K, Double> e : keep) {
      offer(best, e);
    }
    return best;
  }

  /** Best first. */
  private List<KV<K, Double>> ranked(Best<K> best) {
    List<KV<K, Double>> all = new ArrayList<>(best.byKey.values());
    all.sort(Collections.reverseOrder(order));
    return all;
  }

  private byte[] encode(K key) {
    try {
      return CoderUtils.encodeToByteArray(keyCoder, key);
    } catch (CoderException e) {
      throw new IllegalStateException("cannot encode key " + key, e);
    }
  }

  /** The held entries, best first: a var-int count, then each key and its metric (8 bytes). */
  static final class BestCoder<K> extends CustomCoder<Best<K>> {
    private static final VarIntCoder SIZE = VarIntCoder.of();
    private final Coder<K> keyCoder;
    private final TopDistinctKeysFn<K> fn;

    BestCoder(Coder<K> keyCoder, TopDistinctKeysFn<K> fn) {
      this.keyCoder = keyCoder;
      this.fn = fn;
    }

    @Override
    public void encode(Best<K> best, OutputStream outStream) throws IOException {
      List<KV<K, Double>> entries = fn.ranked(best);
      SIZE.encode(entries.size(), outStream);
      DataOutputStream out = new DataOutputStream(outStream);
      for (KV<K, Double> e : entries) {
        keyCoder.encode(e.getKey(), outStream);
        out.writeDouble(e.getValue());
        out.flush();
      }
    }

    @Override
    public Best<K> decode(InputStream inStream) throws IOException {
      int n = SIZE.decode(inStream);
      if (n < 0) {
        throw new CoderException("negative size " + n);
      }
      DataInputStream in = new DataInputStream(inStream);
      Best<K> best = new Best<>();
      for (int i = 0; i < n; i++) {
        K key = keyCoder.decode(inStream);
        fn.offer(best, KV.of(key, in.readDouble()));
      }
      return best;
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      // Entries are written best first, so equal accumulators encode alike when keys do.
      verifyDeterministic(this, "the key coder must be deterministic", keyCoder);
    }
  }
}
