package dev.beamline.kafka;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ObjLongConsumer;

/**
 * Splits a file into lines exactly as the pipelines' file reader does (lines end at {@code \n}; a
 * trailing {@code \r} and a UTF-8 byte-order mark at the start of the file are removed), keeping
 * each line's raw bytes: a line that is not UTF-8 reaches the topic as it is and becomes a dead
 * letter in the pipeline, just as it would when read from the file.
 */
final class JsonLinesFile {
  private JsonLinesFile() {}

  /** Calls {@code sink} with each line's bytes and its 1-based line number. */
  static void forEachLine(Path file, ObjLongConsumer<byte[]> sink) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      forEachLine(in, sink);
    }
  }

  /** The same for a stream (e.g. standard input); does not close it. */
  static void forEachLine(InputStream raw, ObjLongConsumer<byte[]> sink) throws IOException {
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    {
      ByteArrayOutputStream line = new ByteArrayOutputStream(256);
      long n = 0;
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          n++;
          sink.accept(clean(line.toByteArray(), n == 1), n);
          line.reset();
        } else {
          line.write(b);
        }
      }
      if (line.size() > 0) {
        n++;
        sink.accept(clean(line.toByteArray(), n == 1), n);
      }
    }
  }

  private static byte[] clean(byte[] bytes, boolean first) {
    int from = 0;
    int to = bytes.length;
    if (first && to >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      from = 3;
    }
    if (to > from && bytes[to - 1] == '\r') {
      to--;
    }
    return from == 0 && to == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, from, to);
  }
}
