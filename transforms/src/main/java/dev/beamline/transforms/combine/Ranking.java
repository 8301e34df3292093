package dev.beamline.transforms.combine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.values.KV;

/**
 * Keys ranked by a metric, best first, from {@link TopK}: entry 0 is rank 1. Ties are ordered by the
 * key's encoded bytes (for strings: code-point order), so a ranking is deterministic.
 */
public final class Ranking<K> {
  private final List<KV<K, Double>> entries;

  public Ranking(List<KV<K, Double>> entries) {
    this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
  }

  /** (key, metric) pairs, best first. */
  public List<KV<K, Double>> entries() {
    return entries;
  }

  public int size() {
    return entries.size();
  }

  public K key(int rank) {
    return entries.get(rank - 1).getKey();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ranking && entries.equals(((Ranking<?>) o).entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entries);
  }

  @Override
  public String toString() {
    return "Ranking" + entries;
  }
}
