package dev.beamline.pipelines.clickstreamsessions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link SessionStats}. */
public final class SessionStatsCoder extends AtomicCoder<SessionStats> {
  private static final SessionStatsCoder INSTANCE = new SessionStatsCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final BooleanCoder BOOL = BooleanCoder.of();

  public static SessionStatsCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link SessionStats} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SessionStats.class), INSTANCE);
  }

  private SessionStatsCoder() {}

  @Override
  public void encode(SessionStats s, OutputStream out) throws IOException {
    LONG.encode(s.start().getMillis(), out);
    LONG.encode(s.end().getMillis(), out);
    STRING.encode(s.firstPage(), out);
    STRING.encode(s.lastPage(), out);
    LONG.encode(s.events(), out);
    LONG.encode(s.distinctPages(), out);
    BOOL.encode(s.converted(), out);
  }

  @Override
  public SessionStats decode(InputStream in) throws IOException {
    return new SessionStats(LONG.decode(in), LONG.decode(in), STRING.decode(in),
        STRING.decode(in), LONG.decode(in), LONG.decode(in), BOOL.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
