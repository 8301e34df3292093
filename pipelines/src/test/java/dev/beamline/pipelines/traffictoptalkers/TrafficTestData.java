package dev.beamline.pipelines.traffictoptalkers;

import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** Flows for the traffic composites' tests: one per call, stamped with its event time. */
final class TrafficTestData {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final Duration MINUTE = Duration.standardMinutes(1);

  private TrafficTestData() {}

  static Instant at(int secondsAfterT0) {
    return T0.plus(Duration.standardSeconds(secondsAfterT0));
  }

  static TimestampedValue<FlowRecord> flow(String src, int dstPort, String protocol, long bytes,
      int secondsAfterT0) {
    Instant ts = at(secondsAfterT0);
    return TimestampedValue.of(
        new FlowRecord(src, "10.1.0.1", dstPort, protocol, bytes, Math.max(1, bytes / 1000),
            ts.getMillis()), ts);
  }

  /** A TCP flow to port 443. */
  static TimestampedValue<FlowRecord> tcp(String src, long bytes, int secondsAfterT0) {
    return flow(src, 443, "TCP", bytes, secondsAfterT0);
  }

  static TestStream.Builder<FlowRecord> stream() {
    return TestStream.create(FlowRecordCoder.of()).advanceWatermarkTo(T0);
  }
}
