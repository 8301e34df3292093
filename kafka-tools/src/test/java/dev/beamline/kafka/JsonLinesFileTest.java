package dev.beamline.kafka;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Lines split exactly as the pipelines' file reader splits them, bytes kept as they are. */
public class JsonLinesFileTest {
  private static List<byte[]> split(byte[] bytes) throws Exception {
    List<byte[]> lines = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    JsonLinesFile.forEachLine(new ByteArrayInputStream(bytes), (line, n) -> {
      lines.add(line);
      numbers.add(n);
    });
    for (int i = 0; i < numbers.size(); i++) {
      assertEquals("line numbers are 1-based and consecutive", i + 1, (long) numbers.get(i));
    }
    return lines;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  public void splitsOnNewlineAndKeepsEmptyLinesButNoTrailingOne() throws Exception {
    List<byte[]> lines = split(b("a\n\nb\n"));
    assertEquals(3, lines.size());
    assertArrayEquals(b("a"), lines.get(0));
    assertArrayEquals(b(""), lines.get(1));
    assertArrayEquals(b("b"), lines.get(2));
  }

  @Test
  public void lastLineWithoutNewlineCounts() throws Exception {
    List<byte[]> lines = split(b("a\nb"));
    assertEquals(2, lines.size());
    assertArrayEquals(b("b"), lines.get(1));
  }

  @Test
  public void dropsCarriageReturnsAndTheByteOrderMarkOfTheFirstLineOnly() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] input = concat(bom, b("a\r\n"), bom, b("b\r\n"));
    List<byte[]> lines = split(input);
    assertArrayEquals(b("a"), lines.get(0));
    assertArrayEquals(concat(bom, b("b")), lines.get(1));
  }

  @Test
  public void bytesThatAreNotUtf8AreSentUnchanged() throws Exception {
    byte[] bad = {'{', (byte) 0xFF, '}'};
    assertArrayEquals(bad, split(concat(bad, b("\n"))).get(0));
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] r = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, r, at, p.length);
      at += p.length;
    }
    return r;
  }
}
