package dev.beamline.transforms.combine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.values.KV;

/**
 * The most frequent elements of a window with their exact counts, most frequent first, and the
 * window's totals: {@code total} elements, {@code distinct} different ones. From {@link
 * MostFrequent}. Ties are ordered by the element's encoded bytes (for strings: code-point order).
 * Encoded by {@link TopCountsCoder}.
 */
public final class TopCounts<T> {
  private final List<KV<T, Long>> top;
  private final long total;
  private final long distinct;

  public TopCounts(List<KV<T, Long>> top, long total, long distinct) {
    if (total < 0 || distinct < 0 || distinct > total || top.size() > distinct) {
      throw new IllegalArgumentException("inconsistent counts: " + top.size() + " top entries, "
          + distinct + " distinct, " + total + " total");
    }
    this.top = Collections.unmodifiableList(new ArrayList<>(top));
    this.total = total;
    this.distinct = distinct;
  }

  /** (element, count) pairs, most frequent first; at most n of them. */
  public List<KV<T, Long>> top() {
    return top;
  }

  /** How many elements the window held (each occurrence counts). */
  public long total() {
    return total;
  }

  /** How many different elements the window held. */
  public long distinct() {
    return distinct;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TopCounts)) {
      return false;
    }
    TopCounts<?> that = (TopCounts<?>) o;
    return total == that.total && distinct == that.distinct && top.equals(that.top);
  }

  @Override
  public int hashCode() {
    return Objects.hash(top, total, distinct);
  }

  @Override
  public String toString() {
    return "TopCounts" + top + " of " + total + " (" + distinct + " distinct)";
  }
}
