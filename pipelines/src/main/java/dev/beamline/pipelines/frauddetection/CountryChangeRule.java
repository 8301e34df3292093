package dev.beamline.pipelines.frauddetection;

import dev.beamline.transforms.windowing.Durations;
import java.io.Serializable;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * COUNTRY_CHANGE: the transaction is in another country than the account's previous transaction in
 * event-time order (not in arrival order: with out-of-order input the previous one to arrive is
 * often not the previous one made), at most {@code within} after it: a card cannot travel that
 * fast. A change after a longer gap (a trip) does not fire.
 *
 * <p>Evidence: {@code {"previousTxId","previousCountry","previousTs","secondsSincePrevious"}}.
 */
final class CountryChangeRule implements Serializable {
  private final long withinMillis;

  private CountryChangeRule(Duration within) {
    if (within.getMillis() <= 0) {
      throw new IllegalArgumentException("the country-change interval must be positive, was "
          + Durations.format(within));
    }
    this.withinMillis = within.getMillis();
  }

  static CountryChangeRule within(Duration within) {
    return new CountryChangeRule(within);
  }

  Duration interval() {
    return Duration.millis(withinMillis);
  }

  /** Checks {@code tx} against {@code previous}, the account's previous transaction (or null). */
  void check(@Nullable Transaction previous, Transaction tx, Map<FraudRule, String> evidence) {
    if (previous == null || previous.country().equals(tx.country())) {
      return;
    }
    long gap = tx.timestampMillis() - previous.timestampMillis();
    if (gap > withinMillis) {
      return;
    }
    evidence.put(FraudRule.COUNTRY_CHANGE, JsonObjects.object(g -> {
      g.writeStringField("previousTxId", previous.txId());
      g.writeStringField("previousCountry", previous.country());
      g.writeStringField("previousTs", previous.timestamp().toString());
      g.writeNumberField("secondsSincePrevious", gap / 1000.0);
    }));
  }

  @Override
  public String toString() {
    return "another country than the previous transaction within "
        + Durations.format(Duration.millis(withinMillis));
  }
}
