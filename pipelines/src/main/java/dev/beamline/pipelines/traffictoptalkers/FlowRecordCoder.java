package dev.beamline.pipelines.traffictoptalkers;

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

/**
 * Binary coder for {@link FlowRecord}: the three strings, then port, bytes, packets and timestamp
 * as var-ints (33 bytes for a typical IPv4 flow).
 */
public final class FlowRecordCoder extends AtomicCoder<FlowRecord> {
  private static final FlowRecordCoder INSTANCE = new FlowRecordCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static FlowRecordCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link FlowRecord} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(FlowRecord.class), INSTANCE);
  }

  private FlowRecordCoder() {}

  @Override
  public void encode(FlowRecord f, OutputStream out) throws IOException {
    STRING.encode(f.srcIp(), out);
    STRING.encode(f.dstIp(), out);
    STRING.encode(f.protocol(), out);
    INT.encode(f.dstPort(), out);
    LONG.encode(f.bytes(), out);
    LONG.encode(f.packets(), out);
    LONG.encode(f.timestampMillis(), out);
  }

  @Override
  public FlowRecord decode(InputStream in) throws IOException {
    String src = STRING.decode(in);
    String dst = STRING.decode(in);
    String protocol = STRING.decode(in);
    int port = INT.decode(in);
    long bytes = LONG.decode(in);
    long packets = LONG.decode(in);
    long ts = LONG.decode(in);
    return new FlowRecord(src, dst, port, protocol, bytes, packets, ts);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
