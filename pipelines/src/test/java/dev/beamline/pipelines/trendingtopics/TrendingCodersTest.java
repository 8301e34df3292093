package dev.beamline.pipelines.trendingtopics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

/** Coders of trending-topics: round trips, and the encoded order that TopK breaks ties by. */
public class TrendingCodersTest {
  private static final HashtagTrendCoder CODER = HashtagTrendCoder.of();

  @Test
  public void hashtagTrendRoundTrips() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(CODER, new HashtagTrend("東京", 37, 0));
    CoderProperties.coderDecodeEncodeEqual(CODER, new HashtagTrend("a", 0, Long.MAX_VALUE));
    CODER.verifyDeterministic();
  }

  @Test
  public void encodedBytesSortByMorePostsFirstThenHashtagInCodePointOrder() throws Exception {
    List<HashtagTrend> expectedOrder = List.of(
        new HashtagTrend("z", 9, 9),
        new HashtagTrend("a", 3, 0),
        new HashtagTrend("ab", 3, 0),
        new HashtagTrend("b", 3, 0),
        new HashtagTrend("é", 3, 0),     // U+00E9
        new HashtagTrend("東京", 3, 0),   // U+6771
        new HashtagTrend("\uD83C\uDF89x", 3, 0)); // U+1F389: after U+FFFF in code-point order
    List<HashtagTrend> shuffled = new ArrayList<>(expectedOrder);
    java.util.Collections.reverse(shuffled);
    shuffled.sort((x, y) -> Arrays.compareUnsigned(encodeUnchecked(x), encodeUnchecked(y)));
    assertEquals(expectedOrder, shuffled);
  }

  @Test
  public void aHashtagWithU0000IsRefusedBecauseItTerminatesTheEncoding() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HashtagTrend("a\0b", 1, 0));
    assertEquals("a hashtag is non-empty and has no U+0000: \"a\0b\"", e.getMessage());
  }

  @Test
  public void truncatedBytesAreACoderException() throws Exception {
    byte[] bytes = encode(new HashtagTrend("beam", 1, 0));
    assertThrows(CoderException.class,
        () -> CoderUtils.decodeFromByteArray(CODER, Arrays.copyOf(bytes, 10)));
  }

  @Test
  public void windowTrendsRoundTripsAndPrintsItsJson() throws Exception {
    WindowTrends w = new WindowTrends(1_793_534_400_000L, 1_793_534_460_000L,
        List.of(new HashtagTrend("地震", 44, 0), new HashtagTrend("beam", 5, 3)),
        Timing.ON_TIME, 0, true);
    CoderProperties.coderDecodeEncodeEqual(WindowTrendsCoder.of(), w);
    assertEquals("{\"windowStart\":\"2026-11-01T12:00:00.000Z\",\"windowEnd\":\"2026-11-01T12:01:00.000Z\","
        + "\"hashtags\":[{\"hashtag\":\"地震\",\"count\":44,\"previousCount\":0,\"trend\":44.0},"
        + "{\"hashtag\":\"beam\",\"count\":5,\"previousCount\":3,\"trend\":1.0}],"
        + "\"pane\":{\"timing\":\"ON_TIME\",\"index\":0,\"final\":true}}", w.toJson());
  }

  private static byte[] encodeUnchecked(HashtagTrend t) {
    try {
      return encode(t);
    } catch (CoderException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encode(HashtagTrend t) throws CoderException {
    return CoderUtils.encodeToByteArray(CODER, t);
  }
}
