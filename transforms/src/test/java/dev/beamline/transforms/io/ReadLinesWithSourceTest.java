package dev.beamline.transforms.io;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.testing.RunnerLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ReadLinesWithSourceTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** One line as the splitter reported it. */
  private record Line(long number, String text, boolean malformed) {
    static Line ok(long number, String text) {
      return new Line(number, text, false);
    }

    static Line bad(long number, String text) {
      return new Line(number, text, true);
    }
  }

  private static List<Line> split(byte[] bytes) throws IOException {
    List<Line> lines = new ArrayList<>();
    ReadLinesWithSource.LineSplitter.split(new ByteArrayInputStream(bytes),
        (n, text, malformed) -> lines.add(new Line(n, text, malformed)));
    return lines;
  }

  private static List<Line> split(String utf8) throws IOException {
    return split(utf8.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- LineSplitter --------------------------------------------------------------------------

  /** A stream that hands out at most {@code step} bytes per read, as a slow channel can. */
  private static java.io.InputStream trickling(byte[] bytes, int step) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  private static List<Line> split(java.io.InputStream in) throws IOException {
    List<Line> lines = new ArrayList<>();
    ReadLinesWithSource.LineSplitter.split(in, (n, text, malformed) -> lines.add(new Line(n, text, malformed)));
    return lines;
  }

  @Test
  public void linesCrossingReadChunksAreWhole() throws Exception {
    // 3,000 lines of 0-299 chars with 1-4 byte UTF-8 characters, one of 200,000 chars: many cross
    // the 64 KiB read chunks, some with a multi-byte character cut in two by the boundary.
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    String[] pieces = {"a", "Z", "{", "\u00e9", "\u20ac", "\ud83d\ude00", " "};
    List<Line> expected = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 3_000; i++) {
      StringBuilder line = new StringBuilder();
      int length = i == 1_500 ? 200_000 : random.nextInt(300);
      for (int c = 0; c < length; c++) {
        line.append(pieces[random.nextInt(pieces.length)]);
      }
      expected.add(Line.ok(i, line.toString()));
      text.append(line).append(i % 2 == 0 ? "\r\n" : "\n");
    }
    byte[] bytes = utf8(text.toString());
    assertEquals(expected, split(bytes));
    assertEquals(expected, split(trickling(bytes, 7)));
    assertEquals(expected, split(trickling(bytes, 70_001)));
  }

  @Test
  public void invalidUtf8AtAChunkBoundaryIsFlaggedOnItsLineOnly() throws Exception {
    byte[] first = new byte[(1 << 16) - 2];
    java.util.Arrays.fill(first, (byte) 'x');
    byte[] bytes = concat(first, new byte[] {(byte) 0xC3, (byte) 0x28, 'y', '\n'}, utf8("ok\n"));
    List<Line> lines = split(bytes);
    assertEquals(2, lines.size());
    assertEquals(true, lines.get(0).malformed());
    assertEquals(new String(first, StandardCharsets.US_ASCII) + "\ufffd(y", lines.get(0).text());
    assertEquals(Line.ok(2, "ok"), lines.get(1));
  }


  @Test
  public void newlineEndings() throws Exception {
    assertEquals(List.of(Line.ok(1, "a"), Line.ok(2, "bc")), split("a\nbc\n"));
  }

  @Test
  public void crlfEndings() throws Exception {
    assertEquals(List.of(Line.ok(1, "a"), Line.ok(2, "bc")), split("a\r\nbc\r\n"));
  }

  @Test
  public void mixedEndings() throws Exception {
    assertEquals(List.of(Line.ok(1, "a"), Line.ok(2, "b"), Line.ok(3, "c")),
        split("a\r\nb\nc\r\n"));
  }

  @Test
  public void lastLineWithoutNewline() throws Exception {
    assertEquals(List.of(Line.ok(1, "a"), Line.ok(2, "b")), split("a\nb"));
    assertEquals(List.of(Line.ok(1, "a"), Line.ok(2, "b")), split("a\r\nb\r"));
  }

  @Test
  public void emptyLinesAreKept() throws Exception {
    assertEquals(List.of(Line.ok(1, "a"), Line.ok(2, ""), Line.ok(3, ""), Line.ok(4, "b")),
        split("a\n\n\r\nb\n"));
    assertEquals(List.of(Line.ok(1, "")), split("\n"));
    assertEquals(List.of(Line.ok(1, ""), Line.ok(2, "x")), split("\nx"));
  }

  @Test
  public void emptyInputHasNoLines() throws Exception {
    assertEquals(List.of(), split(""));
  }

  @Test
  public void onlyTheLastCarriageReturnIsRemoved() throws Exception {
    // A lone \r is not a line end; only the \r of \r\n is removed.
    assertEquals(List.of(Line.ok(1, "a\rb"), Line.ok(2, "c\r")), split("a\rb\nc\r\r\n"));
  }

  @Test
  public void byteOrderMarkRemovedAtFileStart() throws Exception {
    assertEquals(List.of(Line.ok(1, "a"), Line.ok(2, "b")), split(concat(BOM, utf8("a\nb\n"))));
    assertEquals(List.of(Line.ok(1, ""), Line.ok(2, "b")), split(concat(BOM, utf8("\r\nb"))));
  }

  @Test
  public void byteOrderMarkKeptAfterTheFirstLine() throws Exception {
    assertEquals(List.of(Line.ok(1, "a"), Line.ok(2, "\uFEFFb")),
        split(concat(utf8("a\n"), BOM, utf8("b\n"))));
    // Only one BOM is removed at the start.
    assertEquals(List.of(Line.ok(1, "\uFEFFa")), split(concat(BOM, BOM, utf8("a"))));
  }

  @Test
  public void byteOrderMarkNotAtLineStartIsKept() throws Exception {
    assertEquals(List.of(Line.ok(1, "a\uFEFF")), split(concat(utf8("a"), BOM, utf8("\n"))));
  }

  @Test
  public void multiByteUtf8IsIntact() throws Exception {
    assertEquals(List.of(Line.ok(1, "{\"city\":\"北京\",\"t\":\"温度\"}"), Line.ok(2, "café €"),
        Line.ok(3, "\uD83D\uDE00")), split("{\"city\":\"北京\",\"t\":\"温度\"}\ncafé €\r\n\uD83D\uDE00\n"));
  }

  @Test
  public void invalidUtf8IsFlaggedAndLineNumbersStayCorrect() throws Exception {
    byte[] input = concat(utf8("ok\n"), new byte[] {'f', (byte) 0xFF, 'o', '\n'}, utf8("next\n"));
    assertEquals(List.of(Line.ok(1, "ok"), Line.bad(2, "f\uFFFDo"), Line.ok(3, "next")),
        split(input));
  }

  @Test
  public void truncatedMultiByteSequenceIsFlagged() throws Exception {
    // The first two bytes of 北 (E5 8C 97), then the line ends.
    byte[] input = concat(new byte[] {'x', (byte) 0xE5, (byte) 0x8C, '\n'}, utf8("北\n"));
    List<Line> lines = split(input);
    assertEquals(2, lines.size());
    assertEquals(1, lines.get(0).number());
    assertTrue(lines.get(0).malformed());
    assertTrue(lines.get(0).text().startsWith("x\uFFFD"));
    assertEquals(Line.ok(2, "北"), lines.get(1));
  }

  @Test
  public void overlongAndSurrogateEncodingsAreFlagged() throws Exception {
    // C0 AF is an overlong '/', ED A0 80 an encoded surrogate: both invalid UTF-8.
    List<Line> lines = split(new byte[] {(byte) 0xC0, (byte) 0xAF, '\n',
        (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n', 'z'});
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).malformed());
    assertTrue(lines.get(1).malformed());
    assertEquals(Line.ok(3, "z"), lines.get(2));
  }

  @Test
  public void invalidLastLineWithoutNewlineIsFlagged() throws Exception {
    assertEquals(List.of(Line.ok(1, "a"), Line.bad(2, "\uFFFD")),
        split(new byte[] {'a', '\n', (byte) 0x80}));
  }

  // ---- pipeline ------------------------------------------------------------------------------

  private File write(File dir, String name, byte[] content) throws IOException {
    File f = new File(dir, name);
    Files.write(f.toPath(), content);
    return f;
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void readsEveryMatchingFileWithSourceAndLineNumbers() throws Exception {
    File dir = tmp.newFolder("in");
    String a = write(dir, "a.jsonl", utf8("{\"n\":1}\n{\"n\":2}\n")).getAbsolutePath();
    String b = write(dir, "b.jsonl",
        concat(BOM, utf8("first\r\n\r\nthird 北京\n"), new byte[] {(byte) 0xFF, '\n'}, utf8("last")))
        .getAbsolutePath();
    write(dir, "ignored.txt", utf8("not matched\n"));

    PCollection<SourcedLine> lines =
        p.apply(ReadLinesWithSource.from(dir.getAbsolutePath() + "/*.jsonl"));

    PAssert.that(lines).containsInAnyOrder(
        SourcedLine.of(a, 1, "{\"n\":1}"),
        SourcedLine.of(a, 2, "{\"n\":2}"),
        SourcedLine.of(b, 1, "first"),
        SourcedLine.of(b, 2, ""),
        SourcedLine.of(b, 3, "third 北京"),
        new SourcedLine(b, 4, "\uFFFD", true),
        SourcedLine.of(b, 5, "last"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(7, counter(result, "beamline", "lines_read"));
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void readsGzipByExtension() throws Exception {
    File dir = tmp.newFolder("gz");
    File gz = new File(dir, "events.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz.toPath()))) {
      out.write(utf8("{\"n\":1}\n温度\n"));
    }

    PCollection<SourcedLine> lines = p.apply(
        ReadLinesWithSource.from(gz.getAbsolutePath()).withCounterNamespace("gz-test"));

    PAssert.that(lines).containsInAnyOrder(
        SourcedLine.of(gz.getAbsolutePath(), 1, "{\"n\":1}"),
        SourcedLine.of(gz.getAbsolutePath(), 2, "温度"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(2, counter(result, "gz-test", "lines_read"));
    assertEquals(0, counter(result, "beamline", "lines_read"));
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void failsWhenNothingMatches() throws Exception {
    File dir = tmp.newFolder("empty");
    p.apply(ReadLinesWithSource.from(dir.getAbsolutePath() + "/*.jsonl"));
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, () -> p.run());
    assertTrue("cause: " + e.getCause(), e.getCause() instanceof FileNotFoundException);
    assertThat(e.getCause().getMessage(), containsString(dir.getAbsolutePath() + "/*.jsonl"));
  }
  @Test
  public void filesAreListedWhenThePipelineIsBuiltSortedByName() throws Exception {
    File dir = tmp.newFolder("listed");
    write(dir, "b.jsonl", utf8("x\n"));
    write(dir, "a.jsonl", utf8("y\n"));
    write(dir, "c.txt", utf8("z\n"));
    assertEquals(List.of(dir.getAbsolutePath() + "/a.jsonl", dir.getAbsolutePath() + "/b.jsonl"),
        ReadLinesWithSource.filesMatchingNow(dir.getAbsolutePath() + "/*.jsonl").stream()
            .map(m -> m.resourceId().toString()).collect(Collectors.toList()));
    // Nothing to list here: the pipeline matches when it runs (and fails then if still nothing).
    assertEquals(List.of(),
        ReadLinesWithSource.filesMatchingNow(dir.getAbsolutePath() + "/*.csv"));
    assertEquals(List.of(), ReadLinesWithSource.filesMatchingNow("nosuchfs://bucket/*.jsonl"));
  }
}
