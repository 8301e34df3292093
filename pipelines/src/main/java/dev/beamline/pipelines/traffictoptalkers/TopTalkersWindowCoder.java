package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.ResultPane;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link TopTalkersWindow}: window bounds, the ranked (srcIp, bytes), the pane. */
public final class TopTalkersWindowCoder extends AtomicCoder<TopTalkersWindow> {
  private static final TopTalkersWindowCoder INSTANCE = new TopTalkersWindowCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static TopTalkersWindowCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link TopTalkersWindow} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(TopTalkersWindow.class), INSTANCE);
  }

  private TopTalkersWindowCoder() {}

  @Override
  public void encode(TopTalkersWindow w, OutputStream out) throws IOException {
    LONG.encode(w.windowStart().getMillis(), out);
    LONG.encode(w.windowEnd().getMillis(), out);
    INT.encode(w.talkers().size(), out);
    for (KV<String, Long> t : w.talkers()) {
      STRING.encode(t.getKey(), out);
      LONG.encode(t.getValue(), out);
    }
    w.pane().encode(out);
  }

  @Override
  public TopTalkersWindow decode(InputStream in) throws IOException {
    long start = LONG.decode(in);
    long end = LONG.decode(in);
    int n = INT.decode(in);
    if (n < 0) {
      throw new CoderException("negative talker count " + n);
    }
    List<KV<String, Long>> talkers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      talkers.add(KV.of(STRING.decode(in), LONG.decode(in)));
    }
    return new TopTalkersWindow(start, end, talkers, ResultPane.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
