package dev.beamline.transforms.join;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class JoinedPairCoderTest {
  private static final JoinedPairCoder<String, Long> CODER =
      JoinedPairCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  @Test
  public void roundTripsEveryShape() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(CODER, JoinedPair.of("l", 7L));
    CoderProperties.coderDecodeEncodeEqual(CODER, JoinedPair.leftOnly("l"));
    CoderProperties.coderDecodeEncodeEqual(CODER, JoinedPair.rightOnly(7L));
    CoderProperties.coderDeterministic(CODER, JoinedPair.of("l", 7L), JoinedPair.of("l", 7L));
  }

  @Test
  public void aPairCostsOneByteMoreThanItsSides() throws Exception {
    // "l" is 1 length byte + 1 byte, 7 is 1 byte, plus the side flags.
    assertEquals(4, CoderUtils.encodeToByteArray(CODER, JoinedPair.of("l", 7L)).length);
    assertEquals(3, CoderUtils.encodeToByteArray(CODER, JoinedPair.leftOnly("l")).length);
  }

  @Test
  public void deterministicOnlyWithDeterministicSides() throws Exception {
    CODER.verifyDeterministic();
    assertThrows(Coder.NonDeterministicException.class,
        () -> JoinedPairCoder.of(StringUtf8Coder.of(), DoubleCoder.of()).verifyDeterministic());
  }

  @Test
  public void isInferredFromTheSidesCoders() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    Coder<JoinedPair<String, Long>> inferred =
        registry.getCoder(new TypeDescriptor<JoinedPair<String, Long>>() {});
    assertEquals(CODER, inferred);
  }

  @Test
  public void aPairNeedsASide() {
    assertThrows(IllegalArgumentException.class, () -> JoinedPair.ofNullable(null, null));
  }

  @Test
  public void isSerializable() {
    CoderProperties.coderSerializable(CODER);
  }
}
