package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.ResultPane;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link PortScanSuspect}. */
public final class PortScanSuspectCoder extends AtomicCoder<PortScanSuspect> {
  private static final PortScanSuspectCoder INSTANCE = new PortScanSuspectCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static PortScanSuspectCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link PortScanSuspect} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(PortScanSuspect.class), INSTANCE);
  }

  private PortScanSuspectCoder() {}

  @Override
  public void encode(PortScanSuspect s, OutputStream out) throws IOException {
    STRING.encode(s.srcIp(), out);
    LONG.encode(s.windowStart().getMillis(), out);
    LONG.encode(s.windowEnd().getMillis(), out);
    INT.encode(s.distinctDstPorts(), out);
    LONG.encode(s.flows(), out);
    INT.encode(s.lowestPort(), out);
    INT.encode(s.highestPort(), out);
    s.pane().encode(out);
  }

  @Override
  public PortScanSuspect decode(InputStream in) throws IOException {
    String src = STRING.decode(in);
    long start = LONG.decode(in);
    long end = LONG.decode(in);
    int distinct = INT.decode(in);
    long flows = LONG.decode(in);
    int lowest = INT.decode(in);
    int highest = INT.decode(in);
    return new PortScanSuspect(src, start, end, distinct, flows, lowest, highest,
        ResultPane.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
