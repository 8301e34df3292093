package dev.beamline.pipelines.traffictoptalkers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.pipelines.ResultPane;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/** The sources that sent the most bytes in one window, as of one pane, most bytes first. */
@DefaultCoder(TopTalkersWindowCoder.class)
public final class TopTalkersWindow {
  private static final JsonFactory JSON = new JsonFactory();

  private final long windowStartMillis;
  private final long windowEndMillis;
  private final List<KV<String, Long>> talkers;
  private final ResultPane pane;

  public TopTalkersWindow(long windowStartMillis, long windowEndMillis,
      List<KV<String, Long>> talkers, ResultPane pane) {
    this.windowStartMillis = windowStartMillis;
    this.windowEndMillis = windowEndMillis;
    this.talkers = Collections.unmodifiableList(new ArrayList<>(talkers));
    this.pane = Objects.requireNonNull(pane, "pane");
  }

  public Instant windowStart() {
    return Instant.ofEpochMilli(windowStartMillis);
  }

  public Instant windowEnd() {
    return Instant.ofEpochMilli(windowEndMillis);
  }

  /** (srcIp, bytes), rank 1 first. */
  public List<KV<String, Long>> talkers() {
    return talkers;
  }

  public ResultPane pane() {
    return pane;
  }

  /**
   * {@code {"windowStart","windowEnd","topSources":[{"rank","srcIp","bytes"}...],"pane":{...}}}
   * on one line.
   */
  public String toJson() {
    StringWriter w = new StringWriter(64 + 48 * talkers.size());
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("windowStart", windowStart().toString());
      g.writeStringField("windowEnd", windowEnd().toString());
      g.writeArrayFieldStart("topSources");
      int rank = 1;
      for (KV<String, Long> t : talkers) {
        g.writeStartObject();
        g.writeNumberField("rank", rank++);
        g.writeStringField("srcIp", t.getKey());
        g.writeNumberField("bytes", t.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      pane.writeJsonField(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TopTalkersWindow)) {
      return false;
    }
    TopTalkersWindow that = (TopTalkersWindow) o;
    return windowStartMillis == that.windowStartMillis && windowEndMillis == that.windowEndMillis
        && talkers.equals(that.talkers) && pane.equals(that.pane);
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStartMillis, windowEndMillis, talkers, pane);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
