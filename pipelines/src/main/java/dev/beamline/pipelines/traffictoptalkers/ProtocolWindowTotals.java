package dev.beamline.pipelines.traffictoptalkers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.pipelines.ResultPane;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;

/** The traffic of one protocol in one window, as of one pane. */
@DefaultCoder(ProtocolWindowTotalsCoder.class)
public final class ProtocolWindowTotals {
  private static final JsonFactory JSON = new JsonFactory();

  private final String protocol;
  private final long windowStartMillis;
  private final long windowEndMillis;
  private final TrafficTotals totals;
  private final ResultPane pane;

  public ProtocolWindowTotals(String protocol, long windowStartMillis, long windowEndMillis,
      TrafficTotals totals, ResultPane pane) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.windowStartMillis = windowStartMillis;
    this.windowEndMillis = windowEndMillis;
    this.totals = new TrafficTotals(totals.bytes(), totals.packets(), totals.flows());
    this.pane = Objects.requireNonNull(pane, "pane");
  }

  public String protocol() {
    return protocol;
  }

  public Instant windowStart() {
    return Instant.ofEpochMilli(windowStartMillis);
  }

  public Instant windowEnd() {
    return Instant.ofEpochMilli(windowEndMillis);
  }

  public TrafficTotals totals() {
    return new TrafficTotals(totals.bytes(), totals.packets(), totals.flows());
  }

  public ResultPane pane() {
    return pane;
  }

  /** {@code {"protocol","windowStart","windowEnd","bytes","packets","flows","pane":{...}}}. */
  public String toJson() {
    StringWriter w = new StringWriter(160);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("protocol", protocol);
      g.writeStringField("windowStart", windowStart().toString());
      g.writeStringField("windowEnd", windowEnd().toString());
      g.writeNumberField("bytes", totals.bytes());
      g.writeNumberField("packets", totals.packets());
      g.writeNumberField("flows", totals.flows());
      pane.writeJsonField(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProtocolWindowTotals)) {
      return false;
    }
    ProtocolWindowTotals that = (ProtocolWindowTotals) o;
    return windowStartMillis == that.windowStartMillis && windowEndMillis == that.windowEndMillis
        && protocol.equals(that.protocol) && totals.equals(that.totals) && pane.equals(that.pane);
  }

  @Override
  public int hashCode() {
    return Objects.hash(protocol, windowStartMillis, windowEndMillis, totals, pane);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
