package dev.beamline.transforms.clean;

import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How {@link CleanRecords} turns a field's text into its schema type. Each conversion accepts one
 * written form and refuses the rest, where Java's own parsers are lenient:
 *
 * <ul>
 *   <li>{@link #INT32}, {@link #INT64}: an optional {@code -} and decimal digits ({@code +5},
 *       {@code 5.0}, {@code 1e3}, {@code " 5"} are refused), within the type's range.
 *   <li>{@link #DOUBLE}: decimal notation with an optional exponent ({@code -12.5}, {@code .5},
 *       {@code 1e-3}); {@code NaN}, {@code Infinity}, hexadecimal, type suffixes ({@code 1d}) and
 *       values beyond a finite double are refused.
 *   <li>{@link #BOOLEAN}: {@code true} or {@code false}, lower case.
 *   <li>{@link #timestamp(TimestampFormat)}: an event time in the declared format.
 * </ul>
 *
 * <p>Text is never trimmed: surrounding spaces make a value invalid, not silently different.
 */
public final class Conversion implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private enum Kind {
    INT32(Schema.TypeName.INT32),
    INT64(Schema.TypeName.INT64),
    DOUBLE(Schema.TypeName.DOUBLE),
    BOOLEAN(Schema.TypeName.BOOLEAN),
    TIMESTAMP(Schema.TypeName.DATETIME);

    final Schema.TypeName target;

    Kind(Schema.TypeName target) {
      this.target = target;
    }
  }

  /** Text to a 32-bit integer. */
  public static final Conversion INT32 = new Conversion(Kind.INT32, null);
  /** Text to a 64-bit integer. */
  public static final Conversion INT64 = new Conversion(Kind.INT64, null);
  /** Text to a finite double. */
  public static final Conversion DOUBLE = new Conversion(Kind.DOUBLE, null);
  /** {@code true} or {@code false} to a boolean. */
  public static final Conversion BOOLEAN = new Conversion(Kind.BOOLEAN, null);

  private final Kind kind;
  private final @Nullable TimestampFormat format;

  private Conversion(Kind kind, @Nullable TimestampFormat format) {
    this.kind = kind;
    this.format = format;
  }

  /** Text to an event time ({@code DATETIME} field) in {@code format}. */
  public static Conversion timestamp(TimestampFormat format) {
    return new Conversion(Kind.TIMESTAMP, Objects.requireNonNull(format, "format"));
  }

  /** The schema type this conversion produces. */
  public Schema.TypeName targetType() {
    return kind.target;
  }

  /**
   * The converted value, of the Java type a {@code Row} holds for {@link #targetType()}. The
   * exception's message is the problem only ({@code is not an integer: "x"}), without the field.
   */
  Object convert(String text) throws InvalidRecordException {
    switch (kind) {
      case INT32:
      case INT64:
        if (!INTEGER.matcher(text).matches()) {
          throw new InvalidRecordException("is not an integer: " + TimestampFormat.quote(text));
        }
        try {
          return kind == Kind.INT32 ? (Object) Integer.parseInt(text) : (Object) Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new InvalidRecordException(
              "is out of range for " + kind.target + ": " + TimestampFormat.quote(text));
        }
      case DOUBLE:
        if (!DECIMAL.matcher(text).matches()) {
          throw new InvalidRecordException("is not a decimal number: " + TimestampFormat.quote(text));
        }
        double d = Double.parseDouble(text);
        if (!Double.isFinite(d)) {
          throw new InvalidRecordException(
              "is not finite as a double: " + TimestampFormat.quote(text));
        }
        return d;
      case BOOLEAN:
        if (text.equals("true")) {
          return Boolean.TRUE;
        }
        if (text.equals("false")) {
          return Boolean.FALSE;
        }
        throw new InvalidRecordException("is not true or false: " + TimestampFormat.quote(text));
      case TIMESTAMP:
        return Objects.requireNonNull(format).parse(text);
      default:
        throw new IllegalStateException("unknown conversion " + kind);
    }
  }

  /** As named in reasons: {@code convert to INT64}, {@code convert to timestamp (ISO-8601)}. */
  @Override
  public String toString() {
    return kind == Kind.TIMESTAMP ? "convert to timestamp (" + format + ")" : "convert to " + kind;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Conversion)) {
      return false;
    }
    Conversion that = (Conversion) o;
    return kind == that.kind && Objects.equals(format, that.format);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, format);
  }
}
