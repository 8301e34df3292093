package dev.beamline.transforms.stats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Binary coder for {@link NumericSummary}: a var-int count, then mean, m2, min, max, the running
 * sum and its compensation as raw IEEE-754 doubles (49 bytes up to a count of 127, 57 at most; 1
 * byte for an empty summary). Deterministic, so summaries can sit inside keys and state.
 */
public final class NumericSummaryCoder extends AtomicCoder<NumericSummary> {
  private static final NumericSummaryCoder INSTANCE = new NumericSummaryCoder();
  private static final VarLongCoder COUNT = VarLongCoder.of();

  public static NumericSummaryCoder of() {
    return INSTANCE;
  }

  private NumericSummaryCoder() {}

  @Override
  public void encode(NumericSummary value, OutputStream outStream) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null NumericSummary");
    }
    COUNT.encode(value.count(), outStream);
    if (value.isEmpty()) {
      return;
    }
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeDouble(value.mean());
    out.writeDouble(value.m2());
    out.writeDouble(value.min());
    out.writeDouble(value.max());
    out.writeDouble(value.rawSum());
    out.writeDouble(value.sumCompensation());
    out.flush();
  }

  @Override
  public NumericSummary decode(InputStream inStream) throws IOException {
    long count = COUNT.decode(inStream);
    if (count == 0) {
      return new NumericSummary();
    }
    DataInputStream in = new DataInputStream(inStream);
    double mean = in.readDouble();
    double m2 = in.readDouble();
    double min = in.readDouble();
    double max = in.readDouble();
    double sum = in.readDouble();
    double compensation = in.readDouble();
    return NumericSummary.of(count, mean, m2, min, max, sum, compensation);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
