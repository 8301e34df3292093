package dev.beamline.transforms.clean;

import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.ReadableInstant;

/**
 * The rules of one field of a {@link CleanRecords} schema, immutable. The values it holds (bounds,
 * allowed values, a default) are plain immutable scalars of the field's Java type, checked when the
 * rule is declared.
 */
final class FieldRules implements Serializable {
  private static final long serialVersionUID = 1L;

  final Schema.Field field;
  final @Nullable Conversion conversion;
  final boolean explicitlyRequired;
  final @Nullable FillPolicy fill;
  final @Nullable BigDecimal min;
  final @Nullable BigDecimal max;
  final @Nullable List<Object> allowed;

  private FieldRules(Schema.Field field, @Nullable Conversion conversion, boolean explicitlyRequired,
      @Nullable FillPolicy fill, @Nullable BigDecimal min, @Nullable BigDecimal max,
      @Nullable List<Object> allowed) {
    this.field = field;
    this.conversion = conversion;
    this.explicitlyRequired = explicitlyRequired;
    this.fill = fill;
    this.min = min;
    this.max = max;
    this.allowed = allowed;
  }

  static FieldRules of(Schema.Field field) {
    return new FieldRules(field, null, false, null, null, null, null);
  }

  String name() {
    return field.getName();
  }

  Schema.TypeName type() {
    return field.getType().getTypeName();
  }

  /** Required explicitly, or implicitly because the schema does not allow null and no fill is set. */
  boolean required() {
    return explicitlyRequired || (!field.getType().getNullable() && fill == null);
  }

  /** Always present after the stateless rules (required, or filled with a default). */
  boolean alwaysPresent() {
    return required() || (fill != null && fill.kind() == FillPolicy.Kind.DEFAULT);
  }

  boolean fillsLastKnown() {
    return fill != null && fill.kind() == FillPolicy.Kind.LAST_KNOWN;
  }

  FieldRules withConversion(Conversion c) {
    if (conversion != null) {
      throw new IllegalArgumentException(
          "field '" + name() + "' already has a conversion (" + conversion + ")");
    }
    if (c.targetType() != type()) {
      throw new IllegalArgumentException("field '" + name() + "' is " + type()
          + " in the schema; " + c + " produces " + c.targetType());
    }
    return new FieldRules(field, c, explicitlyRequired, fill, min, max, allowed);
  }

  FieldRules withRequired() {
    if (fill != null) {
      throw new IllegalArgumentException("field '" + name() + "' has a fill policy (" + fill
          + "); a field is either required or filled");
    }
    return new FieldRules(field, conversion, true, fill, min, max, allowed);
  }

  FieldRules withFill(FillPolicy policy) {
    if (explicitlyRequired) {
      throw new IllegalArgumentException("field '" + name() + "' is required; a field is either "
          + "required or filled");
    }
    if (fill != null) {
      throw new IllegalArgumentException(
          "field '" + name() + "' already has a fill policy (" + fill + ")");
    }
    if (policy.kind() == FillPolicy.Kind.DEFAULT) {
      Object value = normalize(policy.defaultValue(), "default value");
      policy = FillPolicy.defaultValue(value);
    }
    return new FieldRules(field, conversion, explicitlyRequired, policy, min, max, allowed);
  }

  FieldRules withMin(BigDecimal bound) {
    checkNumeric("a range");
    if (min != null) {
      throw new IllegalArgumentException("field '" + name() + "' already has a minimum (" + min + ")");
    }
    if (max != null && bound.compareTo(max) > 0) {
      throw new IllegalArgumentException("field '" + name() + "': minimum " + plain(bound)
          + " is above the maximum " + plain(max));
    }
    return new FieldRules(field, conversion, explicitlyRequired, fill, bound, max, allowed);
  }

  FieldRules withMax(BigDecimal bound) {
    checkNumeric("a range");
    if (max != null) {
      throw new IllegalArgumentException("field '" + name() + "' already has a maximum (" + max + ")");
    }
    if (min != null && bound.compareTo(min) < 0) {
      throw new IllegalArgumentException("field '" + name() + "': maximum " + plain(bound)
          + " is below the minimum " + plain(min));
    }
    return new FieldRules(field, conversion, explicitlyRequired, fill, min, bound, allowed);
  }

  FieldRules withAllowed(Object... values) {
    Schema.TypeName t = type();
    if (t != Schema.TypeName.STRING && t != Schema.TypeName.INT32 && t != Schema.TypeName.INT64) {
      throw new IllegalArgumentException("allowed values apply to STRING, INT32 and INT64 fields; '"
          + name() + "' is " + t);
    }
    if (allowed != null) {
      throw new IllegalArgumentException("field '" + name() + "' already has allowed values");
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("field '" + name() + "': no allowed values given");
    }
    List<Object> list = new ArrayList<>();
    for (Object v : values) {
      Object n = normalize(Objects.requireNonNull(v, "allowed value"), "allowed value");
      if (!list.contains(n)) {
        list.add(n);
      }
    }
    return new FieldRules(field, conversion, explicitlyRequired, fill, min, max, List.copyOf(list));
  }

  /**
   * Checks a present value against the range and allowed values; the exception's message is the
   * full dead-letter reason.
   */
  void checkValue(Object value) throws InvalidRecordException {
    if (value instanceof Double && !Double.isFinite((Double) value)) {
      throw new InvalidRecordException(
          "field '" + name() + "' is " + value + ", not a finite number (rule: finite number)");
    }
    if (min != null || max != null) {
      // A double compares by its shortest decimal form, which orders exactly as the doubles do.
      BigDecimal v = value instanceof Double
          ? BigDecimal.valueOf((Double) value) : BigDecimal.valueOf(((Number) value).longValue());
      if (min != null && v.compareTo(min) < 0) {
        throw new InvalidRecordException("field '" + name() + "' is " + value
            + ", below the minimum " + plain(min) + " (rule: range)");
      }
      if (max != null && v.compareTo(max) > 0) {
        throw new InvalidRecordException("field '" + name() + "' is " + value
            + ", above the maximum " + plain(max) + " (rule: range)");
      }
    }
    if (allowed != null && !allowed.contains(value)) {
      throw new InvalidRecordException("field '" + name() + "' is " + describe(value)
          + ", not one of " + describeAllowed() + " (rule: allowed values)");
    }
  }

  /** Up to {@link #LISTED_ALLOWED} values in full; a longer list (ISO codes...) shortened. */
  private String describeAllowed() {
    if (allowed.size() <= LISTED_ALLOWED) {
      return allowed.stream().map(FieldRules::describe).collect(Collectors.joining(", "));
    }
    return "the " + allowed.size() + " allowed values (" + allowed.stream()
        .limit(LISTED_ALLOWED - 2).map(FieldRules::describe).collect(Collectors.joining(", "))
        + ", ...)";
  }

  /** Allowed values a reason lists in full. */
  static final int LISTED_ALLOWED = 10;

  /** A value as a reason shows it: strings quoted (and shortened), the rest as Java prints them. */
  static String describe(Object value) {
    return value instanceof String ? TimestampFormat.quote((String) value) : String.valueOf(value);
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private void checkNumeric(String rule) {
    Schema.TypeName t = type();
    if (t != Schema.TypeName.INT32 && t != Schema.TypeName.INT64 && t != Schema.TypeName.DOUBLE) {
      throw new IllegalArgumentException(rule + " applies to INT32, INT64 and DOUBLE fields; '"
          + name() + "' is " + t);
    }
  }

  /** {@code value} as the Java type a Row holds for this field, or a clear refusal. */
  private Object normalize(Object value, String what) {
    Schema.TypeName t = type();
    String refusal = what + " " + describe(value) + " (" + value.getClass().getSimpleName()
        + ") does not fit field '" + name() + "' of type " + t;
    switch (t) {
      case STRING:
        if (value instanceof String && !((String) value).isEmpty()) {
          return value;
        }
        break;
      case BOOLEAN:
        if (value instanceof Boolean) {
          return value;
        }
        break;
      case INT32:
      case INT64:
        if (value instanceof Integer || value instanceof Long || value instanceof Short
            || value instanceof Byte) {
          long l = ((Number) value).longValue();
          if (t == Schema.TypeName.INT64) {
            return l;
          }
          if (l == (int) l) {
            return (int) l;
          }
        }
        break;
      case DOUBLE:
        if (value instanceof Number && Double.isFinite(((Number) value).doubleValue())) {
          return ((Number) value).doubleValue();
        }
        break;
      case DATETIME:
        if (value instanceof ReadableInstant) {
          return ((ReadableInstant) value).toInstant();
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(refusal);
  }
}
