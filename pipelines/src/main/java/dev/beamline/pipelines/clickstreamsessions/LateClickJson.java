package dev.beamline.pipelines.clickstreamsessions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.transforms.late.LateElement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON line clickstream-sessions writes for an event later than the allowed lateness: {@code
 * {"event":{"userId","page","action","ts"},"eventTime","windowStart","windowEnd"}}, the event and
 * the session window it would have opened ([ts, ts + gap)), instants in ISO-8601 UTC.
 */
public final class LateClickJson {
  private static final JsonFactory JSON = new JsonFactory();

  private LateClickJson() {}

  public static String of(LateElement<ClickEvent> late) {
    ClickEvent e = late.value();
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeObjectFieldStart("event");
      g.writeStringField("userId", e.userId());
      g.writeStringField("page", e.page());
      g.writeStringField("action", e.action());
      g.writeStringField("ts", e.timestamp().toString());
      g.writeEndObject();
      g.writeStringField("eventTime", late.timestamp().toString());
      g.writeStringField("windowStart", late.windowStart().toString());
      g.writeStringField("windowEnd", late.windowEnd().toString());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return w.toString();
  }
}
