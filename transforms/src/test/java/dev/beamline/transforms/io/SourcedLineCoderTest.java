package dev.beamline.transforms.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class SourcedLineCoderTest {
  private static final SourcedLineCoder CODER = SourcedLineCoder.of();

  private static final List<SourcedLine> VALUES = List.of(
      SourcedLine.of("", 0, ""),
      SourcedLine.of("/data/in/a.jsonl", 1, "{\"sensor\":\"s1\",\"value\":21.5}"),
      SourcedLine.of("/data/in/北京.jsonl", 42, "温度 café \uD83D\uDE00"),
      new SourcedLine("gs://bucket/x.jsonl.gz", 7, "bad \uFFFD byte", true),
      SourcedLine.of("kafka://topic/3", Long.MAX_VALUE, "line with \"quotes\"\tand tab"),
      SourcedLine.of("src", -1, "x".repeat(100_000)));

  @Test
  public void decodeEncodeEqual() throws Exception {
    for (SourcedLine line : VALUES) {
      CoderProperties.coderDecodeEncodeEqual(CODER, line);
    }
  }

  @Test
  public void malformedFlagSurvivesTheRoundTrip() throws Exception {
    SourcedLine bad = new SourcedLine("f", 2, "\uFFFD", true);
    SourcedLine decoded = CoderUtils.decodeFromByteArray(CODER, CoderUtils.encodeToByteArray(CODER, bad));
    assertTrue(decoded.malformedEncoding());
    assertNotEquals(SourcedLine.of("f", 2, "\uFFFD"), decoded);
  }

  @Test
  public void deterministicAndConsistentWithEquals() throws Exception {
    CODER.verifyDeterministic();
    assertTrue(CODER.consistentWithEquals());
    for (SourcedLine a : VALUES) {
      CoderProperties.coderDeterministic(CODER, a,
          new SourcedLine(a.source(), a.lineNumber(), a.text(), a.malformedEncoding()));
      CoderProperties.structuralValueDecodeEncodeEqual(CODER, a);
      for (SourcedLine b : VALUES) {
        CoderProperties.coderConsistentWithEquals(CODER, a, b);
        CoderProperties.structuralValueConsistentWithEquals(CODER, a, b);
      }
    }
  }

  @Test
  public void serializableAndDefaultCoder() throws Exception {
    CoderProperties.coderSerializable(CODER);
    assertSame(CODER, SourcedLineCoder.of());
    // @DefaultCoder lets Create and other transforms infer it.
    assertEquals(CODER,
        CoderRegistry.createDefault().getCoder(TypeDescriptor.of(SourcedLine.class)));
  }

  @Test
  public void compactEncoding() throws Exception {
    // source (1-byte length + 1 byte), line number (1 byte), flag (1 byte), text (1 + 2 bytes).
    assertEquals(7, CoderUtils.encodeToByteArray(CODER, SourcedLine.of("f", 5, "ab")).length);
  }
}
