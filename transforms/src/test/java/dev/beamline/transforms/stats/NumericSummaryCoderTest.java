package dev.beamline.transforms.stats;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NumericSummaryCoderTest {
  private static final NumericSummaryCoder CODER = NumericSummaryCoder.of();

  private static final List<NumericSummary> VALUES = List.of(
      new NumericSummary(),
      NumericSummary.ofValues(0.0),
      NumericSummary.ofValues(-0.0),
      NumericSummary.ofValues(1.5),
      NumericSummary.ofValues(1, 2, 3, 4, 5),
      NumericSummary.ofValues(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16),
      NumericSummary.ofValues(-1e150, 1e150, 3e149),
      NumericSummary.ofValues(Double.MIN_VALUE, -Double.MIN_VALUE),
      NumericSummary.of(127, 1.0, 2.0, 0.0, 3.0),
      NumericSummary.of(128, 1.0, 2.0, 0.0, 3.0),
      NumericSummary.of(Long.MAX_VALUE, -3.25, 1e300, -1e10, 1e10));

  private static byte[] encode(NumericSummary s) throws Exception {
    return CoderUtils.encodeToByteArray(CODER, s);
  }

  @Test
  public void decodeEncodeEqual() throws Exception {
    for (NumericSummary s : VALUES) {
      CoderProperties.coderDecodeEncodeEqual(CODER, s);
    }
  }

  @Test
  public void emptySummaryRoundTripsToAnEmptySummary() throws Exception {
    NumericSummary decoded = CoderUtils.decodeFromByteArray(CODER, encode(new NumericSummary()));
    assertTrue(decoded.isEmpty());
    assertTrue(Double.isNaN(decoded.mean()));
    assertTrue(Double.isNaN(decoded.min()));
    assertTrue(Double.isNaN(decoded.max()));
    // A decoded empty summary must still merge like a fresh one.
    assertEquals(NumericSummary.ofValues(4.0), decoded.merge(NumericSummary.ofValues(4.0)));
  }

  @Test
  public void decodedSummaryKeepsMergingCorrectly() throws Exception {
    NumericSummary decoded =
        CoderUtils.decodeFromByteArray(CODER, encode(NumericSummary.ofValues(1, 2, 3)));
    decoded.add(4).merge(NumericSummary.ofValues(5));
    assertEquals(NumericSummary.ofValues(1, 2, 3, 4, 5), decoded);
  }

  @Test
  public void deterministic() throws Exception {
    CODER.verifyDeterministic();
    for (NumericSummary s : VALUES) {
      // An equal summary built independently must encode to the same bytes.
      NumericSummary twin = NumericSummary.of(s.count(), s.mean(), s.m2(), s.min(), s.max(),
          s.rawSum(), s.sumCompensation());
      CoderProperties.coderDeterministic(CODER, s, twin);
    }
    CoderProperties.coderDeterministic(CODER, new NumericSummary(), NumericSummary.of(0, 1, 2, 3, 4));
  }

  @Test
  public void consistentWithEquals() throws Exception {
    assertTrue(CODER.consistentWithEquals());
    for (NumericSummary a : VALUES) {
      for (NumericSummary b : VALUES) {
        CoderProperties.coderConsistentWithEquals(CODER, a, b);
        CoderProperties.structuralValueConsistentWithEquals(CODER, a, b);
      }
    }
  }

  @Test
  public void structuralValueDecodeEncodeEqual() throws Exception {
    for (NumericSummary s : VALUES) {
      CoderProperties.structuralValueDecodeEncodeEqual(CODER, s);
    }
  }

  @Test
  public void serializableAndSingleton() {
    CoderProperties.coderSerializable(CODER);
    assertSame(CODER, NumericSummaryCoder.of());
  }

  @Test
  public void emptySummaryIsOneByte() throws Exception {
    assertArrayEquals(new byte[] {0}, encode(new NumericSummary()));
  }

  @Test
  public void nonEmptySummaryIsAVarIntCountAndSixDoubles() throws Exception {
    // 1-byte count + 6 x 8-byte doubles = 49 bytes while the count fits one var-int byte (< 128).
    assertEquals(49, encode(NumericSummary.ofValues(1.0)).length);
    assertEquals(49, encode(NumericSummary.ofValues(1, 2, 3, 4, 5)).length);
    assertEquals(49, encode(NumericSummary.of(127, 1.0, 2.0, 0.0, 3.0)).length);
    // Larger counts take more var-int bytes; the bound for any count is 9 + 48 = 57 bytes.
    assertEquals(50, encode(NumericSummary.of(128, 1.0, 2.0, 0.0, 3.0)).length);
    assertEquals(51, encode(NumericSummary.of(1_000_000, 1.0, 2.0, 0.0, 3.0)).length);
    assertEquals(57, encode(NumericSummary.of(Long.MAX_VALUE, 1.0, 2.0, 0.0, 3.0)).length);
  }

  @Test
  public void decodedSummaryKeepsItsSumCompensation() throws Exception {
    NumericSummary s = NumericSummary.ofValues(1e100, 1.0, -1e100);
    NumericSummary decoded = CoderUtils.decodeFromByteArray(CODER, encode(s));
    assertEquals(s, decoded);
    assertEquals(1.0, decoded.sum(), 0.0);
  }

  @Test
  public void exactByteLayout() throws Exception {
    // mean 2, m2 2, min 1, max 3, sum 4, compensation 0
    NumericSummary s = NumericSummary.ofValues(1.0, 3.0);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(2);
    for (double d : new double[] {2.0, 2.0, 1.0, 3.0, 4.0, 0.0}) {
      long bits = Double.doubleToLongBits(d);
      for (int shift = 56; shift >= 0; shift -= 8) {
        expected.write((int) (bits >>> shift) & 0xFF);
      }
    }
    assertArrayEquals(expected.toByteArray(), encode(s));
  }

  @Test
  public void encodingNullFails() {
    CoderException e = assertThrows(CoderException.class,
        () -> CODER.encode(null, new ByteArrayOutputStream()));
    assertEquals("cannot encode a null NumericSummary", e.getMessage());
  }

  @Test
  public void truncatedInputFails() throws Exception {
    byte[] full = encode(NumericSummary.ofValues(1, 2));
    byte[] truncated = Arrays.copyOf(full, full.length - 1);
    assertThrows(EOFException.class, () -> CODER.decode(new ByteArrayInputStream(truncated)));
  }
}
