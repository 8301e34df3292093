package dev.beamline.pipelines.frauddetection;

import dev.beamline.transforms.state.EwStats;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the rules remember about one account, in event-time order: the amount moments per currency
 * ({@link AmountAnomalyRule}), the event times of its transactions in the last velocity window
 * ({@link VelocityRule}) and its previous transaction ({@link CountryChangeRule}). Immutable.
 */
final class AccountState {
  static final AccountState EMPTY =
      new AccountState(new TreeMap<>(), Collections.emptyList(), null);

  private final SortedMap<String, EwStats> amountStats;
  private final List<Long> recentTimes;
  private final @Nullable Transaction previous;

  AccountState(SortedMap<String, EwStats> amountStats, List<Long> recentTimes,
      @Nullable Transaction previous) {
    this.amountStats = Collections.unmodifiableSortedMap(new TreeMap<>(amountStats));
    this.recentTimes = List.copyOf(recentTimes);
    this.previous = previous;
  }

  /** Amount moments per currency, in currency order. */
  SortedMap<String, EwStats> amountStats() {
    return amountStats;
  }

  @Nullable EwStats amountStats(String currency) {
    return amountStats.get(currency);
  }

  /** Ascending event times (epoch millis) that later velocity windows may still contain. */
  List<Long> recentTimes() {
    return recentTimes;
  }

  @Nullable Transaction previous() {
    return previous;
  }

  /** The state after {@code tx}: its currency's new moments, the new recent times, {@code tx}. */
  AccountState after(Transaction tx, EwStats stats, List<Long> recent) {
    SortedMap<String, EwStats> moments = new TreeMap<>(amountStats);
    moments.put(tx.currency(), stats);
    return new AccountState(moments, recent, tx);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AccountState)) {
      return false;
    }
    AccountState s = (AccountState) o;
    return amountStats.equals(s.amountStats) && recentTimes.equals(s.recentTimes)
        && Objects.equals(previous, s.previous);
  }

  @Override
  public int hashCode() {
    return Objects.hash(amountStats, recentTimes, previous);
  }

  @Override
  public String toString() {
    return "AccountState{" + amountStats + ", recent=" + recentTimes + ", previous=" + previous + "}";
  }
}
