package dev.beamline.pipelines.traffictoptalkers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.transforms.late.LateElement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON line traffic-top-talkers writes for a flow that came later than the allowed lateness
 * for one of its windows: {@code {"flow":{"srcIp","dstIp","dstPort","protocol","bytes","packets",
 * "ts"},"eventTime","windowStart","windowEnd"}}, the flow as cleaned (canonical addresses) and the
 * window it missed, instants in ISO-8601 UTC.
 */
public final class LateFlowJson {
  private static final JsonFactory JSON = new JsonFactory();

  private LateFlowJson() {}

  public static String of(LateElement<FlowRecord> late) {
    FlowRecord f = late.value();
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeObjectFieldStart("flow");
      g.writeStringField("srcIp", f.srcIp());
      g.writeStringField("dstIp", f.dstIp());
      g.writeNumberField("dstPort", f.dstPort());
      g.writeStringField("protocol", f.protocol());
      g.writeNumberField("bytes", f.bytes());
      g.writeNumberField("packets", f.packets());
      g.writeStringField("ts", f.timestamp().toString());
      g.writeEndObject();
      g.writeStringField("eventTime", late.timestamp().toString());
      g.writeStringField("windowStart", late.windowStart().toString());
      g.writeStringField("windowEnd", late.windowEnd().toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
