package dev.beamline.transforms.clean;

import dev.beamline.transforms.windowing.Durations;
import java.io.Serializable;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * What {@link CleanRecords} does when a field is missing (absent, {@code null} or an empty string):
 *
 * <ul>
 *   <li>{@link #drop()}: the record becomes a dead letter;
 *   <li>{@link #defaultValue(Object)}: the field takes a fixed value (checked against the field's
 *       type and rules when the cleaner is built);
 *   <li>{@link #lastKnownPerKey(String)}: the field takes the value it had in the most recent
 *       earlier clean record with the same key, in event-time order, if that value is not older
 *       than {@link #withMaxAge(Duration) max age} (1 day unless set); otherwise the record becomes
 *       a dead letter. See {@link CleanRecords} for ordering, late data and state clean-up.
 * </ul>
 */
public final class FillPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How long a last known value may be used after the event that carried it, unless set. */
  public static final Duration DEFAULT_MAX_AGE = Duration.standardDays(1);

  enum Kind {
    DROP,
    DEFAULT,
    LAST_KNOWN
  }

  private final Kind kind;
  private final @Nullable Object defaultValue;
  private final @Nullable String keyField;
  private final Duration maxAge;

  private FillPolicy(Kind kind, @Nullable Object defaultValue, @Nullable String keyField,
      Duration maxAge) {
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.keyField = keyField;
    this.maxAge = maxAge;
  }

  /** A missing value makes the record a dead letter. */
  public static FillPolicy drop() {
    return new FillPolicy(Kind.DROP, null, null, DEFAULT_MAX_AGE);
  }

  /**
   * A missing value is replaced by {@code value}: a {@code String}, {@code Boolean}, an integral
   * {@code Number} for integer fields, any {@code Number} for {@code DOUBLE}, a Joda {@code
   * ReadableInstant} for {@code DATETIME}.
   */
  public static FillPolicy defaultValue(Object value) {
    return new FillPolicy(Kind.DEFAULT, Objects.requireNonNull(value, "default value"), null,
        DEFAULT_MAX_AGE);
  }

  /** A missing value is replaced by the key's last known value; {@code keyField} must be required. */
  public static FillPolicy lastKnownPerKey(String keyField) {
    return new FillPolicy(Kind.LAST_KNOWN, null, Objects.requireNonNull(keyField, "keyField"),
        DEFAULT_MAX_AGE);
  }

  /**
   * For {@link #lastKnownPerKey}: a value is used for at most {@code maxAge} of event time after
   * the record that carried it, and a key's state is deleted {@code maxAge} after its last value.
   */
  public FillPolicy withMaxAge(Duration maxAge) {
    if (kind != Kind.LAST_KNOWN) {
      throw new IllegalStateException("withMaxAge applies to lastKnownPerKey only, not to " + this);
    }
    if (maxAge.getMillis() <= 0) {
      throw new IllegalArgumentException("max age must be positive, was " + Durations.format(maxAge));
    }
    return new FillPolicy(kind, null, keyField, maxAge);
  }

  Kind kind() {
    return kind;
  }

  @Nullable Object defaultValue() {
    return defaultValue;
  }

  String keyField() {
    return Objects.requireNonNull(keyField, "keyField of " + this);
  }

  Duration maxAge() {
    return maxAge;
  }

  /** As named in dead-letter reasons, e.g. {@code fill missing: last known per key}. */
  @Override
  public String toString() {
    switch (kind) {
      case DROP:
        return "fill missing: drop";
      case DEFAULT:
        return "fill missing: default " + defaultValue;
      default:
        return "fill missing: last known per key";
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof FillPolicy)) {
      return false;
    }
    FillPolicy that = (FillPolicy) o;
    return kind == that.kind && Objects.equals(defaultValue, that.defaultValue)
        && Objects.equals(keyField, that.keyField) && maxAge.equals(that.maxAge);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, defaultValue, keyField, maxAge);
  }
}
