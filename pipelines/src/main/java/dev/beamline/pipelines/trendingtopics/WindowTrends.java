package dev.beamline.pipelines.trendingtopics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.joda.time.Instant;

/** The top hashtags of one window by trend, best first, as of one pane: what trending-topics emits. */
@DefaultCoder(WindowTrendsCoder.class)
public final class WindowTrends {
  private static final JsonFactory JSON = new JsonFactory();

  private final long windowStartMillis;
  private final long windowEndMillis;
  private final List<HashtagTrend> hashtags;
  private final PaneInfo.Timing paneTiming;
  private final long paneIndex;
  private final boolean paneFinal;

  public WindowTrends(long windowStartMillis, long windowEndMillis, List<HashtagTrend> hashtags,
      PaneInfo.Timing paneTiming, long paneIndex, boolean paneFinal) {
    this.windowStartMillis = windowStartMillis;
    this.windowEndMillis = windowEndMillis;
    this.hashtags = Collections.unmodifiableList(new ArrayList<>(hashtags));
    this.paneTiming = Objects.requireNonNull(paneTiming, "paneTiming");
    this.paneIndex = paneIndex;
    this.paneFinal = paneFinal;
  }

  public Instant windowStart() {
    return Instant.ofEpochMilli(windowStartMillis);
  }

  public Instant windowEnd() {
    return Instant.ofEpochMilli(windowEndMillis);
  }

  /** Best first. */
  public List<HashtagTrend> hashtags() {
    return hashtags;
  }

  public PaneInfo.Timing paneTiming() {
    return paneTiming;
  }

  public long paneIndex() {
    return paneIndex;
  }

  public boolean paneFinal() {
    return paneFinal;
  }

  /**
   * {@code {"windowStart","windowEnd","hashtags":[{"hashtag","count","previousCount","trend"},...],
   * "pane":{"timing","index","final"}}} on one line, best trend first.
   */
  public String toJson() {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("windowStart", windowStart().toString());
      g.writeStringField("windowEnd", windowEnd().toString());
      g.writeArrayFieldStart("hashtags");
      for (HashtagTrend t : hashtags) {
        g.writeStartObject();
        g.writeStringField("hashtag", t.hashtag());
        g.writeNumberField("count", t.count());
        g.writeNumberField("previousCount", t.previousCount());
        g.writeNumberField("trend", t.trend());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("pane");
      g.writeStringField("timing", paneTiming.name());
      g.writeNumberField("index", paneIndex);
      g.writeBooleanField("final", paneFinal);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WindowTrends)) {
      return false;
    }
    WindowTrends that = (WindowTrends) o;
    return windowStartMillis == that.windowStartMillis
        && windowEndMillis == that.windowEndMillis
        && paneIndex == that.paneIndex
        && paneFinal == that.paneFinal
        && hashtags.equals(that.hashtags)
        && paneTiming == that.paneTiming;
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStartMillis, windowEndMillis, hashtags, paneTiming, paneIndex, paneFinal);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
