package dev.beamline.transforms.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads every file matching a glob as UTF-8 lines, each tagged with its file and 1-based line
 * number, and counts them in the {@code lines_read} counter.
 *
 * <p>Unlike {@code TextIO.read()} it keeps the file name and line number (so a dead letter can
 * point at the bad line) and it never throws on bad bytes: a line that is not valid UTF-8 is
 * emitted with {@link SourcedLine#malformedEncoding()} set. Lines end at {@code \n}; a trailing
 * {@code \r} is removed, as is a UTF-8 byte-order mark at the start of a file. Compressed files are
 * decompressed by extension ({@code .gz}, {@code .bz2}, ...).
 *
 * <p>Files are listed when the pipeline is built if the pattern matches two or more of them there
 * (files that appear later are not read), so that the runner spreads whole files over its workers
 * evenly; otherwise, and for file systems only the workers can reach, they are matched when the
 * pipeline runs, and the run fails if nothing matches.
 *
 * <p>Runner caveat: a file is read by one worker from start to end (line numbers need that), so
 * parallelism comes from the number of files, not their size.
 */
public final class ReadLinesWithSource extends PTransform<PBegin, PCollection<SourcedLine>> {
  private final String filepattern;
  private final String counterNamespace;

  private ReadLinesWithSource(String filepattern, String counterNamespace) {
    this.filepattern = filepattern;
    this.counterNamespace = counterNamespace;
  }

  /** Reads the files matching {@code filepattern}; the run fails if nothing matches. */
  public static ReadLinesWithSource from(String filepattern) {
    return new ReadLinesWithSource(filepattern, "beamline");
  }

  /** Counters go to this Beam metrics namespace (default {@code beamline}). */
  public ReadLinesWithSource withCounterNamespace(String namespace) {
    return new ReadLinesWithSource(filepattern, namespace);
  }

  @Override
  public PCollection<SourcedLine> expand(PBegin input) {
    List<MatchResult.Metadata> listed = filesMatchingNow(filepattern);
    PCollection<MatchResult.Metadata> files = listed.size() >= 2
        ? input.apply("ListFiles", Create.of(listed).withCoder(MetadataCoderV2.of()))
        : input.apply("MatchFiles", FileIO.match().filepattern(filepattern)
            .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW));
    return files
        .apply("OpenFiles", FileIO.readMatches())
        .apply("SplitLines", ParDo.of(new SplitLinesFn(counterNamespace)))
        .setCoder(SourcedLineCoder.of());
  }

  /**
   * The files {@code filepattern} matches while the pipeline is built, sorted by name; empty when
   * it matches none or cannot be listed from here (then the pipeline matches it when it runs).
   * Listed files become the input's elements, which every runner splits over its workers as a
   * source (Flink and Spark give each worker its share of the files); matched at run time, they go
   * through {@code FileIO.match()}'s random-key reshuffle, which the Flink runner in batch turns
   * into a hash partitioning: two files landed on one worker in about half the runs, and one core
   * read and parsed everything.
   */
  static List<MatchResult.Metadata> filesMatchingNow(String filepattern) {
    try {
      MatchResult match = FileSystems.match(filepattern, EmptyMatchTreatment.ALLOW);
      if (match.status() != MatchResult.Status.OK) {
        return List.of();
      }
      List<MatchResult.Metadata> files = new ArrayList<>(match.metadata());
      files.sort(Comparator.comparing(m -> m.resourceId().toString()));
      return files;
    } catch (IOException | RuntimeException e) {
      return List.of(); // e.g. a file system only the workers can reach: match when it runs
    }
  }

  static final class SplitLinesFn extends DoFn<FileIO.ReadableFile, SourcedLine> {
    private final Counter linesRead;

    SplitLinesFn(String namespace) {
      this.linesRead = Metrics.counter(namespace, "lines_read");
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<SourcedLine> out)
        throws IOException {
      String source = file.getMetadata().resourceId().toString();
      try (InputStream in = new BufferedInputStream(Channels.newInputStream(file.open()), 1 << 16)) {
        LineSplitter.split(in, (lineNumber, text, malformed) -> {
          linesRead.inc();
          out.output(new SourcedLine(source, lineNumber, text, malformed));
        });
      }
    }
  }

  /**
   * Splits a byte stream into decoded lines with the rules above (1-based numbers, {@code \r}
   * and a leading byte-order mark removed, bad UTF-8 flagged); public for other readers of line
   * files in the library (reference tables).
   */
  public static final class LineSplitter {
    /** Receives each line in order. */
    public interface LineSink {
      void accept(long lineNumber, String text, boolean malformedEncoding);
    }

    private LineSplitter() {}

    public static void split(InputStream in, LineSink sink) throws IOException {
      CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      // Scans a chunk buffer for '\n' instead of reading byte by byte through a synchronized
      // stream: a line inside the chunk is decoded straight from it, only a line that crosses a
      // chunk boundary is copied into `carry` first. Runs once per input byte, so it matters.
      byte[] chunk = new byte[1 << 16];
      byte[] carry = new byte[256];
      int carried = 0;
      long lineNumber = 0;
      int n;
      while ((n = in.read(chunk, 0, chunk.length)) != -1) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] != '\n') {
            continue;
          }
          lineNumber++;
          if (carried == 0) {
            emit(chunk, from, i - from, lineNumber, strict, sink);
          } else {
            carry = append(carry, carried, chunk, from, i - from);
            emit(carry, 0, carried + i - from, lineNumber, strict, sink);
            carried = 0;
          }
          from = i + 1;
        }
        carry = append(carry, carried, chunk, from, n - from);
        carried += n - from;
      }
      if (carried > 0) {
        lineNumber++;
        emit(carry, 0, carried, lineNumber, strict, sink);
      }
    }

    /** {@code buf[0, used)} followed by {@code src[from, from + len)}, growing {@code buf} if needed. */
    private static byte[] append(byte[] buf, int used, byte[] src, int from, int len) {
      if (used + len > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(2 * buf.length, used + len));
      }
      System.arraycopy(src, from, buf, used, len);
      return buf;
    }

    private static void emit(byte[] bytes, int offset, int length, long lineNumber,
        CharsetDecoder strict, LineSink sink) {
      if (lineNumber == 1 && length >= 3 && (bytes[offset] & 0xFF) == 0xEF
          && (bytes[offset + 1] & 0xFF) == 0xBB && (bytes[offset + 2] & 0xFF) == 0xBF) {
        offset += 3;
        length -= 3;
      }
      if (length > 0 && bytes[offset + length - 1] == '\r') {
        length--;
      }
      if (isAscii(bytes, offset, length)) {
        // ASCII is valid UTF-8 and decodes to the same chars under Latin-1, without a decoder.
        sink.accept(lineNumber, new String(bytes, offset, length, StandardCharsets.ISO_8859_1), false);
        return;
      }
      try {
        CharBuffer chars = strict.reset().decode(ByteBuffer.wrap(bytes, offset, length));
        sink.accept(lineNumber, chars.toString(), false);
      } catch (CharacterCodingException e) {
        sink.accept(lineNumber, new String(bytes, offset, length, StandardCharsets.UTF_8), true);
      }
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] < 0) {
          return false;
        }
      }
      return true;
    }
  }
}
