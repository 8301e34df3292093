package dev.beamline.pipelines.frauddetection;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.join.JoinedPair;
import dev.beamline.transforms.state.FoldValuesInEventTimeOrder;
import dev.beamline.transforms.windowing.Durations;
import java.util.Comparator;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * Per account, in event-time order, the fraud rules ({@link AmountAnomalyRule}, {@link
 * VelocityRule}, {@link CountryChangeRule}) over its transactions with their profiles ({@code
 * KV<accountId, JoinedPair<transaction, profile row or none>>}, in the global window), one {@link
 * FraudAlert} per transaction for which any rule fired, stamped with the transaction's event time.
 *
 * <p><b>One pass, one alert per transaction.</b> All rules run in one {@link
 * FoldValuesInEventTimeOrder} over the account's transactions, so a transaction's alert lists
 * every rule that fired, and nothing has to be joined afterwards: separate rule transforms would
 * emit at different times (a window-based rule only when its window closes) and need a join by
 * transaction id in a window whose late panes would restate alerts. Transactions of one account
 * with the same timestamp are taken in txId order, so every runner gives the same alerts.
 *
 * <p><b>Lateness.</b> Out-of-order transactions give the same alerts as sorted ones: each waits for
 * the watermark to pass its timestamp. A transaction behind the watermark is still scored if its
 * account has not yet scored a later one; one that is older than the account's last scored
 * transaction would change alerts already emitted, so it becomes a dead letter (stage {@code
 * fraud-rules}, reason "late for key: ...", source the account, payload the transaction) and
 * counts in {@code late_for_key}. An account idle for longer than the idle timeout is forgotten
 * ({@code state_evictions}) and warms up again.
 *
 * <p><b>Runners.</b> State and event-time timers: Direct, Flink (batch and streaming) and Spark
 * batch. Spark streaming has no event-time timers in stateful DoFns: refused when built.
 */
public final class FraudRules extends PTransform<PCollection<KV<String, JoinedPair<Transaction, Row>>>,
    WithFailures.Result<PCollection<FraudAlert>, DeadLetter>> {
  /** Dead letters of this transform name this stage. */
  public static final String STAGE = "fraud-rules";

  private static final SerializableComparator<JoinedPair<Transaction, Row>> BY_TX_ID = (a, b) ->
      Comparator.comparing(Transaction::txId).thenComparing(Transaction::toJson)
          .compare(a.left(), b.left());

  private final AmountAnomalyRule amount;
  private final VelocityRule velocity;
  private final CountryChangeRule countryChange;
  private final Duration idleTimeout;

  private FraudRules(AmountAnomalyRule amount, VelocityRule velocity,
      CountryChangeRule countryChange, Duration idleTimeout) {
    this.amount = Objects.requireNonNull(amount, "amount");
    this.velocity = Objects.requireNonNull(velocity, "velocity");
    this.countryChange = Objects.requireNonNull(countryChange, "countryChange");
    Duration needed = velocity.window().isLongerThan(countryChange.interval())
        ? velocity.window() : countryChange.interval();
    if (idleTimeout.isShorterThan(needed)) {
      throw new IllegalArgumentException("the account idle timeout ("
          + Durations.format(idleTimeout) + ") must be at least the longest rule horizon ("
          + Durations.format(needed) + "): an account would be forgotten while a rule still needs"
          + " its past");
    }
    this.idleTimeout = idleTimeout;
  }

  /** The three rules; accounts are forgotten after 7 days without a transaction. */
  public static FraudRules of(AmountAnomalyRule amount, VelocityRule velocity,
      CountryChangeRule countryChange) {
    return new FraudRules(amount, velocity, countryChange, Duration.standardDays(7));
  }

  /** Forget an account after this much event time without a transaction (it then warms up again). */
  public FraudRules withAccountIdleTimeout(Duration timeout) {
    return new FraudRules(amount, velocity, countryChange, timeout);
  }

  /** The rules and their parameters, for the start-up line of a run. */
  @Override
  public String toString() {
    return "AMOUNT_ANOMALY " + amount + "; VELOCITY " + velocity + "; COUNTRY_CHANGE "
        + countryChange + "; idle accounts forgotten after " + Durations.format(idleTimeout);
  }

  @Override
  public WithFailures.Result<PCollection<FraudAlert>, DeadLetter> expand(
      PCollection<KV<String, JoinedPair<Transaction, Row>>> profiled) {
    WithFailures.Result<PCollection<KV<String, FraudAlert>>, DeadLetter> scored = profiled.apply(
        "ScoreInEventTimeOrder",
        FoldValuesInEventTimeOrder.<String, JoinedPair<Transaction, Row>, AccountState, FraudAlert>of(
                new AccountRulesFold(amount, velocity, countryChange), STAGE)
            .withTieOrder(BY_TX_ID)
            .withValueJson(pair -> pair.left().toJson())
            .withIdleTimeout(idleTimeout));
    PCollection<FraudAlert> alerts = scored.output()
        .apply("DropAccountKey", Values.create())
        .setCoder(FraudAlertCoder.of());
    return WithFailures.Result.of(alerts, scored.failures());
  }
}
