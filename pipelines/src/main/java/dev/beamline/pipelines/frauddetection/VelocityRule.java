package dev.beamline.pipelines.frauddetection;

import dev.beamline.transforms.windowing.Durations;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * VELOCITY: more than {@code maxTransactions} of an account's transactions in one sliding window
 * of size {@code window} starting every {@code slide} (Beam's {@code SlidingWindows} alignment:
 * windows start at multiples of the slide since the epoch). The rule fires for every transaction
 * that is, in event-time order, beyond the {@code maxTransactions}-th of its account in some
 * window that contains it: the transaction that broke the limit and those after it, not the
 * earlier ones that only turned out to share a window with them.
 *
 * <p>Computed per transaction, in the account's event-time fold, rather than with {@code
 * SlidingWindows} and a GroupByKey: of the windows containing a transaction the earliest-starting
 * one holds the most earlier transactions, so it suffices to count the account's transactions
 * from that window's start up to this one. The alert is then known as soon as the watermark passes
 * the transaction (not when the window closes), it belongs to one transaction (a window count
 * would have to be joined back to every transaction of the window), and no late pane can restate
 * it. State: the event times of the account's transactions in the last {@code window}.
 *
 * <p>Evidence: {@code {"windowStart","windowEnd","transactions","limit"}}, the window and the
 * account's count in it up to and including this transaction.
 */
final class VelocityRule implements Serializable {
  private final long windowMillis;
  private final long slideMillis;
  private final int maxTransactions;

  private VelocityRule(Duration window, Duration slide, int maxTransactions) {
    if (window.getMillis() <= 0 || slide.getMillis() <= 0 || slide.isLongerThan(window)) {
      throw new IllegalArgumentException("the velocity window needs 0 < slide <= size, got size "
          + Durations.format(window) + " and slide " + Durations.format(slide));
    }
    if (maxTransactions < 1) {
      throw new IllegalArgumentException("the velocity limit must be at least 1 transaction, was "
          + maxTransactions);
    }
    this.windowMillis = window.getMillis();
    this.slideMillis = slide.getMillis();
    this.maxTransactions = maxTransactions;
  }

  /** Fires beyond {@code maxTransactions} per account in a window of {@code window} every {@code slide}. */
  static VelocityRule of(Duration window, Duration slide, int maxTransactions) {
    return new VelocityRule(window, slide, maxTransactions);
  }

  Duration window() {
    return Duration.millis(windowMillis);
  }

  /**
   * Counts {@code tx} against {@code recent}, the ascending event times of the account's earlier
   * transactions, adds evidence when it fires, and returns the times still needed afterwards.
   */
  List<Long> count(List<Long> recent, Transaction tx, Map<FraudRule, String> evidence) {
    long t = tx.timestampMillis();
    // The earliest window containing t starts at the first multiple of the slide after t - window.
    long start = Math.floorDiv(t - windowMillis, slideMillis) * slideMillis + slideMillis;
    int inWindow = 1;
    for (long r : recent) {
      if (r >= start) {
        inWindow++;
      }
    }
    if (inWindow > maxTransactions) {
      int count = inWindow;
      evidence.put(FraudRule.VELOCITY, JsonObjects.object(g -> {
        g.writeStringField("windowStart", new Instant(start).toString());
        g.writeStringField("windowEnd", new Instant(start + windowMillis).toString());
        g.writeNumberField("transactions", count);
        g.writeNumberField("limit", maxTransactions);
      }));
    }
    // A later transaction's earliest window starts after its time - window, so older ones never count.
    List<Long> kept = new ArrayList<>(recent.size() + 1);
    for (long r : recent) {
      if (r > t - windowMillis) {
        kept.add(r);
      }
    }
    kept.add(t);
    return kept;
  }

  @Override
  public String toString() {
    return "more than " + maxTransactions + " transactions in a sliding window of "
        + Durations.format(Duration.millis(windowMillis)) + " every "
        + Durations.format(Duration.millis(slideMillis));
  }
}
