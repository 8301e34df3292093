package dev.beamline.pipelines.clickstreamsessions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.pipelines.ResultPane;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/** One user's session, as of one pane: what clickstream-sessions emits. */
@DefaultCoder(SessionSummaryCoder.class)
public final class SessionSummary {
  private static final JsonFactory JSON = new JsonFactory();

  private final String userId;
  private final SessionStats stats;
  private final ResultPane pane;

  public SessionSummary(String userId, SessionStats stats, ResultPane pane) {
    this.userId = Objects.requireNonNull(userId, "userId");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.pane = Objects.requireNonNull(pane, "pane");
  }

  public String userId() {
    return userId;
  }

  public SessionStats stats() {
    return stats;
  }

  public ResultPane pane() {
    return pane;
  }

  /**
   * {@code {"userId","sessionStart","sessionEnd","durationMillis","events","distinctPages",
   * "firstPage","lastPage","converted","pane":{...}}} on one line; start and end are the times of
   * the first and last events.
   */
  public String toJson() {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("userId", userId);
      g.writeStringField("sessionStart", stats.start().toString());
      g.writeStringField("sessionEnd", stats.end().toString());
      g.writeNumberField("durationMillis", stats.duration().getMillis());
      g.writeNumberField("events", stats.events());
      g.writeNumberField("distinctPages", stats.distinctPages());
      g.writeStringField("firstPage", stats.firstPage());
      g.writeStringField("lastPage", stats.lastPage());
      g.writeBooleanField("converted", stats.converted());
      pane.writeJsonField(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SessionSummary)) {
      return false;
    }
    SessionSummary that = (SessionSummary) o;
    return userId.equals(that.userId) && stats.equals(that.stats) && pane.equals(that.pane);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, stats, pane);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
