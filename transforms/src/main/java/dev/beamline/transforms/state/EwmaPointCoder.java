package dev.beamline.transforms.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Instant;

/** {@link EwmaPoint} as epoch millis and two IEEE-754 doubles: 24 bytes. */
public final class EwmaPointCoder extends AtomicCoder<EwmaPoint> {
  private static final EwmaPointCoder INSTANCE = new EwmaPointCoder();

  public static EwmaPointCoder of() {
    return INSTANCE;
  }

  /** Makes {@code @DefaultCoder} on {@link EwmaPoint} work. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(EwmaPoint.class), INSTANCE);
  }

  private EwmaPointCoder() {}

  @Override
  public void encode(EwmaPoint p, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeLong(p.timestamp().getMillis());
    out.writeDouble(p.value());
    out.writeDouble(p.ewma());
    out.flush();
  }

  @Override
  public EwmaPoint decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    return new EwmaPoint(new Instant(in.readLong()), in.readDouble(), in.readDouble());
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
