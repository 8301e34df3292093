package dev.beamline.pipelines.clickstreamsessions;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;

/** One user interaction: who, on which page, what they did, and when (event time). */
@DefaultCoder(ClickEventCoder.class)
public final class ClickEvent {
  private final String userId;
  private final String page;
  private final String action;
  private final long timestampMillis;

  public ClickEvent(String userId, String page, String action, long timestampMillis) {
    this.userId = Objects.requireNonNull(userId, "userId");
    this.page = Objects.requireNonNull(page, "page");
    this.action = Objects.requireNonNull(action, "action");
    this.timestampMillis = timestampMillis;
  }

  public String userId() {
    return userId;
  }

  public String page() {
    return page;
  }

  public String action() {
    return action;
  }

  public long timestampMillis() {
    return timestampMillis;
  }

  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ClickEvent)) {
      return false;
    }
    ClickEvent that = (ClickEvent) o;
    return timestampMillis == that.timestampMillis && userId.equals(that.userId)
        && page.equals(that.page) && action.equals(that.action);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, page, action, timestampMillis);
  }

  @Override
  public String toString() {
    return userId + " " + action + " " + page + " @" + timestamp();
  }
}
