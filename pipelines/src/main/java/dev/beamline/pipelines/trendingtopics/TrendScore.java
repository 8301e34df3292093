package dev.beamline.pipelines.trendingtopics;

/**
 * How much a hashtag rose against the previous window:
 *
 * <pre>  trend = (count - previousCount) / sqrt(previousCount + 1)</pre>
 *
 * <p>{@code count} is the number of posts in the window that mention the hashtag, {@code
 * previousCount} the same in the window one slide earlier (0 when it was absent, or when there is
 * no earlier window). Read it as a z-score under a Poisson model: a count that keeps its previous
 * rate varies by about {@code sqrt(previousCount)}, so the score says how many such deviations the
 * change is; the {@code + 1} keeps it finite for a hashtag that is new. Unlike the ratio
 * {@code (count + 1) / (previousCount + 1)} it does not let a hashtag rising from 0 to 2 outrank
 * one rising from 100 to 200 (ratio 3 against 1.99; trend 2 against 9.95). Exact examples: 3 after 0
 * is 3.0, 5 after 3 is 1.0, 2 after 8 is -2.0, the same count twice is 0.0.
 */
public final class TrendScore {
  private TrendScore() {}

  public static double of(long count, long previousCount) {
    if (count < 0 || previousCount < 0) {
      throw new IllegalArgumentException("counts must not be negative: " + count + ", " + previousCount);
    }
    return (count - previousCount) / Math.sqrt(previousCount + 1.0);
  }
}
