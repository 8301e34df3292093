package dev.beamline.transforms.clean;

import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

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
 *   <li>{@link #custom(String, Schema.TypeName, TextConverter)}: a domain rule of the caller's, for
 *       values whose valid forms the built-in ones cannot say (an IP address, a currency code):
 *       it refuses what is not valid and may return a canonical form.
 * </ul>
 *
 * <p>Text is never trimmed: surrounding spaces make a value invalid, not silently different.
 */
public final class Conversion implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The Java type a {@code Row} holds for each type a conversion can produce. */
  private static final Map<Schema.TypeName, Class<?>> JAVA_TYPES = Map.of(
      Schema.TypeName.STRING, String.class, Schema.TypeName.INT32, Integer.class,
      Schema.TypeName.INT64, Long.class, Schema.TypeName.DOUBLE, Double.class,
      Schema.TypeName.BOOLEAN, Boolean.class, Schema.TypeName.DATETIME, Instant.class);

  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private enum Kind {
    INT32(Schema.TypeName.INT32),
    INT64(Schema.TypeName.INT64),
    DOUBLE(Schema.TypeName.DOUBLE),
    BOOLEAN(Schema.TypeName.BOOLEAN),
    TIMESTAMP(Schema.TypeName.DATETIME),
    CUSTOM(null);

    final Schema.@Nullable TypeName target;

    Kind(Schema.@Nullable TypeName target) {
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
  private final Schema.TypeName target;
  private final @Nullable String customName;
  private final @Nullable TextConverter converter;

  private Conversion(Kind kind, @Nullable TimestampFormat format) {
    this(kind, format, Objects.requireNonNull(kind.target), null, null);
  }

  private Conversion(Kind kind, @Nullable TimestampFormat format, Schema.TypeName target,
      @Nullable String customName, @Nullable TextConverter converter) {
    this.kind = kind;
    this.format = format;
    this.target = target;
    this.customName = customName;
    this.converter = converter;
  }

  /** Text to an event time ({@code DATETIME} field) in {@code format}. */
  public static Conversion timestamp(TimestampFormat format) {
    return new Conversion(Kind.TIMESTAMP, Objects.requireNonNull(format, "format"));
  }

  /**
   * Text to a value of {@code target} by the caller's {@code converter}, named {@code name} in
   * reasons: a refusal reads {@code field 'srcIp' is not an IPv4 or IPv6 address: "10.0.0.256"
   * (rule: convert to IP address)}, where the converter's {@link InvalidRecordException} says
   * everything after the field name. The converter must return the Java type a {@code Row} holds
   * for {@code target} (String, Integer, Long, Double, Boolean, or a joda Instant for DATETIME);
   * anything else is a bug, reported as a {@code cleaner failure} dead letter. Range and allowed
   * value rules apply to what it returns. Two custom conversions are equal when their names,
   * targets and converters are.
   */
  public static Conversion custom(String name, Schema.TypeName target, TextConverter converter) {
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("a custom conversion needs a name for its reasons");
    }
    Objects.requireNonNull(target, "target");
    if (!JAVA_TYPES.containsKey(target)) {
      throw new IllegalArgumentException("custom conversion '" + name + "' targets " + target
          + "; conversions produce STRING, INT32, INT64, DOUBLE, BOOLEAN or DATETIME");
    }
    return new Conversion(Kind.CUSTOM, null, target, name,
        Objects.requireNonNull(converter, "converter"));
  }

  /** The schema type this conversion produces. */
  public Schema.TypeName targetType() {
    return target;
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
              "is out of range for " + target + ": " + TimestampFormat.quote(text));
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
      case CUSTOM:
        Object value = Objects.requireNonNull(converter).convert(text);
        if (!JAVA_TYPES.get(target).isInstance(value)) {
          throw new IllegalStateException("custom conversion '" + customName + "' returned "
              + (value == null ? "null" : value.getClass().getName()) + " for a " + target
              + " field; it must return " + JAVA_TYPES.get(target).getName()
              + " or throw InvalidRecordException");
        }
        return value;
      default:
        throw new IllegalStateException("unknown conversion " + kind);
    }
  }

  /**
   * As named in reasons: {@code convert to INT64}, {@code convert to timestamp (ISO-8601)}, or
   * {@code convert to <name>} for a custom conversion.
   */
  @Override
  public String toString() {
    switch (kind) {
      case TIMESTAMP:
        return "convert to timestamp (" + format + ")";
      case CUSTOM:
        return "convert to " + customName;
      default:
        return "convert to " + kind;
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Conversion)) {
      return false;
    }
    Conversion that = (Conversion) o;
    return kind == that.kind && target == that.target && Objects.equals(format, that.format)
        && Objects.equals(customName, that.customName) && Objects.equals(converter, that.converter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, target, format, customName, converter);
  }
}
