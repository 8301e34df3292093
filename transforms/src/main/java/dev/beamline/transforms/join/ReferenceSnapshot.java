package dev.beamline.transforms.join;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One load of a reference table: its entries by key (the key field's text), the table it came from
 * and the refresh tick that loaded it. A side input holds the newest snapshot; it must fit in the
 * memory of every worker.
 */
public final class ReferenceSnapshot {
  private final String table;
  private final Instant loadedAt;
  private final SortedMap<String, Row> entries;

  public ReferenceSnapshot(String table, Instant loadedAt, Map<String, Row> entries) {
    this.table = Objects.requireNonNull(table, "table");
    this.loadedAt = Objects.requireNonNull(loadedAt, "loadedAt");
    this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /** The entry of {@code key}, or {@code null} when the table has none. */
  public @Nullable Row get(String key) {
    return entries.get(key);
  }

  public int size() {
    return entries.size();
  }

  /** Entries in key order. */
  public SortedMap<String, Row> entries() {
    return entries;
  }

  /** The file pattern the snapshot was read from. */
  public String table() {
    return table;
  }

  /** The refresh tick that loaded this snapshot; the newest tick wins in the side input. */
  public Instant loadedAt() {
    return loadedAt;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ReferenceSnapshot)) {
      return false;
    }
    ReferenceSnapshot that = (ReferenceSnapshot) o;
    return table.equals(that.table) && loadedAt.equals(that.loadedAt)
        && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, loadedAt, entries);
  }

  @Override
  public String toString() {
    return table + "@" + loadedAt + " (" + entries.size() + " entries)";
  }
}
