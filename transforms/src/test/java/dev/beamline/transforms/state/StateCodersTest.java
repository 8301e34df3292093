package dev.beamline.transforms.state;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;
import org.junit.Test;

/** Round trips, exact sizes and default-coder inference for the state package's value coders. */
public class StateCodersTest {
  private static final Instant T = Instant.parse("2026-11-01T00:00:01.250Z");

  @Test
  public void ewmaPointRoundTripsIn24Bytes() throws Exception {
    EwmaPoint p = new EwmaPoint(T, 21.5, -0.0);
    CoderProperties.coderDecodeEncodeEqual(EwmaPointCoder.of(), p);
    CoderProperties.coderDeterministic(EwmaPointCoder.of(), p, new EwmaPoint(T, 21.5, -0.0));
    assertEquals(24, CoderUtils.encodeToByteArray(EwmaPointCoder.of(), p).length);
  }

  @Test
  public void movingAveragePointRoundTripsIn25Bytes() throws Exception {
    MovingAveragePoint p = new MovingAveragePoint(new Instant(-5L), 1, 2.5, 127);
    CoderProperties.coderDecodeEncodeEqual(MovingAveragePointCoder.of(), p);
    assertEquals(25, CoderUtils.encodeToByteArray(MovingAveragePointCoder.of(), p).length);
  }

  @Test
  public void anomalyAlertRoundTripsIn40BytesInfiniteZScoreIncluded() throws Exception {
    AnomalyAlert a = new AnomalyAlert(T, 2, 1, 0, Double.POSITIVE_INFINITY);
    CoderProperties.coderDecodeEncodeEqual(AnomalyAlertCoder.of(), a);
    assertEquals(40, CoderUtils.encodeToByteArray(AnomalyAlertCoder.of(), a).length);
  }

  @Test
  public void stateCodersRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(RecentValuesCoder.of(), RecentValues.EMPTY);
    RecentValues r = RecentValues.EMPTY.append(1L, 1.5, 0).append(7L, -2.0, 0);
    CoderProperties.coderDecodeEncodeEqual(RecentValuesCoder.of(), r);
    assertEquals(1 + 2 * 16, CoderUtils.encodeToByteArray(RecentValuesCoder.of(), r).length);
    EwStats s = EwStats.first(10).add(12, 0.5);
    CoderProperties.coderDecodeEncodeEqual(EwStatsCoder.of(), s);
    assertEquals(17, CoderUtils.encodeToByteArray(EwStatsCoder.of(), s).length);
  }

  @Test
  public void defaultCodersAreInferred() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    assertSame(EwmaPointCoder.of(), registry.getCoder(EwmaPoint.class));
    assertSame(MovingAveragePointCoder.of(), registry.getCoder(MovingAveragePoint.class));
    assertSame(AnomalyAlertCoder.of(), registry.getCoder(AnomalyAlert.class));
  }
}
