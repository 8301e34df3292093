package dev.beamline.transforms.late;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

public class LateElementCoderTest {
  private static final LateElementCoder<String> CODER = LateElementCoder.of(StringUtf8Coder.of());
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final IntervalWindow MINUTE = new IntervalWindow(T0, Duration.standardMinutes(1));

  private static final List<LateElement<String>> VALUES = List.of(
      LateElement.of("a", T0, MINUTE),
      LateElement.of("", T0.plus(Duration.millis(59_999)), MINUTE),
      LateElement.of("温度 \uD83D\uDE00", BoundedWindow.TIMESTAMP_MIN_VALUE,
          new IntervalWindow(BoundedWindow.TIMESTAMP_MIN_VALUE, T0)),
      LateElement.of("g", T0, GlobalWindow.INSTANCE),
      new LateElement<>("x".repeat(10_000), Instant.ofEpochMilli(-1), Instant.ofEpochMilli(-5),
          Instant.ofEpochMilli(0)));

  @Test
  public void decodeEncodeEqual() throws Exception {
    for (LateElement<String> e : VALUES) {
      CoderProperties.coderDecodeEncodeEqual(CODER, e);
    }
  }

  @Test
  public void aWindowThatIsNotAnIntervalIsGivenByItsMaximumTimestamp() {
    LateElement<String> g = LateElement.of("g", T0, GlobalWindow.INSTANCE);
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, g.windowStart());
    assertEquals(GlobalWindow.INSTANCE.maxTimestamp().plus(Duration.millis(1)), g.windowEnd());
  }

  @Test
  public void deterministicWhenTheValueCoderIs() throws Exception {
    CODER.verifyDeterministic();
    assertTrue(CODER.consistentWithEquals());
    for (LateElement<String> a : VALUES) {
      CoderProperties.structuralValueDecodeEncodeEqual(CODER, a);
      for (LateElement<String> b : VALUES) {
        CoderProperties.coderConsistentWithEquals(CODER, a, b);
      }
    }
    assertThrows(org.apache.beam.sdk.coders.Coder.NonDeterministicException.class,
        () -> LateElementCoder.of(DoubleCoder.of()).verifyDeterministic());
    assertFalse(LateElementCoder.of(SerializableCoder.of(StringBuilder.class)).consistentWithEquals());
  }

  @Test
  public void nullIsRefused() {
    assertEquals("cannot encode a null LateElement", assertThrows(CoderException.class,
        () -> CODER.encode(null, new java.io.ByteArrayOutputStream())).getMessage());
  }

  @Test
  public void serializableAndInferredFromTheValueCoder() throws Exception {
    CoderProperties.coderSerializable(CODER);
    assertEquals(List.of(StringUtf8Coder.of()), CODER.getCoderArguments());
    // @DefaultCoder: the registry builds the coder from the value's coder.
    TypeDescriptor<LateElement<Long>> type = new TypeDescriptor<LateElement<Long>>() {};
    assertEquals(LateElementCoder.of(VarLongCoder.of()),
        CoderRegistry.createDefault().getCoder(type));
    assertEquals(new TypeDescriptor<LateElement<String>>() {}, CODER.getEncodedTypeDescriptor());
    assertEquals(TypeDescriptors.strings(), CODER.getValueCoder().getEncodedTypeDescriptor());
  }

  @Test
  public void compactEncoding() throws Exception {
    // value (1-byte length + 1 byte), event time (8), window start (8), one minute (3 bytes).
    assertEquals(21, CoderUtils.encodeToByteArray(CODER, LateElement.of("a", T0, MINUTE)).length);
  }
}
