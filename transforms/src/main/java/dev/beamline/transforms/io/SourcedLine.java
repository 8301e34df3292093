package dev.beamline.transforms.io;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One line of text with where it came from: the file (or other source) and its 1-based line
 * number. Dead letters carry both, so a user can find the bad line in the original input.
 *
 * <p>{@code malformedEncoding} is true when the bytes were not valid UTF-8; {@code text} then holds
 * the line with U+FFFD in place of the bad bytes, and parsers must reject it.
 */
@DefaultCoder(SourcedLineCoder.class)
public final class SourcedLine {
  private final String source;
  private final long lineNumber;
  private final String text;
  private final boolean malformedEncoding;

  public SourcedLine(String source, long lineNumber, String text, boolean malformedEncoding) {
    this.source = Objects.requireNonNull(source, "source");
    this.lineNumber = lineNumber;
    this.text = Objects.requireNonNull(text, "text");
    this.malformedEncoding = malformedEncoding;
  }

  public static SourcedLine of(String source, long lineNumber, String text) {
    return new SourcedLine(source, lineNumber, text, false);
  }

  public String source() {
    return source;
  }

  public long lineNumber() {
    return lineNumber;
  }

  public String text() {
    return text;
  }

  public boolean malformedEncoding() {
    return malformedEncoding;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SourcedLine)) {
      return false;
    }
    SourcedLine that = (SourcedLine) o;
    return lineNumber == that.lineNumber
        && malformedEncoding == that.malformedEncoding
        && source.equals(that.source)
        && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, lineNumber, text, malformedEncoding);
  }

  @Override
  public String toString() {
    return source + ":" + lineNumber + (malformedEncoding ? " (bad UTF-8)" : "") + ": " + text;
  }
}
