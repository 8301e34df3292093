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

/**
 * A source that contacted at least the threshold's number of distinct destination ports in one
 * window, as of one pane: how many, in how many flows, and the port range it covered.
 */
@DefaultCoder(PortScanSuspectCoder.class)
public final class PortScanSuspect {
  private static final JsonFactory JSON = new JsonFactory();

  private final String srcIp;
  private final long windowStartMillis;
  private final long windowEndMillis;
  private final int distinctDstPorts;
  private final long flows;
  private final int lowestPort;
  private final int highestPort;
  private final ResultPane pane;

  public PortScanSuspect(String srcIp, long windowStartMillis, long windowEndMillis,
      int distinctDstPorts, long flows, int lowestPort, int highestPort, ResultPane pane) {
    this.srcIp = Objects.requireNonNull(srcIp, "srcIp");
    this.windowStartMillis = windowStartMillis;
    this.windowEndMillis = windowEndMillis;
    this.distinctDstPorts = distinctDstPorts;
    this.flows = flows;
    this.lowestPort = lowestPort;
    this.highestPort = highestPort;
    this.pane = Objects.requireNonNull(pane, "pane");
  }

  public String srcIp() {
    return srcIp;
  }

  public Instant windowStart() {
    return Instant.ofEpochMilli(windowStartMillis);
  }

  public Instant windowEnd() {
    return Instant.ofEpochMilli(windowEndMillis);
  }

  public int distinctDstPorts() {
    return distinctDstPorts;
  }

  public long flows() {
    return flows;
  }

  public int lowestPort() {
    return lowestPort;
  }

  public int highestPort() {
    return highestPort;
  }

  public ResultPane pane() {
    return pane;
  }

  /**
   * {@code {"srcIp","windowStart","windowEnd","distinctDstPorts","flows","lowestPort",
   * "highestPort","pane":{...}}} on one line.
   */
  public String toJson() {
    StringWriter w = new StringWriter(200);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("srcIp", srcIp);
      g.writeStringField("windowStart", windowStart().toString());
      g.writeStringField("windowEnd", windowEnd().toString());
      g.writeNumberField("distinctDstPorts", distinctDstPorts);
      g.writeNumberField("flows", flows);
      g.writeNumberField("lowestPort", lowestPort);
      g.writeNumberField("highestPort", highestPort);
      pane.writeJsonField(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PortScanSuspect)) {
      return false;
    }
    PortScanSuspect that = (PortScanSuspect) o;
    return windowStartMillis == that.windowStartMillis && windowEndMillis == that.windowEndMillis
        && distinctDstPorts == that.distinctDstPorts && flows == that.flows
        && lowestPort == that.lowestPort && highestPort == that.highestPort
        && srcIp.equals(that.srcIp) && pane.equals(that.pane);
  }

  @Override
  public int hashCode() {
    return Objects.hash(srcIp, windowStartMillis, windowEndMillis, distinctDstPorts, flows,
        lowestPort, highestPort, pane);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
