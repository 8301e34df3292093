package dev.beamline.transforms.combine;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * Estimates the number of distinct values with a k-minimum-values sketch over a 64-bit hash of each
 * value's encoding (so values equal under their coder count once). Exact below {@code k} distinct
 * values (save for 64-bit hash collisions, about n^2 / 2^65); above, a relative standard error of
 * {@code 1 / sqrt(k - 2)}.
 */
final class DistinctCountFn<V> extends CombineFn<V, HashSample, Long> {
  private final int k;
  private final Coder<V> valueCoder;

  DistinctCountFn(int k, Coder<V> valueCoder) {
    this.k = k;
    this.valueCoder = valueCoder;
  }

  @Override
  public HashSample createAccumulator() {
    return new HashSample(k);
  }

  @Override
  public HashSample addInput(HashSample sample, V value) {
    try {
      sample.add(murmur64(CoderUtils.encodeToByteArray(valueCoder, value)));
    } catch (CoderException e) {
      throw new IllegalStateException("cannot encode " + value + " with " + valueCoder, e);
    }
    return sample;
  }

  @Override
  public HashSample mergeAccumulators(Iterable<HashSample> samples) {
    HashSample merged = null;
    for (HashSample s : samples) {
      if (merged == null) {
        merged = s;
      } else {
        merged.addAll(s);
      }
    }
    return merged == null ? new HashSample(k) : merged;
  }

  @Override
  public Long extractOutput(HashSample sample) {
    return sample.estimate();
  }

  @Override
  public Coder<HashSample> getAccumulatorCoder(CoderRegistry registry, Coder<V> inputCoder) {
    return HashSampleCoder.of();
  }

  @Override
  public Coder<Long> getDefaultOutputCoder(CoderRegistry registry, Coder<V> inputCoder) {
    return VarLongCoder.of();
  }

  /** MurmurHash64A (Appleby), seed 0: a fast 64-bit hash with good avalanche. */
  static long murmur64(byte[] data) {
    final long m = 0xc6a4a7935bd1e995L;
    final int r = 47;
    long h = data.length * m;
    int blocks = data.length / 8;
    for (int i = 0; i < blocks; i++) {
      int o = i * 8;
      long k = (data[o] & 0xffL) | (data[o + 1] & 0xffL) << 8 | (data[o + 2] & 0xffL) << 16
          | (data[o + 3] & 0xffL) << 24 | (data[o + 4] & 0xffL) << 32 | (data[o + 5] & 0xffL) << 40
          | (data[o + 6] & 0xffL) << 48 | (data[o + 7] & 0xffL) << 56;
      k *= m;
      k ^= k >>> r;
      k *= m;
      h ^= k;
      h *= m;
    }
    int tail = blocks * 8;
    int rest = data.length & 7;
    if (rest > 0) {
      for (int i = rest - 1; i >= 0; i--) {
        h ^= (data[tail + i] & 0xffL) << (8 * i);
      }
      h *= m;
    }
    h ^= h >>> r;
    h *= m;
    h ^= h >>> r;
    return h;
  }
}
