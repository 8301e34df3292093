package dev.beamline.transforms.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarIntCoder;

/** {@link RecentValues} as a var-int size, then (epoch millis, double) pairs: 16 bytes a value. */
final class RecentValuesCoder extends AtomicCoder<RecentValues> {
  private static final RecentValuesCoder INSTANCE = new RecentValuesCoder();
  private static final VarIntCoder SIZE = VarIntCoder.of();

  static RecentValuesCoder of() {
    return INSTANCE;
  }

  private RecentValuesCoder() {}

  @Override
  public void encode(RecentValues r, OutputStream outStream) throws IOException {
    SIZE.encode(r.size(), outStream);
    DataOutputStream out = new DataOutputStream(outStream);
    for (int i = 0; i < r.size(); i++) {
      out.writeLong(r.time(i));
      out.writeDouble(r.value(i));
    }
    out.flush();
  }

  @Override
  public RecentValues decode(InputStream inStream) throws IOException {
    int n = SIZE.decode(inStream);
    if (n < 0) {
      throw new CoderException("negative size " + n);
    }
    DataInputStream in = new DataInputStream(inStream);
    long[] t = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = in.readLong();
      v[i] = in.readDouble();
    }
    return new RecentValues(t, v);
  }

  @Override
  public void verifyDeterministic() {}
}
