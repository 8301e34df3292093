package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.pipelines.ResultPane;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link SessionSummary}: user, stats, pane. */
public final class SessionSummaryCoder extends AtomicCoder<SessionSummary> {
  private static final SessionSummaryCoder INSTANCE = new SessionSummaryCoder();

  public static SessionSummaryCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link SessionSummary} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SessionSummary.class), INSTANCE);
  }

  private SessionSummaryCoder() {}

  @Override
  public void encode(SessionSummary s, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(s.userId(), out);
    SessionStatsCoder.of().encode(s.stats(), out);
    s.pane().encode(out);
  }

  @Override
  public SessionSummary decode(InputStream in) throws IOException {
    return new SessionSummary(StringUtf8Coder.of().decode(in), SessionStatsCoder.of().decode(in),
        ResultPane.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
