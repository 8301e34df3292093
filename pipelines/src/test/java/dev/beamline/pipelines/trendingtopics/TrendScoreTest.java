package dev.beamline.pipelines.trendingtopics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** The trend score, (count - previousCount) / sqrt(previousCount + 1), on exact values. */
public class TrendScoreTest {
  @Test
  public void aNewHashtagScoresItsCount() {
    assertEquals(3.0, TrendScore.of(3, 0), 0.0);
    assertEquals(0.0, TrendScore.of(0, 0), 0.0);
  }

  @Test
  public void aRiseIsMeasuredInPoissonDeviationsOfThePreviousCount() {
    assertEquals(1.0, TrendScore.of(5, 3), 0.0);
    assertEquals(4.0, TrendScore.of(20, 8), 0.0);
    assertEquals(100 / Math.sqrt(101), TrendScore.of(200, 100), 0.0);
  }

  @Test
  public void aFallIsNegativeAndAnUnchangedCountIsZero() {
    assertEquals(-2.0, TrendScore.of(2, 8), 0.0);
    assertEquals(0.0, TrendScore.of(7, 7), 0.0);
  }

  @Test
  public void volumeCountsSoASmallNewTagDoesNotOutrankABigRise() {
    // The ratio (count + 1) / (previous + 1) would rank 0 -> 2 (3.0) above 100 -> 200 (1.99).
    assertEquals(2.0, TrendScore.of(2, 0), 0.0);
    assertEquals(9.950371902099892, TrendScore.of(200, 100), 0.0);
  }

  @Test
  public void negativeCountsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrendScore.of(-1, 0));
    assertEquals("counts must not be negative: -1, 0", e.getMessage());
  }
}
