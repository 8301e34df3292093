package dev.beamline.transforms.clean;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.Row;

/** {@link TracedRow}: the row with its schema's coder, then source, var-int position, payload. */
final class TracedRowCoder extends StructuredCoder<TracedRow> {
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private final Coder<Row> rowCoder;

  private TracedRowCoder(Coder<Row> rowCoder) {
    this.rowCoder = rowCoder;
  }

  static TracedRowCoder of(Coder<Row> rowCoder) {
    return new TracedRowCoder(rowCoder);
  }

  @Override
  public void encode(TracedRow value, OutputStream out) throws IOException {
    rowCoder.encode(value.row(), out);
    STRING.encode(value.source(), out);
    LONG.encode(value.position(), out);
    STRING.encode(value.payload(), out);
  }

  @Override
  public TracedRow decode(InputStream in) throws IOException {
    Row row = rowCoder.decode(in);
    String source = STRING.decode(in);
    long position = LONG.decode(in);
    String payload = STRING.decode(in);
    return new TracedRow(row, source, position, payload);
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
