package dev.beamline.transforms.clean;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.parse.InvalidRecordException;
import org.apache.beam.sdk.schemas.Schema;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ConversionTest {
  private static String refusal(Conversion c, String text) {
    return assertThrows(InvalidRecordException.class, () -> c.convert(text)).getMessage();
  }

  @Test
  public void integers() throws Exception {
    assertEquals(42, Conversion.INT32.convert("42"));
    assertEquals(-7L, Conversion.INT64.convert("-7"));
    assertEquals(Long.MAX_VALUE, Conversion.INT64.convert("9223372036854775807"));
    assertEquals("is not an integer: \"+5\"", refusal(Conversion.INT64, "+5"));
    assertEquals("is not an integer: \"5.0\"", refusal(Conversion.INT64, "5.0"));
    assertEquals("is not an integer: \"1e3\"", refusal(Conversion.INT64, "1e3"));
    assertEquals("is not an integer: \" 5\"", refusal(Conversion.INT64, " 5"));
    assertEquals("is out of range for INT32: \"2147483648\"", refusal(Conversion.INT32, "2147483648"));
    assertEquals("is out of range for INT64: \"9223372036854775808\"",
        refusal(Conversion.INT64, "9223372036854775808"));
  }

  @Test
  public void doubles() throws Exception {
    assertEquals(12.5, Conversion.DOUBLE.convert("12.5"));
    assertEquals(-0.5, Conversion.DOUBLE.convert("-.5"));
    assertEquals(0.001, Conversion.DOUBLE.convert("1e-3"));
    assertEquals(5.0, Conversion.DOUBLE.convert("5."));
    assertEquals("is not a decimal number: \"12,5\"", refusal(Conversion.DOUBLE, "12,5"));
    assertEquals("is not a decimal number: \"NaN\"", refusal(Conversion.DOUBLE, "NaN"));
    assertEquals("is not a decimal number: \"Infinity\"", refusal(Conversion.DOUBLE, "Infinity"));
    assertEquals("is not a decimal number: \"0x1p3\"", refusal(Conversion.DOUBLE, "0x1p3"));
    assertEquals("is not a decimal number: \"1d\"", refusal(Conversion.DOUBLE, "1d"));
    assertEquals("is not finite as a double: \"1e999\"", refusal(Conversion.DOUBLE, "1e999"));
  }

  @Test
  public void booleans() throws Exception {
    assertEquals(true, Conversion.BOOLEAN.convert("true"));
    assertEquals(false, Conversion.BOOLEAN.convert("false"));
    assertEquals("is not true or false: \"TRUE\"", refusal(Conversion.BOOLEAN, "TRUE"));
    assertEquals("is not true or false: \"1\"", refusal(Conversion.BOOLEAN, "1"));
  }

  @Test
  public void timestamps() throws Exception {
    Conversion ts = Conversion.timestamp(TimestampFormat.EPOCH_MILLIS);
    assertEquals(new Instant(1762004700250L), ts.convert("1762004700250"));
    assertEquals(Schema.TypeName.DATETIME, ts.targetType());
    assertEquals("convert to timestamp (epoch milliseconds)", ts.toString());
  }

  @Test
  public void namesAsReasonsShowThem() {
    assertEquals("convert to INT64", Conversion.INT64.toString());
    assertEquals("convert to DOUBLE", Conversion.DOUBLE.toString());
    assertEquals(Schema.TypeName.BOOLEAN, Conversion.BOOLEAN.targetType());
  }

  /** A domain rule: upper-case ISO 4217-like codes, written in any case, read canonically. */
  static Object currencyCode(String text) throws InvalidRecordException {
    if (!text.matches("[A-Za-z]{3}")) {
      throw new InvalidRecordException("is not a three-letter currency code: \"" + text + "\"");
    }
    return text.toUpperCase(java.util.Locale.ROOT);
  }

  @Test
  public void customConversionsReturnTheCanonicalFormAndNameTheirRuleInReasons() throws Exception {
    Conversion currency = Conversion.custom("currency code", Schema.TypeName.STRING,
        ConversionTest::currencyCode);
    assertEquals("EUR", currency.convert("eur"));
    assertEquals(Schema.TypeName.STRING, currency.targetType());
    assertEquals("convert to currency code", currency.toString());
    assertEquals("is not a three-letter currency code: \"euro\"", refusal(currency, "euro"));
  }

  @Test
  public void aCustomConverterReturningTheWrongJavaTypeIsABugNotABadValue() {
    Conversion broken = Conversion.custom("count", Schema.TypeName.INT64, text -> 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.convert("1"));
    assertEquals("custom conversion 'count' returned java.lang.Integer for a INT64 field; it must "
        + "return java.lang.Long or throw InvalidRecordException", e.getMessage());
  }

  @Test
  public void customConversionsNeedANameAndASupportedTarget() {
    assertEquals("a custom conversion needs a name for its reasons",
        assertThrows(IllegalArgumentException.class,
            () -> Conversion.custom(" ", Schema.TypeName.STRING, t -> t)).getMessage());
    assertEquals("custom conversion 'x' targets BYTES; conversions produce STRING, INT32, INT64, "
        + "DOUBLE, BOOLEAN or DATETIME", assertThrows(IllegalArgumentException.class,
            () -> Conversion.custom("x", Schema.TypeName.BYTES, t -> t)).getMessage());
  }
}
