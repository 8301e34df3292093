package dev.beamline.pipelines.frauddetection;

import org.joda.time.Duration;
import org.joda.time.Instant;

/** Test transactions at whole seconds after {@link #T0}. */
final class Transactions {
  static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

  private Transactions() {}

  static Instant at(int seconds) {
    return T0.plus(Duration.standardSeconds(seconds));
  }

  static Transaction tx(String txId, String account, int seconds, double amount, String country) {
    return new Transaction(txId, account, amount, "EUR", "Lidl", country, at(seconds).getMillis());
  }

  static Transaction tx(String txId, String account, int seconds, double amount, String currency,
      String country) {
    return new Transaction(txId, account, amount, currency, "Lidl", country,
        at(seconds).getMillis());
  }
}
