package dev.beamline.pipelines.wordcount;

import dev.beamline.transforms.combine.TopCounts;
import dev.beamline.transforms.combine.TopCountsCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link WindowTopWords}: window bounds, the counts, then the pane. */
public final class WindowTopWordsCoder extends AtomicCoder<WindowTopWords> {
  private static final WindowTopWordsCoder INSTANCE = new WindowTopWordsCoder();
  private static final PaneInfo.Timing[] TIMINGS = PaneInfo.Timing.values();
  private static final TopCountsCoder<String> WORDS = TopCountsCoder.of(StringUtf8Coder.of());
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final BooleanCoder BOOL = BooleanCoder.of();

  public static WindowTopWordsCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link WindowTopWords} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(WindowTopWords.class), INSTANCE);
  }

  private WindowTopWordsCoder() {}

  @Override
  public void encode(WindowTopWords w, OutputStream out) throws IOException {
    LONG.encode(w.windowStart().getMillis(), out);
    LONG.encode(w.windowEnd().getMillis(), out);
    WORDS.encode(w.words(), out);
    out.write(w.paneTiming().ordinal());
    LONG.encode(w.paneIndex(), out);
    BOOL.encode(w.paneFinal(), out);
  }

  @Override
  public WindowTopWords decode(InputStream in) throws IOException {
    long start = LONG.decode(in);
    long end = LONG.decode(in);
    TopCounts<String> words = WORDS.decode(in);
    int timing = in.read();
    if (timing < 0 || timing >= TIMINGS.length) {
      throw new CoderException("bad pane timing ordinal " + timing);
    }
    long index = LONG.decode(in);
    boolean last = BOOL.decode(in);
    return new WindowTopWords(start, end, words, TIMINGS[timing], index, last);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
