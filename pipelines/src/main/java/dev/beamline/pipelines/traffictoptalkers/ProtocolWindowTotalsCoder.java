package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.ResultPane;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link ProtocolWindowTotals}. */
public final class ProtocolWindowTotalsCoder extends AtomicCoder<ProtocolWindowTotals> {
  private static final ProtocolWindowTotalsCoder INSTANCE = new ProtocolWindowTotalsCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static ProtocolWindowTotalsCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link ProtocolWindowTotals} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ProtocolWindowTotals.class), INSTANCE);
  }

  private ProtocolWindowTotalsCoder() {}

  @Override
  public void encode(ProtocolWindowTotals t, OutputStream out) throws IOException {
    STRING.encode(t.protocol(), out);
    LONG.encode(t.windowStart().getMillis(), out);
    LONG.encode(t.windowEnd().getMillis(), out);
    TrafficTotalsCoder.of().encode(t.totals(), out);
    t.pane().encode(out);
  }

  @Override
  public ProtocolWindowTotals decode(InputStream in) throws IOException {
    String protocol = STRING.decode(in);
    long start = LONG.decode(in);
    long end = LONG.decode(in);
    TrafficTotals totals = TrafficTotalsCoder.of().decode(in);
    return new ProtocolWindowTotals(protocol, start, end, totals, ResultPane.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
