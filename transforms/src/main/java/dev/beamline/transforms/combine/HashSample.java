package dev.beamline.transforms.combine;

import java.util.Arrays;

/**
 * The accumulator of {@link DistinctCountFn}: the k smallest distinct 64-bit hashes seen (unsigned
 * order), a "k minimum values" sketch. Mergeable (the k smallest of a union are among the k
 * smallest of each part); mutable, as combiner accumulators are.
 */
final class HashSample {
  private static final double TWO_TO_53 = 0x1p53;

  private final int capacity;
  private long[] hashes; // ascending, unsigned
  private int size;

  HashSample(int capacity) {
    this(capacity, new long[Math.min(capacity, 16)], 0);
  }

  HashSample(int capacity, long[] hashes, int size) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be >= 2, was " + capacity);
    }
    this.capacity = capacity;
    this.hashes = hashes;
    this.size = size;
  }

  int capacity() {
    return capacity;
  }

  int size() {
    return size;
  }

  long hash(int i) {
    return hashes[i];
  }

  void add(long hash) {
    if (size == capacity && Long.compareUnsigned(hash, hashes[size - 1]) >= 0) {
      return; // the common case once the sample is full
    }
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Long.compareUnsigned(hashes[mid], hash);
      if (c == 0) {
        return;
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, Math.min(capacity, hashes.length * 2));
    }
    int kept = size == capacity ? size - 1 : size; // a full sample drops its largest
    System.arraycopy(hashes, lo, hashes, lo + 1, kept - lo);
    hashes[lo] = hash;
    size = kept + 1;
  }

  void addAll(HashSample other) {
    for (int i = 0; i < other.size; i++) {
      add(other.hashes[i]);
    }
  }

  /**
   * Exact count below capacity; otherwise {@code (k - 1) / U}, U being the k-th smallest hash
   * scaled to (0, 1]: the unbiased KMV estimator.
   */
  long estimate() {
    if (size < capacity) {
      return size;
    }
    double u = ((hashes[size - 1] >>> 11) + 1) / TWO_TO_53;
    return Math.round((capacity - 1) / u);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HashSample)) {
      return false;
    }
    HashSample that = (HashSample) o;
    return capacity == that.capacity
        && Arrays.equals(hashes, 0, size, that.hashes, 0, that.size);
  }

  @Override
  public int hashCode() {
    int h = capacity;
    for (int i = 0; i < size; i++) {
      h = 31 * h + Long.hashCode(hashes[i]);
    }
    return h;
  }
}
