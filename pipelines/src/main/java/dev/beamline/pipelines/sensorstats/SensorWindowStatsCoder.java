package dev.beamline.pipelines.sensorstats;

import dev.beamline.transforms.stats.NumericSummaryCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link SensorWindowStats}. */
public final class SensorWindowStatsCoder extends AtomicCoder<SensorWindowStats> {
  private static final SensorWindowStatsCoder INSTANCE = new SensorWindowStatsCoder();
  private static final PaneInfo.Timing[] TIMINGS = PaneInfo.Timing.values();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final BooleanCoder BOOL = BooleanCoder.of();

  public static SensorWindowStatsCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link SensorWindowStats} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SensorWindowStats.class), INSTANCE);
  }

  private SensorWindowStatsCoder() {}

  @Override
  public void encode(SensorWindowStats s, OutputStream out) throws IOException {
    STRING.encode(s.sensorId(), out);
    LONG.encode(s.windowStart().getMillis(), out);
    LONG.encode(s.windowEnd().getMillis(), out);
    NumericSummaryCoder.of().encode(s.temperature(), out);
    out.write(s.paneTiming().ordinal());
    LONG.encode(s.paneIndex(), out);
    BOOL.encode(s.paneFinal(), out);
  }

  @Override
  public SensorWindowStats decode(InputStream in) throws IOException {
    String id = STRING.decode(in);
    long start = LONG.decode(in);
    long end = LONG.decode(in);
    var summary = NumericSummaryCoder.of().decode(in);
    int timing = in.read();
    if (timing < 0 || timing >= TIMINGS.length) {
      throw new CoderException("bad pane timing ordinal " + timing);
    }
    long index = LONG.decode(in);
    boolean last = BOOL.decode(in);
    return new SensorWindowStats(id, start, end, summary, TIMINGS[timing], index, last);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
