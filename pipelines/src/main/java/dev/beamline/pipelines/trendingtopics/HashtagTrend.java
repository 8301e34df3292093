package dev.beamline.pipelines.trendingtopics;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A hashtag in one window: how many posts mentioned it, how many in the window one slide earlier,
 * and its {@link TrendScore}. Ranked by trend; among equal trends, more posts first, then the
 * hashtag in code-point order (the order of {@link HashtagTrendCoder}'s encoding, which is what
 * {@code TopK} breaks ties by).
 */
@DefaultCoder(HashtagTrendCoder.class)
public final class HashtagTrend {
  private final String hashtag;
  private final long count;
  private final long previousCount;

  public HashtagTrend(String hashtag, long count, long previousCount) {
    Objects.requireNonNull(hashtag, "hashtag");
    if (hashtag.isEmpty() || hashtag.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a hashtag is non-empty and has no U+0000: \"" + hashtag + "\"");
    }
    if (count < 0 || previousCount < 0) {
      throw new IllegalArgumentException("counts must not be negative: " + count + ", " + previousCount);
    }
    this.hashtag = hashtag;
    this.count = count;
    this.previousCount = previousCount;
  }

  public String hashtag() {
    return hashtag;
  }

  public long count() {
    return count;
  }

  public long previousCount() {
    return previousCount;
  }

  public double trend() {
    return TrendScore.of(count, previousCount);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HashtagTrend)) {
      return false;
    }
    HashtagTrend that = (HashtagTrend) o;
    return count == that.count && previousCount == that.previousCount && hashtag.equals(that.hashtag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hashtag, count, previousCount);
  }

  @Override
  public String toString() {
    return "#" + hashtag + " " + count + " (before " + previousCount + ", trend " + trend() + ")";
  }
}
