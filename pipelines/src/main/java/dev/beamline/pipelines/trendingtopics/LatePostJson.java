package dev.beamline.pipelines.trendingtopics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.transforms.late.LateElement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.values.Row;

/**
 * The JSON line trending-topics writes for a post that came after its window had fired:
 * {@code {"post":{"postId","userId","text","ts"},"eventTime","windowStart","windowEnd"}}, instants
 * in ISO-8601 UTC. With sliding windows a post can miss several windows: one line per window
 * missed.
 */
public final class LatePostJson {
  private static final JsonFactory JSON = new JsonFactory();

  private LatePostJson() {}

  public static String of(LateElement<Row> late) {
    Row post = late.value();
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeObjectFieldStart("post");
      g.writeStringField(Posts.POST_ID, post.getString(Posts.POST_ID));
      g.writeStringField(Posts.USER_ID, post.getString(Posts.USER_ID));
      g.writeStringField(Posts.TEXT, post.getString(Posts.TEXT));
      g.writeStringField(Posts.TS, post.getDateTime(Posts.TS).toInstant().toString());
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
