package dev.beamline.transforms.kafka;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.json.JsonEventTime;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.CustomTimestampPolicyWithLimitedDelay;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicy.PartitionContext;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * The watermark rules of {@link PayloadTimestampPolicy}, one case per test, with a fixed clock and
 * a hand-made partition context (backlog and the time it was measured).
 */
public class PayloadTimestampPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final Instant T0 = Instant.parse("2026-11-21T11:00:00Z");
  private static final Duration DISORDER = Duration.standardSeconds(10);
  private static final Duration IDLE = Duration.standardSeconds(30);
  private static final long UNKNOWN_BACKLOG = -1;

  private Instant clock = NOW;

  private PayloadTimestampPolicy policy() {
    return policy(Optional.empty());
  }

  private PayloadTimestampPolicy policy(Optional<Instant> previousWatermark) {
    return new PayloadTimestampPolicy(JsonEventTime.field("ts"), DISORDER, IDLE,
        previousWatermark, () -> clock);
  }

  private static PartitionContext backlog(long messages, Instant checkedAt) {
    return new PartitionContext() {
      @Override
      public long getMessageBacklog() {
        return messages;
      }

      @Override
      public Instant getBacklogCheckTime() {
        return checkedAt;
      }
    };
  }

  /** A partition still being read: backlog above zero. */
  private static final PartitionContext READING = backlog(100, NOW);
  /** A partition before the reader's first offset check: backlog unknown. */
  private static final PartitionContext NOT_YET_CHECKED =
      backlog(UNKNOWN_BACKLOG, BoundedWindow.TIMESTAMP_MIN_VALUE);
  /** A partition with nothing left to read at the last offset check, one second ago. */
  private static final PartitionContext CAUGHT_UP = backlog(0, NOW.minus(Duration.standardSeconds(1)));

  private static KafkaRecord<byte[], byte[]> record(String value) {
    return record(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private static KafkaRecord<byte[], byte[]> record(byte[] value) {
    return new KafkaRecord<>("events", 0, 7, 0L, KafkaTimestampType.CREATE_TIME, null,
        new byte[0], value);
  }

  private static String event(Instant ts) {
    return "{\"sensorId\":\"s1\",\"ts\":\"" + ts + "\",\"temperature\":20.5}";
  }

  @Test
  public void recordTimestampIsTheEventTimeInThePayload() {
    PayloadTimestampPolicy p = policy();
    assertEquals(T0.plus(5), p.getTimestampForRecord(READING, record(event(T0.plus(5)))));
  }

  @Test
  public void epochMillisecondTimesAreReadToo() {
    PayloadTimestampPolicy p = policy();
    String value = "{\"sensorId\":\"s1\",\"ts\":" + T0.getMillis() + ",\"temperature\":1}";
    assertEquals(T0, p.getTimestampForRecord(READING, record(value)));
  }

  @Test
  public void watermarkTrailsTheLatestEventTimeByMaxOutOfOrderness() {
    PayloadTimestampPolicy p = policy();
    p.getTimestampForRecord(READING, record(event(T0.plus(Duration.standardSeconds(30)))));
    p.getTimestampForRecord(READING, record(event(T0.plus(Duration.standardSeconds(20)))));
    assertEquals(T0.plus(Duration.standardSeconds(20)), p.getWatermark(READING));
  }

  @Test
  public void onTimeOutOfOrderRecordWithinTheBoundIsNotBehindTheWatermark() {
    PayloadTimestampPolicy p = policy();
    p.getTimestampForRecord(READING, record(event(T0.plus(Duration.standardSeconds(30)))));
    Instant watermark = p.getWatermark(READING);
    Instant late = p.getTimestampForRecord(READING,
        record(event(T0.plus(Duration.standardSeconds(21)))));
    assertEquals(T0.plus(Duration.standardSeconds(21)), late);
    assertEquals(false, late.isBefore(watermark));
  }

  @Test
  public void recordBeyondTheBoundKeepsItsEventTimeAndIsLate() {
    PayloadTimestampPolicy p = policy();
    p.getTimestampForRecord(READING, record(event(T0.plus(Duration.standardSeconds(60)))));
    Instant watermark = p.getWatermark(READING);
    Instant ts = p.getTimestampForRecord(READING, record(event(T0)));
    assertEquals(T0, ts);
    assertEquals(true, ts.isBefore(watermark));
    assertEquals("the watermark does not go back", watermark, p.getWatermark(READING));
  }

  @Test
  public void unreadableEventTimesGetTheCurrentWatermarkAndMoveNothing() {
    PayloadTimestampPolicy p = policy();
    p.getTimestampForRecord(READING, record(event(T0.plus(Duration.standardSeconds(30)))));
    Instant watermark = p.getWatermark(READING);
    String[] bad = {
        "not json",
        "{\"sensorId\":\"s1\",\"ts\":\"yesterday\",\"temperature\":1}",
        "{\"sensorId\":\"s1\",\"temperature\":1}",
        "{\"sensorId\":\"s1\",\"ts\":\"2026-11-21T11:00:00+01:00\",\"temperature\":1}",
        "{\"ts\":\"2026-11-21T11:00:00Z\",\"ts\":\"2026-11-21T11:00:00Z\"}",
        "",
    };
    for (String value : bad) {
      assertEquals(value, watermark, p.getTimestampForRecord(READING, record(value)));
    }
    assertEquals(watermark, p.getTimestampForRecord(READING, record((byte[]) null)));
    assertEquals(watermark, p.getTimestampForRecord(READING,
        record(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})));
    assertEquals(watermark, p.getWatermark(READING));
  }

  @Test
  public void firstRecordUnreadableGetsTheMinimumTimestampWithoutFailing() {
    PayloadTimestampPolicy p = policy();
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, p.getTimestampForRecord(READING, record("{")));
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, p.getWatermark(READING));
  }

  @Test
  public void eventTimeInTheFutureDoesNotDragTheWatermarkPastNow() {
    PayloadTimestampPolicy p = policy();
    Instant future = NOW.plus(Duration.standardDays(365));
    assertEquals(future, p.getTimestampForRecord(READING, record(event(future))));
    assertEquals(NOW.minus(DISORDER), p.getWatermark(READING));
  }

  @Test
  public void caughtUpPartitionTrailsTheClockByIdleTimeout() {
    PayloadTimestampPolicy p = policy();
    p.getTimestampForRecord(READING, record(event(T0)));
    assertEquals(T0.minus(DISORDER), p.getWatermark(READING));
    assertEquals(CAUGHT_UP.getBacklogCheckTime().minus(IDLE), p.getWatermark(CAUGHT_UP));
  }

  @Test
  public void emptyPartitionThatNeverHadARecordAdvancesOnceCaughtUp() {
    PayloadTimestampPolicy p = policy();
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, p.getWatermark(NOT_YET_CHECKED));
    assertEquals(CAUGHT_UP.getBacklogCheckTime().minus(IDLE), p.getWatermark(CAUGHT_UP));
  }

  /** The behaviour {@link PayloadTimestampPolicy} exists for (apache/beam#20908). */
  @Test
  public void beamsLimitedDelayPolicyHoldsAnEmptyPartitionAtTheMinimumForever() {
    TimestampPolicy<byte[], byte[]> beams = new CustomTimestampPolicyWithLimitedDelay<>(
        r -> T0, DISORDER, Optional.empty());
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, beams.getWatermark(CAUGHT_UP));
  }

  @Test
  public void partitionWithBacklogOrUnknownBacklogDoesNotFollowTheClock() {
    PayloadTimestampPolicy p = policy();
    p.getTimestampForRecord(READING, record(event(T0)));
    assertEquals(T0.minus(DISORDER), p.getWatermark(READING));
    assertEquals(T0.minus(DISORDER), p.getWatermark(backlog(UNKNOWN_BACKLOG, NOW)));
  }

  @Test
  public void watermarkNeverGoesBackWhenNewRecordsArriveAfterIdling() {
    PayloadTimestampPolicy p = policy();
    Instant idle = p.getWatermark(CAUGHT_UP);
    p.getTimestampForRecord(READING, record(event(T0)));
    assertEquals(idle, p.getWatermark(READING));
  }

  @Test
  public void restartsFromTheCheckpointedWatermark() {
    PayloadTimestampPolicy p = policy(Optional.of(T0));
    assertEquals(T0, p.getWatermark(NOT_YET_CHECKED));
    p.getTimestampForRecord(READING, record(event(T0.minus(Duration.standardMinutes(5)))));
    assertEquals(T0, p.getWatermark(READING));
  }

  @Test
  public void factoryMakesAPolicyPerPartitionAndRefusesNegativeDurations() {
    var factory = PayloadTimestampPolicy.factory(JsonEventTime.field("ts"), DISORDER, IDLE);
    TimestampPolicy<byte[], byte[]> p =
        factory.createTimestampPolicy(new TopicPartition("events", 2), Optional.empty());
    assertEquals(T0, p.getTimestampForRecord(READING, record(event(T0))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PayloadTimestampPolicy.factory(JsonEventTime.field("ts"), Duration.millis(-1), IDLE));
    assertEquals("maxOutOfOrderness must not be negative, was PT-0.001S", e.getMessage());
  }
}
