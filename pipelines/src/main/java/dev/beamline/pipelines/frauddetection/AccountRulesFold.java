package dev.beamline.pipelines.frauddetection;

import static dev.beamline.pipelines.BeamlinePipeline.COUNTER_NAMESPACE;

import dev.beamline.transforms.join.JoinedPair;
import dev.beamline.transforms.state.EventTimeValueFold;
import dev.beamline.transforms.state.EwStats;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The three rules over one account's transactions, each transaction seen once, in event-time
 * order: amount anomaly, velocity, country change. A transaction for which at least one rule
 * fires becomes one {@link FraudAlert} listing them all, with the account's profile when the
 * transaction has one. Counts {@code transactions_scored}, {@code alerts_raised} and, per rule,
 * {@code fired_amount_anomaly}, {@code fired_velocity}, {@code fired_country_change}.
 */
final class AccountRulesFold
    implements EventTimeValueFold<JoinedPair<Transaction, Row>, AccountState, FraudAlert> {
  private final AmountAnomalyRule amount;
  private final VelocityRule velocity;
  private final CountryChangeRule countryChange;
  private final Counter scored = Metrics.counter(COUNTER_NAMESPACE, "transactions_scored");
  private final Counter alerts = Metrics.counter(COUNTER_NAMESPACE, "alerts_raised");
  private final Map<FraudRule, Counter> fired = new EnumMap<>(FraudRule.class);

  AccountRulesFold(AmountAnomalyRule amount, VelocityRule velocity,
      CountryChangeRule countryChange) {
    this.amount = amount;
    this.velocity = velocity;
    this.countryChange = countryChange;
    for (FraudRule r : FraudRule.values()) {
      fired.put(r, Metrics.counter(COUNTER_NAMESPACE,
          "fired_" + r.name().toLowerCase(Locale.ROOT)));
    }
  }

  @Override
  public Coder<AccountState> stateCoder() {
    return AccountStateCoder.of();
  }

  @Override
  public Coder<FraudAlert> outputCoder() {
    return FraudAlertCoder.of();
  }

  @Override
  public AccountState fold(@Nullable AccountState state, Instant eventTime,
      JoinedPair<Transaction, Row> profiled, Consumer<FraudAlert> out) {
    Transaction tx = profiled.left();
    AccountState before = state == null ? AccountState.EMPTY : state;
    Map<FraudRule, String> evidence = new EnumMap<>(FraudRule.class);
    EwStats moments = amount.score(before.amountStats(tx.currency()), tx, evidence);
    List<Long> recent = velocity.count(before.recentTimes(), tx, evidence);
    countryChange.check(before.previous(), tx, evidence);
    scored.inc();
    if (!evidence.isEmpty()) {
      alerts.inc();
      for (FraudRule r : evidence.keySet()) {
        fired.get(r).inc();
      }
      Row profile = profiled.right();
      out.accept(new FraudAlert(tx, evidence, profile == null ? null
          : JsonObjects.object(g -> AccountProfiles.writeProfileFields(profile, g))));
    }
    return before.after(tx, moments, recent);
  }
}
