package dev.beamline.transforms.join;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One result of a join: a left and a right value with the same key in the same window. In outer
 * joins one side may be missing ({@code null}): {@link #leftOnly} when a left value had no match
 * (left and full joins, and enrichment misses), {@link #rightOnly} when a right value had none (full
 * joins). At least one side is always present.
 */
@DefaultCoder(JoinedPairCoder.class)
public final class JoinedPair<L, R> {
  private final @Nullable L left;
  private final @Nullable R right;

  private JoinedPair(@Nullable L left, @Nullable R right) {
    if (left == null && right == null) {
      throw new IllegalArgumentException("a joined pair needs at least one side");
    }
    this.left = left;
    this.right = right;
  }

  /** A match: both sides present. */
  public static <L, R> JoinedPair<L, R> of(L left, R right) {
    return new JoinedPair<>(
        Objects.requireNonNull(left, "left"), Objects.requireNonNull(right, "right"));
  }

  /** A left value without a right match. */
  public static <L, R> JoinedPair<L, R> leftOnly(L left) {
    return new JoinedPair<>(Objects.requireNonNull(left, "left"), null);
  }

  /** A right value without a left match. */
  public static <L, R> JoinedPair<L, R> rightOnly(R right) {
    return new JoinedPair<>(null, Objects.requireNonNull(right, "right"));
  }

  /** Used by the coder: whichever sides were encoded. */
  static <L, R> JoinedPair<L, R> ofNullable(@Nullable L left, @Nullable R right) {
    return new JoinedPair<>(left, right);
  }

  public @Nullable L left() {
    return left;
  }

  public @Nullable R right() {
    return right;
  }

  public boolean hasLeft() {
    return left != null;
  }

  public boolean hasRight() {
    return right != null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof JoinedPair)) {
      return false;
    }
    JoinedPair<?, ?> that = (JoinedPair<?, ?>) o;
    return Objects.equals(left, that.left) && Objects.equals(right, that.right);
  }

  @Override
  public int hashCode() {
    return Objects.hash(left, right);
  }

  @Override
  public String toString() {
    return "(" + left + ", " + right + ")";
  }
}
