package dev.beamline.pipelines.trendingtopics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link WindowTrends}: window bounds, the ranked hashtags, then the pane. */
public final class WindowTrendsCoder extends AtomicCoder<WindowTrends> {
  private static final WindowTrendsCoder INSTANCE = new WindowTrendsCoder();
  private static final PaneInfo.Timing[] TIMINGS = PaneInfo.Timing.values();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder SIZE = VarIntCoder.of();
  private static final BooleanCoder BOOL = BooleanCoder.of();

  public static WindowTrendsCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link WindowTrends} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(WindowTrends.class), INSTANCE);
  }

  private WindowTrendsCoder() {}

  @Override
  public void encode(WindowTrends w, OutputStream out) throws IOException {
    LONG.encode(w.windowStart().getMillis(), out);
    LONG.encode(w.windowEnd().getMillis(), out);
    SIZE.encode(w.hashtags().size(), out);
    for (HashtagTrend t : w.hashtags()) {
      HashtagTrendCoder.of().encode(t, out);
    }
    out.write(w.paneTiming().ordinal());
    LONG.encode(w.paneIndex(), out);
    BOOL.encode(w.paneFinal(), out);
  }

  @Override
  public WindowTrends decode(InputStream in) throws IOException {
    long start = LONG.decode(in);
    long end = LONG.decode(in);
    int n = SIZE.decode(in);
    if (n < 0) {
      throw new CoderException("negative size " + n);
    }
    List<HashtagTrend> hashtags = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hashtags.add(HashtagTrendCoder.of().decode(in));
    }
    int timing = in.read();
    if (timing < 0 || timing >= TIMINGS.length) {
      throw new CoderException("bad pane timing ordinal " + timing);
    }
    long index = LONG.decode(in);
    boolean last = BOOL.decode(in);
    return new WindowTrends(start, end, hashtags, TIMINGS[timing], index, last);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
