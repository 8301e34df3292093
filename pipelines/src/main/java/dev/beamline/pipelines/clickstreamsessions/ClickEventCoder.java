package dev.beamline.pipelines.clickstreamsessions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link ClickEvent}: three strings and the timestamp as a var-long. */
public final class ClickEventCoder extends AtomicCoder<ClickEvent> {
  private static final ClickEventCoder INSTANCE = new ClickEventCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static ClickEventCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link ClickEvent} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ClickEvent.class), INSTANCE);
  }

  private ClickEventCoder() {}

  @Override
  public void encode(ClickEvent e, OutputStream out) throws IOException {
    STRING.encode(e.userId(), out);
    STRING.encode(e.page(), out);
    STRING.encode(e.action(), out);
    LONG.encode(e.timestampMillis(), out);
  }

  @Override
  public ClickEvent decode(InputStream in) throws IOException {
    return new ClickEvent(STRING.decode(in), STRING.decode(in), STRING.decode(in), LONG.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
