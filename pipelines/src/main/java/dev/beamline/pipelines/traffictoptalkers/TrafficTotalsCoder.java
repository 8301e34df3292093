package dev.beamline.pipelines.traffictoptalkers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** {@link TrafficTotals} as three var-longs: bytes, packets, flows. */
public final class TrafficTotalsCoder extends AtomicCoder<TrafficTotals> {
  private static final TrafficTotalsCoder INSTANCE = new TrafficTotalsCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static TrafficTotalsCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link TrafficTotals} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(TrafficTotals.class), INSTANCE);
  }

  private TrafficTotalsCoder() {}

  @Override
  public void encode(TrafficTotals t, OutputStream out) throws IOException {
    LONG.encode(t.bytes, out);
    LONG.encode(t.packets, out);
    LONG.encode(t.flows, out);
  }

  @Override
  public TrafficTotals decode(InputStream in) throws IOException {
    return new TrafficTotals(LONG.decode(in), LONG.decode(in), LONG.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
