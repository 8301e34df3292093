package dev.beamline.transforms.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Instant;

/** {@link MovingAveragePoint} as epoch millis, two doubles and a var-int count: 25 bytes up to 127. */
public final class MovingAveragePointCoder extends AtomicCoder<MovingAveragePoint> {
  private static final MovingAveragePointCoder INSTANCE = new MovingAveragePointCoder();
  private static final VarIntCoder COUNT = VarIntCoder.of();

  public static MovingAveragePointCoder of() {
    return INSTANCE;
  }

  /** Makes {@code @DefaultCoder} on {@link MovingAveragePoint} work. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(MovingAveragePoint.class), INSTANCE);
  }

  private MovingAveragePointCoder() {}

  @Override
  public void encode(MovingAveragePoint p, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeLong(p.timestamp().getMillis());
    out.writeDouble(p.value());
    out.writeDouble(p.average());
    out.flush();
    COUNT.encode(p.count(), outStream);
  }

  @Override
  public MovingAveragePoint decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    Instant ts = new Instant(in.readLong());
    double value = in.readDouble();
    double average = in.readDouble();
    return new MovingAveragePoint(ts, value, average, COUNT.decode(inStream));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
