package dev.beamline.pipelines.frauddetection;

import dev.beamline.transforms.state.AnomalyAlert;
import dev.beamline.transforms.state.AnomalyDetector;
import dev.beamline.transforms.state.EventTimeFold;
import dev.beamline.transforms.state.EwStats;
import java.io.Serializable;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * AMOUNT_ANOMALY: the library's {@link AnomalyDetector} over one account's amounts in one
 * currency: an amount more than {@code k} exponentially weighted standard deviations from the
 * exponentially weighted mean of the amounts before it (smoothing {@code alpha}), once the account
 * has made {@code warmUp} transactions in that currency. Amounts in different currencies are not
 * compared: without exchange rates they are not comparable, so each currency warms up on its own.
 *
 * <p>Evidence: {@code {"mean","stddev","zScore","previousTransactions"}}, the moments the amount
 * was compared with (before it was folded in) and how many amounts they summarise.
 */
final class AmountAnomalyRule implements Serializable {
  private final double alpha;
  private final double k;
  private final long warmUp;
  private final EventTimeFold<EwStats, AnomalyAlert> detector;

  private AmountAnomalyRule(double alpha, double k, long warmUp) {
    this.alpha = alpha;
    this.k = k;
    this.warmUp = warmUp;
    this.detector = AnomalyDetector.<String>of(alpha, k).withWarmUp(warmUp).fold();
  }

  /** Smoothing {@code alpha} in (0, 1), threshold {@code k} standard deviations, warm-up count. */
  static AmountAnomalyRule of(double alpha, double k, long warmUp) {
    return new AmountAnomalyRule(alpha, k, warmUp);
  }

  /**
   * Scores {@code tx} against {@code before}, the account's moments in {@code tx}'s currency (null
   * for its first amount there), adds evidence when it fires, and returns the moments with the
   * amount folded in.
   */
  EwStats score(@Nullable EwStats before, Transaction tx, Map<FraudRule, String> evidence) {
    return detector.fold(before, tx.timestamp(), tx.amount(), alert -> evidence.put(
        FraudRule.AMOUNT_ANOMALY, JsonObjects.object(g -> {
          JsonObjects.writeDouble(g, "mean", alert.mean());
          JsonObjects.writeDouble(g, "stddev", alert.stddev());
          JsonObjects.writeDouble(g, "zScore", alert.zScore());
          g.writeNumberField("previousTransactions", before == null ? 0 : before.count());
        })));
  }

  @Override
  public String toString() {
    return "amount more than " + k + " stddev from the EWMA (alpha " + alpha + ", warm-up "
        + warmUp + ")";
  }
}
