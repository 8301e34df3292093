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

/** {@link AnomalyAlert} as epoch millis and four IEEE-754 doubles: 40 bytes. */
public final class AnomalyAlertCoder extends AtomicCoder<AnomalyAlert> {
  private static final AnomalyAlertCoder INSTANCE = new AnomalyAlertCoder();

  public static AnomalyAlertCoder of() {
    return INSTANCE;
  }

  /** Makes {@code @DefaultCoder} on {@link AnomalyAlert} work. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(AnomalyAlert.class), INSTANCE);
  }

  private AnomalyAlertCoder() {}

  @Override
  public void encode(AnomalyAlert a, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeLong(a.timestamp().getMillis());
    out.writeDouble(a.value());
    out.writeDouble(a.mean());
    out.writeDouble(a.stddev());
    out.writeDouble(a.zScore());
    out.flush();
  }

  @Override
  public AnomalyAlert decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    return new AnomalyAlert(new Instant(in.readLong()), in.readDouble(), in.readDouble(),
        in.readDouble(), in.readDouble());
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
