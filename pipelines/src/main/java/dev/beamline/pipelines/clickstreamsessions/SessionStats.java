package dev.beamline.pipelines.clickstreamsessions;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * What one session (or the part of it seen so far) amounts to: its first and last event, how many
 * events and distinct pages, and whether it converted (reached a {@code purchase}).
 */
@DefaultCoder(SessionStatsCoder.class)
public final class SessionStats {
  /** No events: what a pane without events (which Flink can fire, see SessionSummaries) holds. */
  public static final SessionStats EMPTY = new SessionStats(0, 0, "", "", 0, 0, false);

  private final long startMillis;
  private final long endMillis;
  private final String firstPage;
  private final String lastPage;
  private final long events;
  private final long distinctPages;
  private final boolean converted;

  public SessionStats(long startMillis, long endMillis, String firstPage, String lastPage,
      long events, long distinctPages, boolean converted) {
    this.startMillis = startMillis;
    this.endMillis = endMillis;
    this.firstPage = Objects.requireNonNull(firstPage, "firstPage");
    this.lastPage = Objects.requireNonNull(lastPage, "lastPage");
    this.events = events;
    this.distinctPages = distinctPages;
    this.converted = converted;
  }

  /** The time of the session's first event. */
  public Instant start() {
    return Instant.ofEpochMilli(startMillis);
  }

  /** The time of the session's last event. */
  public Instant end() {
    return Instant.ofEpochMilli(endMillis);
  }

  /** From the first event to the last: zero for a session of one event. */
  public Duration duration() {
    return Duration.millis(endMillis - startMillis);
  }

  public String firstPage() {
    return firstPage;
  }

  public String lastPage() {
    return lastPage;
  }

  public long events() {
    return events;
  }

  public long distinctPages() {
    return distinctPages;
  }

  public boolean converted() {
    return converted;
  }

  public boolean isEmpty() {
    return events == 0;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SessionStats)) {
      return false;
    }
    SessionStats that = (SessionStats) o;
    return startMillis == that.startMillis && endMillis == that.endMillis && events == that.events
        && distinctPages == that.distinctPages && converted == that.converted
        && firstPage.equals(that.firstPage) && lastPage.equals(that.lastPage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(startMillis, endMillis, firstPage, lastPage, events, distinctPages,
        converted);
  }

  @Override
  public String toString() {
    return start() + ".." + end() + " " + firstPage + ".." + lastPage + " events=" + events
        + " pages=" + distinctPages + (converted ? " converted" : "");
  }
}
