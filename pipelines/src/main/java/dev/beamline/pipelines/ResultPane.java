package dev.beamline.pipelines;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * Which pane of its window a result came in: timing ({@code EARLY}, {@code ON_TIME}, {@code LATE},
 * or {@code UNKNOWN} on Flink batch), index and whether it is the window's last. Results carry it
 * so that readers can keep the latest pane of each window (panes accumulate by default). Written
 * in JSON as {@code "pane":{"timing":"ON_TIME","index":0,"final":true}}.
 */
public final class ResultPane {
  private static final PaneInfo.Timing[] TIMINGS = PaneInfo.Timing.values();

  private final PaneInfo.Timing timing;
  private final long index;
  private final boolean last;

  public ResultPane(PaneInfo.Timing timing, long index, boolean last) {
    this.timing = Objects.requireNonNull(timing, "timing");
    this.index = index;
    this.last = last;
  }

  public static ResultPane of(PaneInfo pane) {
    return new ResultPane(pane.getTiming(), pane.getIndex(), pane.isLast());
  }

  public PaneInfo.Timing timing() {
    return timing;
  }

  public long index() {
    return index;
  }

  public boolean isLast() {
    return last;
  }

  /** Writes the {@code "pane"} field into the object {@code g} is writing. */
  public void writeJsonField(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("pane");
    g.writeStringField("timing", timing.name());
    g.writeNumberField("index", index);
    g.writeBooleanField("final", last);
    g.writeEndObject();
  }

  /** For the coders of results: timing ordinal, var-int index, final flag. */
  public void encode(OutputStream out) throws IOException {
    out.write(timing.ordinal());
    VarLongCoder.of().encode(index, out);
    BooleanCoder.of().encode(last, out);
  }

  public static ResultPane decode(InputStream in) throws IOException {
    int t = in.read();
    if (t < 0 || t >= TIMINGS.length) {
      throw new CoderException("bad pane timing ordinal " + t);
    }
    long index = VarLongCoder.of().decode(in);
    boolean last = BooleanCoder.of().decode(in);
    return new ResultPane(TIMINGS[t], index, last);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ResultPane)) {
      return false;
    }
    ResultPane that = (ResultPane) o;
    return timing == that.timing && index == that.index && last == that.last;
  }

  @Override
  public int hashCode() {
    return Objects.hash(timing, index, last);
  }

  @Override
  public String toString() {
    return timing + "#" + index + (last ? " final" : "");
  }
}
