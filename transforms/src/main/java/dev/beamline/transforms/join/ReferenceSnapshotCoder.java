package dev.beamline.transforms.join;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * {@link ReferenceSnapshot}: table, load tick, entry count, then each key and row (with the
 * table's row coder) in key order, so equal snapshots encode to equal bytes.
 */
public final class ReferenceSnapshotCoder extends StructuredCoder<ReferenceSnapshot> {
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final InstantCoder INSTANT = InstantCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();

  private final Coder<Row> rowCoder;

  private ReferenceSnapshotCoder(Coder<Row> rowCoder) {
    this.rowCoder = rowCoder;
  }

  public static ReferenceSnapshotCoder of(Coder<Row> rowCoder) {
    return new ReferenceSnapshotCoder(rowCoder);
  }

  @Override
  public void encode(ReferenceSnapshot value, OutputStream out) throws IOException {
    STRING.encode(value.table(), out);
    INSTANT.encode(value.loadedAt(), out);
    INT.encode(value.size(), out);
    for (Map.Entry<String, Row> e : value.entries().entrySet()) {
      STRING.encode(e.getKey(), out);
      rowCoder.encode(e.getValue(), out);
    }
  }

  @Override
  public ReferenceSnapshot decode(InputStream in) throws IOException {
    String table = STRING.decode(in);
    Instant loadedAt = INSTANT.decode(in);
    int size = INT.decode(in);
    Map<String, Row> entries = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      String key = STRING.decode(in);
      entries.put(key, rowCoder.decode(in));
    }
    return new ReferenceSnapshot(table, loadedAt, entries);
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(rowCoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(this, "the row coder must be deterministic", rowCoder);
  }
}
