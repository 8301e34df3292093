package dev.beamline.transforms.json;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.parse.InvalidRecordException;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class StrictJsonObjectTest {

  private interface Getter {
    Object get(StrictJsonObject o) throws InvalidRecordException;
  }

  /** The reason {@code line} is refused by {@link StrictJsonObject#parse}. */
  private static String parseReason(String line) {
    return assertThrows(InvalidRecordException.class, () -> StrictJsonObject.parse(line))
        .getMessage();
  }

  /** The reason a getter refuses a field of an otherwise valid {@code line}. */
  private static String fieldReason(String line, Getter getter) throws InvalidRecordException {
    StrictJsonObject o = StrictJsonObject.parse(line);
    return assertThrows(InvalidRecordException.class, () -> getter.get(o)).getMessage();
  }

  // ---- empty and non-object input ------------------------------------------------------------

  @Test
  public void emptyLine() {
    assertEquals("empty line", parseReason(""));
  }

  @Test
  public void blankLine() {
    assertEquals("blank line", parseReason("   "));
    assertEquals("blank line", parseReason("\t \t"));
  }

  @Test
  public void arrayIsNotAnObject() {
    assertEquals("not a JSON object: the line starts with an array", parseReason("[1,2]"));
  }

  @Test
  public void stringIsNotAnObject() {
    assertEquals("not a JSON object: the line starts with a string", parseReason("\"x\""));
  }

  @Test
  public void numberIsNotAnObject() {
    assertEquals("not a JSON object: the line starts with a number", parseReason("42"));
  }

  @Test
  public void booleanAndNullAreNotObjects() {
    assertEquals("not a JSON object: the line starts with a boolean", parseReason("true"));
    assertEquals("not a JSON object: the line starts with null", parseReason("null"));
  }

  // ---- malformed JSON ------------------------------------------------------------------------

  @Test
  public void truncatedObject() {
    assertEquals(
        "malformed JSON at column 7: Unexpected end-of-input: expected close marker for Object",
        parseReason("{\"a\":1"));
  }

  @Test
  public void truncatedAfterColon() {
    assertEquals("malformed JSON at column 6: Unexpected end-of-input within/between Object entries",
        parseReason("{\"a\":"));
  }

  @Test
  public void trailingComma() {
    assertEquals("malformed JSON at column 9: Unexpected character ('}' (code 125)):"
        + " was expecting double-quote to start field name", parseReason("{\"a\":1,}"));
  }

  @Test
  public void singleQuotes() {
    assertEquals("malformed JSON at column 3: Unexpected character (''' (code 39)):"
        + " was expecting double-quote to start field name", parseReason("{'a':1}"));
  }

  @Test
  public void unquotedKey() {
    assertEquals("malformed JSON at column 3: Unexpected character ('a' (code 97)):"
        + " was expecting double-quote to start field name", parseReason("{a:1}"));
  }

  @Test
  public void commentsAreRefused() {
    assertThat(parseReason("{/*c*/\"a\":1}"),
        startsWith("malformed JSON at column 3: Unexpected character ('/' (code 47))"));
  }

  @Test
  public void mismatchedCloseMarker() {
    // Only the start is asserted: Jackson appends a location fragment to this message.
    assertThat(parseReason("{\"a\":[1,2}"),
        startsWith("malformed JSON at column 11: Unexpected close marker '}': expected ']'"));
  }

  // ---- trailing data -------------------------------------------------------------------------

  @Test
  public void secondObjectAfterTheFirst() {
    assertEquals("trailing data after the JSON object at column 10",
        parseReason("{\"a\":1} {\"b\":2}"));
  }

  @Test
  public void garbageAfterTheObject() {
    // Jackson cannot tokenise the garbage, so this is reported as malformed JSON, not as
    // "trailing data"; the line is refused either way.
    assertEquals("malformed JSON at column 16: Unrecognized token 'garbage': was expecting"
        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        parseReason("{\"a\":1} garbage"));
  }

  @Test
  public void trailingWhitespaceIsAllowed() throws Exception {
    assertTrue(StrictJsonObject.parse("{\"a\":1}   ").has("a"));
    assertTrue(StrictJsonObject.parse("  {\"a\":1}\r\n").has("a"));
  }

  // ---- duplicate keys ------------------------------------------------------------------------

  @Test
  public void duplicateKeyAtTopLevel() {
    assertEquals("duplicate key: Duplicate field 'a'", parseReason("{\"a\":1,\"a\":2}"));
  }

  @Test
  public void duplicateKeyWithDifferentValueTypes() {
    assertEquals("duplicate key: Duplicate field 'a'", parseReason("{\"a\":{},\"a\":\"x\"}"));
  }

  @Test
  public void duplicateKeyInNestedObject() {
    assertEquals("duplicate key: Duplicate field 'b'", parseReason("{\"o\":{\"b\":1,\"b\":2}}"));
  }

  @Test
  public void duplicateKeyInObjectInsideArray() {
    assertEquals("duplicate key: Duplicate field 'b'",
        parseReason("{\"o\":[{\"b\":1},{\"b\":1,\"b\":2}]}"));
  }

  @Test
  public void sameKeyInDifferentObjectsIsNotADuplicate() throws Exception {
    StrictJsonObject o =
        StrictJsonObject.parse("{\"b\":1,\"o\":{\"b\":2},\"p\":{\"b\":3},\"q\":[{\"b\":4},{\"b\":5}]}");
    assertEquals(1.0, o.requireFiniteDouble("b"), 0.0);
  }

  // ---- non-finite numbers --------------------------------------------------------------------

  @Test
  public void nanLiteral() {
    assertEquals("malformed JSON at column 9: Non-standard token 'NaN'", parseReason("{\"a\":NaN}"));
  }

  @Test
  public void infinityLiteral() {
    assertEquals("malformed JSON at column 14: Non-standard token 'Infinity'",
        parseReason("{\"a\":Infinity}"));
  }

  @Test
  public void negativeInfinityLiteral() {
    assertEquals("malformed JSON at column 15: Non-standard token '-Infinity'",
        parseReason("{\"a\":-Infinity}"));
  }

  @Test
  public void nanInsideANestedValue() {
    assertEquals("malformed JSON at column 14: Non-standard token 'NaN'",
        parseReason("{\"a\":{\"b\":NaN}}"));
  }

  @Test
  public void hugeExponentIsNotFinite() throws Exception {
    assertEquals("field 'v' is not finite as a double",
        fieldReason("{\"v\":1e999}", o -> o.requireFiniteDouble("v")));
    assertEquals("field 'v' is not finite as a double",
        fieldReason("{\"v\":-1e999}", o -> o.requireFiniteDouble("v")));
    assertEquals("field 'v' is not finite as a double",
        fieldReason("{\"v\":1e999}", o -> o.optionalFiniteDouble("v")));
  }

  @Test
  public void fourHundredDigitIntegerIsNotFinite() throws Exception {
    String line = "{\"v\":" + "9".repeat(400) + "}";
    assertEquals("field 'v' is not finite as a double",
        fieldReason(line, o -> o.requireFiniteDouble("v")));
  }

  @Test
  public void numberLongerThanJacksonsLimit() {
    // Jackson's stream-read constraints refuse numbers of more than 1000 characters.
    assertEquals("malformed JSON: Number length (1001) exceeds the maximum length (1000)",
        parseReason("{\"a\":" + "1".repeat(1001) + "}"));
  }

  @Test
  public void nestingDeeperThanJacksonsLimit() {
    assertEquals("malformed JSON: Depth (1001) exceeds the maximum allowed nesting depth (1000)",
        parseReason("{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}"));
  }

  @Test
  public void nonStandardNumberForms() {
    assertEquals("malformed JSON at column 7: Invalid numeric value: Leading zeroes not allowed",
        parseReason("{\"a\":01}"));
    assertThat(parseReason("{\"a\":+1}"),
        startsWith("malformed JSON at column 8: Unexpected character ('+' (code 43))"));
  }

  // ---- typed getters -------------------------------------------------------------------------

  @Test
  public void numbersAreRead() throws Exception {
    StrictJsonObject o =
        StrictJsonObject.parse("{\"i\":42,\"n\":-7,\"f\":21.5,\"e\":1.5e3,\"big\":12345678901234}");
    assertEquals(42.0, o.requireFiniteDouble("i"), 0.0);
    assertEquals(-7.0, o.requireFiniteDouble("n"), 0.0);
    assertEquals(21.5, o.requireFiniteDouble("f"), 0.0);
    assertEquals(1500.0, o.requireFiniteDouble("e"), 0.0);
    assertEquals(12345678901234.0, o.requireFiniteDouble("big"), 0.0);
    assertEquals(Double.valueOf(21.5), o.optionalFiniteDouble("f"));
  }

  @Test
  public void quotedNumberIsNotANumber() throws Exception {
    assertEquals("field 'v' must be a number, got a string",
        fieldReason("{\"v\":\"1.5\"}", o -> o.requireFiniteDouble("v")));
    assertEquals("field 'v' must be a number, got a string",
        fieldReason("{\"v\":\"1.5\"}", o -> o.optionalFiniteDouble("v")));
  }

  @Test
  public void nullIsNotANumber() throws Exception {
    assertEquals("field 'v' must be a number, got null",
        fieldReason("{\"v\":null}", o -> o.requireFiniteDouble("v")));
    // Optional means "may be absent", not "may be null".
    assertEquals("field 'v' must be a number, got null",
        fieldReason("{\"v\":null}", o -> o.optionalFiniteDouble("v")));
  }

  @Test
  public void otherTypesAreNotNumbers() throws Exception {
    assertEquals("field 'v' must be a number, got a boolean",
        fieldReason("{\"v\":true}", o -> o.requireFiniteDouble("v")));
    assertEquals("field 'v' must be a number, got an array",
        fieldReason("{\"v\":[1]}", o -> o.requireFiniteDouble("v")));
    assertEquals("field 'v' must be a number, got an object",
        fieldReason("{\"v\":{\"x\":1}}", o -> o.requireFiniteDouble("v")));
  }

  @Test
  public void missingField() throws Exception {
    assertEquals("missing field 'v'", fieldReason("{\"w\":1}", o -> o.requireFiniteDouble("v")));
    assertEquals("missing field 'v'", fieldReason("{}", o -> o.requireNonEmptyString("v")));
    assertEquals("missing field 'v'", fieldReason("{}", o -> o.requireTimestamp("v")));
  }

  @Test
  public void absentOptionalNumberIsNull() throws Exception {
    assertNull(StrictJsonObject.parse("{}").optionalFiniteDouble("v"));
  }

  @Test
  public void emptyString() throws Exception {
    assertEquals("field 'v' is an empty string",
        fieldReason("{\"v\":\"\"}", o -> o.requireNonEmptyString("v")));
  }

  @Test
  public void nonStringWhereStringRequired() throws Exception {
    assertEquals("field 'v' must be a string, got a number",
        fieldReason("{\"v\":1}", o -> o.requireNonEmptyString("v")));
    assertEquals("field 'v' must be a string, got null",
        fieldReason("{\"v\":null}", o -> o.requireNonEmptyString("v")));
    assertEquals("field 'v' must be a string, got a boolean",
        fieldReason("{\"v\":false}", o -> o.requireNonEmptyString("v")));
    assertEquals("field 'v' must be a string, got an object",
        fieldReason("{\"v\":{}}", o -> o.requireNonEmptyString("v")));
  }

  @Test
  public void whitespaceOnlyStringIsKept() throws Exception {
    // Only the empty string is refused; content is not trimmed.
    assertEquals(" ", StrictJsonObject.parse("{\"v\":\" \"}").requireNonEmptyString("v"));
  }

  // ---- nested values and unicode -------------------------------------------------------------

  @Test
  public void nestedUnknownFieldsAreSkipped() throws Exception {
    StrictJsonObject o = StrictJsonObject.parse("{\"id\":\"s1\",\"meta\":{\"a\":[1,2,{\"x\":[null,true]}],"
        + "\"b\":{\"c\":{}}},\"tags\":[\"t1\",\"t2\"],\"value\":2.5}");
    assertEquals("s1", o.requireNonEmptyString("id"));
    assertEquals(2.5, o.requireFiniteDouble("value"), 0.0);
    assertTrue(o.has("meta"));
    assertTrue(o.has("tags"));
    // Keys of nested objects are not top-level fields.
    assertFalse(o.has("a"));
    assertFalse(o.has("x"));
    assertFalse(o.has("c"));
  }

  @Test
  public void nestedValuesMustStillBeValidJson() {
    assertEquals("malformed JSON at column 17: Unexpected character ('}' (code 125)):"
        + " was expecting double-quote to start field name", parseReason("{\"meta\":{\"x\":1,}}"));
    assertEquals("malformed JSON at column 13: Unexpected character (''' (code 39)):"
        + " expected a valid value (JSON String, Number, Array, Object or token 'null', 'true'"
        + " or 'false')", parseReason("{\"tags\":[1,'x']}"));
  }

  @Test
  public void unicodeValuesArePreserved() throws Exception {
    StrictJsonObject o = StrictJsonObject.parse(
        "{\"city\":\"北京\",\"name\":\"Ærøskøbing café\",\"esc\":\"\\u00e9t\\u00e9\","
            + "\"emoji\":\"\uD83D\uDE00\",\"温度\":\"ok\"}");
    assertEquals("北京", o.requireNonEmptyString("city"));
    assertEquals("Ærøskøbing café", o.requireNonEmptyString("name"));
    assertEquals("été", o.requireNonEmptyString("esc"));
    assertEquals("\uD83D\uDE00", o.requireNonEmptyString("emoji"));
    assertEquals("ok", o.requireNonEmptyString("温度"));
  }

  @Test
  public void escapedCharactersAreDecoded() throws Exception {
    StrictJsonObject o = StrictJsonObject.parse("{\"v\":\"a\\\"b\\\\c\\nd\\te\\/f\"}");
    assertEquals("a\"b\\c\nd\te/f", o.requireNonEmptyString("v"));
  }

  @Test
  public void controlCharacterInStringIsRefused() {
    assertThat(parseReason("{\"v\":\"a\tb\"}"), startsWith("malformed JSON at column 9: Illegal"
        + " unquoted character ((CTRL-CHAR, code 9))"));
  }

  // ---- timestamps ----------------------------------------------------------------------------

  @Test
  public void isoTimestampField() throws Exception {
    assertEquals(Instant.parse("2026-11-01T00:00:00.125Z"), StrictJsonObject
        .parse("{\"ts\":\"2026-11-01T00:00:00.125Z\"}").requireTimestamp("ts"));
  }

  @Test
  public void epochMillisTimestampField() throws Exception {
    assertEquals(new Instant(0L),
        StrictJsonObject.parse("{\"ts\":0}").requireTimestamp("ts"));
    assertEquals(new Instant(1_793_491_200_125L),
        StrictJsonObject.parse("{\"ts\":1793491200125}").requireTimestamp("ts"));
    assertEquals(new Instant(EventTimestamps.MAX_EPOCH_MILLIS),
        StrictJsonObject.parse("{\"ts\":253402300799999}").requireTimestamp("ts"));
  }

  @Test
  public void negativeEpochMillisField() throws Exception {
    assertEquals("field 'ts' is negative epoch milliseconds: -1",
        fieldReason("{\"ts\":-1}", o -> o.requireTimestamp("ts")));
  }

  @Test
  public void epochMillisAfterYear9999Field() throws Exception {
    assertEquals("field 'ts' is after 9999-12-31T23:59:59.999Z: 253402300800000",
        fieldReason("{\"ts\":253402300800000}", o -> o.requireTimestamp("ts")));
  }

  @Test
  public void fractionalEpochMillisField() throws Exception {
    assertEquals("field 'ts' must be whole epoch milliseconds, got a fraction",
        fieldReason("{\"ts\":1000.5}", o -> o.requireTimestamp("ts")));
    // Any float syntax counts, even when the value is whole.
    assertEquals("field 'ts' must be whole epoch milliseconds, got a fraction",
        fieldReason("{\"ts\":1e3}", o -> o.requireTimestamp("ts")));
  }

  @Test
  public void bigIntegerEpochMillisField() throws Exception {
    assertEquals("field 'ts' is out of range: 9223372036854775808",
        fieldReason("{\"ts\":9223372036854775808}", o -> o.requireTimestamp("ts")));
    String digits = "9".repeat(400);
    assertEquals("field 'ts' is out of range: " + digits,
        fieldReason("{\"ts\":" + digits + "}", o -> o.requireTimestamp("ts")));
  }

  @Test
  public void wrongTypeTimestampField() throws Exception {
    assertEquals("field 'ts' must be an ISO-8601 UTC string or epoch milliseconds, got a boolean",
        fieldReason("{\"ts\":true}", o -> o.requireTimestamp("ts")));
    assertEquals("field 'ts' must be an ISO-8601 UTC string or epoch milliseconds, got null",
        fieldReason("{\"ts\":null}", o -> o.requireTimestamp("ts")));
    assertEquals("field 'ts' must be an ISO-8601 UTC string or epoch milliseconds, got an array",
        fieldReason("{\"ts\":[0]}", o -> o.requireTimestamp("ts")));
  }

  @Test
  public void quotedEpochMillisIsNotAnIsoTimestamp() throws Exception {
    assertEquals("field 'ts' is not an ISO-8601 UTC instant like 2026-11-01T00:00:00.125Z:"
        + " \"1793491200125\"", fieldReason("{\"ts\":\"1793491200125\"}", o -> o.requireTimestamp("ts")));
  }

  // ---- typed accessors for declared conversions (used by clean/) -------------------------------

  @Test
  public void isNullOnlyForTheNullLiteral() throws Exception {
    StrictJsonObject o = StrictJsonObject.parse("{\"a\":null,\"b\":\"null\",\"c\":0}");
    assertTrue(o.isNull("a"));
    assertFalse(o.isNull("b"));
    assertFalse(o.isNull("c"));
    assertFalse(o.isNull("absent"));
  }

  @Test
  public void requireStringAllowsEmptyButNotOtherKinds() throws Exception {
    assertEquals("", StrictJsonObject.parse("{\"s\":\"\"}").requireString("s"));
    assertEquals("field 's' must be a string, got a boolean",
        fieldReason("{\"s\":true}", o -> o.requireString("s")));
  }

  @Test
  public void requireLongRefusesFractionsExponentsAndOverflow() throws Exception {
    assertEquals(-42L, StrictJsonObject.parse("{\"n\":-42}").requireLong("n"));
    assertEquals("field 'n' must be an integer, got a number with a fraction or exponent",
        fieldReason("{\"n\":1e2}", o -> o.requireLong("n")));
    assertEquals("field 'n' is out of range for a 64-bit integer: 9223372036854775808",
        fieldReason("{\"n\":9223372036854775808}", o -> o.requireLong("n")));
    assertEquals("field 'n' must be an integer, got a string",
        fieldReason("{\"n\":\"1\"}", o -> o.requireLong("n")));
  }

  @Test
  public void requireBoolean() throws Exception {
    assertEquals(false, StrictJsonObject.parse("{\"b\":false}").requireBoolean("b"));
    assertEquals("field 'b' must be a boolean, got a number",
        fieldReason("{\"b\":0}", o -> o.requireBoolean("b")));
  }

  @Test
  public void requireScalarTextKeepsLiteralsAsWritten() throws Exception {
    StrictJsonObject o = StrictJsonObject.parse(
        "{\"s\":\"x y\",\"f\":1.50,\"e\":1E3,\"i\":-0,\"t\":true}");
    assertEquals("x y", o.requireScalarText("s"));
    assertEquals("1.50", o.requireScalarText("f"));
    assertEquals("1E3", o.requireScalarText("e"));
    assertEquals("-0", o.requireScalarText("i"));
    assertEquals("true", o.requireScalarText("t"));
    assertEquals("field 'a' must be a string, number or boolean, got an array",
        fieldReason("{\"a\":[1]}", x -> x.requireScalarText("a")));
    assertEquals("field 'n' must be a string, number or boolean, got null",
        fieldReason("{\"n\":null}", x -> x.requireScalarText("n")));
  }
}
