package dev.beamline.transforms.deadletter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A record a pipeline could not use, kept with everything needed to find and replay it: the stage
 * that rejected it, a human-readable reason, where it came from ({@code source}: a file path or a
 * Kafka topic/partition; {@code position}: 1-based line number or offset, -1 when unknown) and the
 * original payload, unchanged.
 */
@DefaultCoder(DeadLetterCoder.class)
public final class DeadLetter {
  private static final JsonFactory JSON = new JsonFactory();

  private final String stage;
  private final String reason;
  private final String source;
  private final long position;
  private final String payload;

  public DeadLetter(String stage, String reason, String source, long position, String payload) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.source = Objects.requireNonNull(source, "source");
    this.position = position;
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  public String stage() {
    return stage;
  }

  public String reason() {
    return reason;
  }

  public String source() {
    return source;
  }

  public long position() {
    return position;
  }

  public String payload() {
    return payload;
  }

  /** One JSON object on one line: {@code {"stage","reason","source","position","payload"}}. */
  public String toJson() {
    StringWriter w = new StringWriter(payload.length() + reason.length() + 96);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("stage", stage);
      g.writeStringField("reason", reason);
      g.writeStringField("source", source);
      g.writeNumberField("position", position);
      g.writeStringField("payload", payload);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DeadLetter)) {
      return false;
    }
    DeadLetter that = (DeadLetter) o;
    return position == that.position
        && stage.equals(that.stage)
        && reason.equals(that.reason)
        && source.equals(that.source)
        && payload.equals(that.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stage, reason, source, position, payload);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
