package dev.beamline.transforms.combine;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;

/**
 * Orders (key, metric) pairs for {@code Top}: "greater" means better ranked. Better is a larger
 * metric (or a smaller one for a bottom ranking); among equal metrics, the key with the smaller
 * encoded bytes (unsigned) ranks better, so the ranking never depends on arrival order.
 */
final class ByMetricThenKey<K> implements Comparator<KV<K, Double>>, Serializable {
  private final Coder<K> keyCoder;
  private final boolean largestFirst;

  ByMetricThenKey(Coder<K> keyCoder, boolean largestFirst) {
    this.keyCoder = keyCoder;
    this.largestFirst = largestFirst;
  }

  @Override
  public int compare(KV<K, Double> a, KV<K, Double> b) {
    int byMetric = Double.compare(a.getValue(), b.getValue());
    if (byMetric != 0) {
      return largestFirst ? byMetric : -byMetric;
    }
    // Reversed: the smaller key is the "greater" (better ranked) one.
    return Arrays.compareUnsigned(encode(b.getKey()), encode(a.getKey()));
  }

  private byte[] encode(K key) {
    try {
      return CoderUtils.encodeToByteArray(keyCoder, key);
    } catch (CoderException e) {
      throw new IllegalStateException("cannot encode key " + key, e);
    }
  }
}
