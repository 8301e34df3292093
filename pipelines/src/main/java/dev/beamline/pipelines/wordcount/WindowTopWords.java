package dev.beamline.pipelines.wordcount;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.transforms.combine.TopCounts;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/** The top words of one window as of one pane, with the window's word totals: what wordcount emits. */
@DefaultCoder(WindowTopWordsCoder.class)
public final class WindowTopWords {
  private static final JsonFactory JSON = new JsonFactory();

  private final long windowStartMillis;
  private final long windowEndMillis;
  private final TopCounts<String> words;
  private final PaneInfo.Timing paneTiming;
  private final long paneIndex;
  private final boolean paneFinal;

  public WindowTopWords(long windowStartMillis, long windowEndMillis, TopCounts<String> words,
      PaneInfo.Timing paneTiming, long paneIndex, boolean paneFinal) {
    this.windowStartMillis = windowStartMillis;
    this.windowEndMillis = windowEndMillis;
    this.words = Objects.requireNonNull(words, "words");
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

  public TopCounts<String> words() {
    return words;
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
   * {@code {"windowStart","windowEnd","totalWords","distinctWords","top":[{"word","count"},...],
   * "pane":{"timing","index","final"}}} on one line, most frequent word first.
   */
  public String toJson() {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("windowStart", windowStart().toString());
      g.writeStringField("windowEnd", windowEnd().toString());
      g.writeNumberField("totalWords", words.total());
      g.writeNumberField("distinctWords", words.distinct());
      g.writeArrayFieldStart("top");
      for (KV<String, Long> e : words.top()) {
        g.writeStartObject();
        g.writeStringField("word", e.getKey());
        g.writeNumberField("count", e.getValue());
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
    if (!(o instanceof WindowTopWords)) {
      return false;
    }
    WindowTopWords that = (WindowTopWords) o;
    return windowStartMillis == that.windowStartMillis
        && windowEndMillis == that.windowEndMillis
        && paneIndex == that.paneIndex
        && paneFinal == that.paneFinal
        && words.equals(that.words)
        && paneTiming == that.paneTiming;
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStartMillis, windowEndMillis, words, paneTiming, paneIndex, paneFinal);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
