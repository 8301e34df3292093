package dev.beamline.transforms.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** {@link EwStats} as a var-int count and two doubles: 17 bytes up to a count of 127. */
public final class EwStatsCoder extends AtomicCoder<EwStats> {
  private static final EwStatsCoder INSTANCE = new EwStatsCoder();
  private static final VarLongCoder COUNT = VarLongCoder.of();

  public static EwStatsCoder of() {
    return INSTANCE;
  }

  private EwStatsCoder() {}

  @Override
  public void encode(EwStats s, OutputStream outStream) throws IOException {
    COUNT.encode(s.count, outStream);
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeDouble(s.mean);
    out.writeDouble(s.variance);
    out.flush();
  }

  @Override
  public EwStats decode(InputStream inStream) throws IOException {
    long count = COUNT.decode(inStream);
    DataInputStream in = new DataInputStream(inStream);
    return new EwStats(count, in.readDouble(), in.readDouble());
  }

  @Override
  public void verifyDeterministic() {}
}
