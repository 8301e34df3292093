package dev.beamline.transforms.kafka;

import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.parse.LineParser;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Event time from the payload of each Kafka record, and a per-partition watermark that allows
 * bounded out-of-orderness and does not let a quiet partition hold the pipeline back.
 *
 * <p>A record's timestamp is what {@code eventTime} reads from its UTF-8 value. The watermark of a
 * partition is the latest of:
 *
 * <ul>
 *   <li>the previous watermark (it never goes back, also across restarts from a checkpoint);
 *   <li>{@code min(max event time seen, now) - maxOutOfOrderness}: records may arrive up to
 *       {@code maxOutOfOrderness} out of order; a time in the future does not drag the watermark
 *       along;
 *   <li>when the reader has nothing left to read on the partition (backlog 0 at the last offset
 *       check): {@code check time - idleTimeout}. A partition that is caught up, or has never had a
 *       record at all, therefore trails the wall clock by {@code idleTimeout} instead of holding the
 *       watermark at its minimum forever. Beam's {@code CustomTimestampPolicyWithLimitedDelay}
 *       only does this after a partition's first record (apache/beam#20908), so one empty
 *       partition stalls every window.
 * </ul>
 *
 * <p>A record whose event time cannot be read (not UTF-8, not JSON, no valid time) is stamped with
 * the partition's current watermark: it neither moves nor stalls the watermark, is never late, and
 * reaches the parser downstream, which turns it into a dead letter. Nothing here throws.
 *
 * <p>The idle rule assumes that new records on a quiet partition carry event times no older than
 * {@code idleTimeout} before the moment they are written; older ones are late. The policy keeps no
 * state a reader restart would lose, so it behaves the same in KafkaIO's legacy reader (the default
 * on Direct, Flink and Spark) and in its splittable-DoFn reader.
 */
public final class PayloadTimestampPolicy extends TimestampPolicy<byte[], byte[]> {
  private final LineParser<Instant> eventTime;
  private final Duration maxOutOfOrderness;
  private final Duration idleTimeout;
  private final Supplier<Instant> clock;
  private Instant maxEventTime = BoundedWindow.TIMESTAMP_MIN_VALUE;
  private Instant watermark;

  PayloadTimestampPolicy(LineParser<Instant> eventTime, Duration maxOutOfOrderness,
      Duration idleTimeout, Optional<Instant> previousWatermark, Supplier<Instant> clock) {
    this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
    this.maxOutOfOrderness = requireNonNegative("maxOutOfOrderness", maxOutOfOrderness);
    this.idleTimeout = requireNonNegative("idleTimeout", idleTimeout);
    this.clock = clock;
    this.watermark = previousWatermark.orElse(BoundedWindow.TIMESTAMP_MIN_VALUE);
  }

  /**
   * A factory for KafkaIO's {@code withTimestampPolicyFactory}: one policy per partition, each
   * reading event times with {@code eventTime}.
   */
  public static TimestampPolicyFactory<byte[], byte[]> factory(LineParser<Instant> eventTime,
      Duration maxOutOfOrderness, Duration idleTimeout) {
    requireNonNegative("maxOutOfOrderness", maxOutOfOrderness);
    requireNonNegative("idleTimeout", idleTimeout);
    return new Factory(eventTime, maxOutOfOrderness, idleTimeout);
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<byte[], byte[]> record) {
    Instant ts = readEventTime(record.getKV().getValue());
    if (ts == null) {
      return watermark;
    }
    if (ts.isAfter(maxEventTime)) {
      maxEventTime = ts;
    }
    return ts;
  }

  @Override
  public Instant getWatermark(PartitionContext ctx) {
    Instant candidate = watermark;
    if (maxEventTime.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE)) {
      Instant now = clock.get();
      Instant capped = maxEventTime.isAfter(now) ? now : maxEventTime;
      candidate = later(candidate, capped.minus(maxOutOfOrderness));
    }
    Instant checkedAt = ctx.getBacklogCheckTime();
    if (ctx.getMessageBacklog() == 0 && checkedAt != null
        && checkedAt.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE)) {
      candidate = later(candidate, checkedAt.minus(idleTimeout));
    }
    watermark = candidate;
    return watermark;
  }

  /** The event time of a record value, or null when it has none that can be read. */
  private @Nullable Instant readEventTime(byte @Nullable [] value) {
    if (value == null) {
      return null;
    }
    String text = StrictUtf8.decode(value);
    if (text == null) {
      return null;
    }
    try {
      Instant ts = eventTime.parse(text);
      return ts.isBefore(BoundedWindow.TIMESTAMP_MIN_VALUE)
          || ts.isAfter(BoundedWindow.TIMESTAMP_MAX_VALUE) ? null : ts;
    } catch (InvalidRecordException | RuntimeException e) {
      // The parser downstream rejects the record with the same reason; it is not lost.
      return null;
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Duration requireNonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
    return d;
  }

  /** Creates one policy per partition; serializable, as KafkaIO ships it to the workers. */
  private static final class Factory implements TimestampPolicyFactory<byte[], byte[]> {
    private static final long serialVersionUID = 1L;

    private final LineParser<Instant> eventTime;
    private final Duration maxOutOfOrderness;
    private final Duration idleTimeout;

    Factory(LineParser<Instant> eventTime, Duration maxOutOfOrderness, Duration idleTimeout) {
      this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
      this.maxOutOfOrderness = maxOutOfOrderness;
      this.idleTimeout = idleTimeout;
    }

    @Override
    public TimestampPolicy<byte[], byte[]> createTimestampPolicy(TopicPartition tp,
        Optional<Instant> previousWatermark) {
      return new PayloadTimestampPolicy(eventTime, maxOutOfOrderness, idleTimeout,
          previousWatermark, Instant::now);
    }
  }
}
