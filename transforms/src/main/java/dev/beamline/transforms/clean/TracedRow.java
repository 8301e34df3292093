package dev.beamline.transforms.clean;

import java.util.Objects;
import org.apache.beam.sdk.values.Row;

/**
 * A row on its way through {@link CleanRecords}, with what a dead letter needs to point back at its
 * input: the source (file, topic/partition, or {@code unknown}), the 1-based position (-1 when
 * unknown) and the original payload, unchanged.
 */
final class TracedRow {
  /** Source of rows that did not come from a line (e.g. a {@code PCollection<Row>} input). */
  static final String UNKNOWN_SOURCE = "unknown";

  private final Row row;
  private final String source;
  private final long position;
  private final String payload;

  TracedRow(Row row, String source, long position, String payload) {
    this.row = Objects.requireNonNull(row, "row");
    this.source = Objects.requireNonNull(source, "source");
    this.position = position;
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  Row row() {
    return row;
  }

  String source() {
    return source;
  }

  long position() {
    return position;
  }

  String payload() {
    return payload;
  }

  TracedRow withRow(Row newRow) {
    return new TracedRow(newRow, source, position, payload);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TracedRow)) {
      return false;
    }
    TracedRow that = (TracedRow) o;
    return position == that.position && row.equals(that.row) && source.equals(that.source)
        && payload.equals(that.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(row, source, position, payload);
  }

  @Override
  public String toString() {
    return source + ":" + position + " " + row;
  }
}
