package dev.beamline.transforms.deadletter;

import static org.junit.Assert.assertEquals;
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
public class DeadLetterCoderTest {
  private static final DeadLetterCoder CODER = DeadLetterCoder.of();

  private static final List<DeadLetter> VALUES = List.of(
      new DeadLetter("", "", "", 0, ""),
      new DeadLetter("parse", "missing field 'value'", "/data/a.jsonl", 12, "{\"sensor\":\"s1\"}"),
      new DeadLetter("parse", "field 'ts' is not a real date and time: \"2026-02-30T00:00:00Z\"",
          "kafka://events/3", 9_876_543_210L, "{\"ts\":\"2026-02-30T00:00:00Z\"}"),
      new DeadLetter("validate", "温度 out of range", "/data/北京.jsonl", -1, "{\"温度\":999}"),
      new DeadLetter("parse", "line\nbreak", "src", Long.MAX_VALUE, "tab\there \uD83D\uDE00"),
      new DeadLetter("parse", "invalid UTF-8: the line contains bytes that are not UTF-8", "f",
          Long.MIN_VALUE, "bad \uFFFD"));

  @Test
  public void decodeEncodeEqual() throws Exception {
    for (DeadLetter d : VALUES) {
      CoderProperties.coderDecodeEncodeEqual(CODER, d);
    }
  }

  @Test
  public void deterministicAndConsistentWithEquals() throws Exception {
    CODER.verifyDeterministic();
    assertTrue(CODER.consistentWithEquals());
    for (DeadLetter a : VALUES) {
      CoderProperties.coderDeterministic(CODER, a,
          new DeadLetter(a.stage(), a.reason(), a.source(), a.position(), a.payload()));
      CoderProperties.structuralValueDecodeEncodeEqual(CODER, a);
      for (DeadLetter b : VALUES) {
        CoderProperties.coderConsistentWithEquals(CODER, a, b);
        CoderProperties.structuralValueConsistentWithEquals(CODER, a, b);
      }
    }
  }

  @Test
  public void serializableAndDefaultCoder() throws Exception {
    CoderProperties.coderSerializable(CODER);
    assertSame(CODER, DeadLetterCoder.of());
    assertEquals(CODER,
        CoderRegistry.createDefault().getCoder(TypeDescriptor.of(DeadLetter.class)));
  }

  @Test
  public void unknownPositionCostsTenBytes() throws Exception {
    // Positions are plain (not zig-zag) var-ints: -1 takes 10 bytes, 1 takes one.
    int known = CoderUtils.encodeToByteArray(CODER, new DeadLetter("s", "r", "f", 1, "p")).length;
    int unknown = CoderUtils.encodeToByteArray(CODER, new DeadLetter("s", "r", "f", -1, "p")).length;
    assertEquals(4 * 2 + 1, known);
    assertEquals(known + 9, unknown);
  }
}
