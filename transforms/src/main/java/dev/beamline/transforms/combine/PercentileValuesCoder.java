package dev.beamline.transforms.combine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** {@link PercentileValues} as a var-int size, then (percent, value) double pairs: 16 bytes each. */
public final class PercentileValuesCoder extends AtomicCoder<PercentileValues> {
  private static final PercentileValuesCoder INSTANCE = new PercentileValuesCoder();
  private static final VarIntCoder SIZE = VarIntCoder.of();

  public static PercentileValuesCoder of() {
    return INSTANCE;
  }

  /** Makes {@code @DefaultCoder} on {@link PercentileValues} work. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(PercentileValues.class), INSTANCE);
  }

  private PercentileValuesCoder() {}

  @Override
  public void encode(PercentileValues p, OutputStream outStream) throws IOException {
    SIZE.encode(p.size(), outStream);
    DataOutputStream out = new DataOutputStream(outStream);
    for (int i = 0; i < p.size(); i++) {
      out.writeDouble(p.percent(i));
      out.writeDouble(p.value(i));
    }
    out.flush();
  }

  @Override
  public PercentileValues decode(InputStream inStream) throws IOException {
    int n = SIZE.decode(inStream);
    if (n < 0) {
      throw new CoderException("negative size " + n);
    }
    DataInputStream in = new DataInputStream(inStream);
    double[] percents = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      percents[i] = in.readDouble();
      values[i] = in.readDouble();
    }
    return new PercentileValues(percents, values);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
