package dev.beamline.pipelines.traffictoptalkers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.BitSet;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * {@link PortSet} as the flow count, the number of ports, then the ports in ascending order as
 * var-int gaps: a few bytes for a normal source, about one byte per port for a scanner that walks
 * the port range.
 */
public final class PortSetCoder extends AtomicCoder<PortSet> {
  private static final PortSetCoder INSTANCE = new PortSetCoder();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static PortSetCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link PortSet} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(PortSet.class), INSTANCE);
  }

  private PortSetCoder() {}

  @Override
  public void encode(PortSet s, OutputStream out) throws IOException {
    LONG.encode(s.flows, out);
    INT.encode(s.ports.cardinality(), out);
    int previous = -1;
    for (int p = s.ports.nextSetBit(0); p >= 0; p = s.ports.nextSetBit(p + 1)) {
      INT.encode(p - previous, out);
      previous = p;
    }
  }

  @Override
  public PortSet decode(InputStream in) throws IOException {
    long flows = LONG.decode(in);
    int n = INT.decode(in);
    if (n < 0 || n > 65536) {
      throw new CoderException("bad port count " + n);
    }
    BitSet ports = new BitSet();
    int port = -1;
    for (int i = 0; i < n; i++) {
      int gap = INT.decode(in);
      port += gap;
      if (gap <= 0 || port > 65535) {
        throw new CoderException("bad port gap " + gap + " after port " + (port - gap));
      }
      ports.set(port);
    }
    return new PortSet(ports, flows);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
