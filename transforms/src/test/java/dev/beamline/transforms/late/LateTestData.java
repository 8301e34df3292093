package dev.beamline.transforms.late;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** The times, windows and string elements the late-data tests are written in. */
final class LateTestData {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final Duration MINUTE = Duration.standardMinutes(1);
  static final IntervalWindow FIRST = new IntervalWindow(T0, MINUTE);
  static final IntervalWindow SECOND = new IntervalWindow(T0.plus(MINUTE), MINUTE);

  private LateTestData() {}

  /** {@code v} at {@code seconds} after T0. */
  static TimestampedValue<String> at(String v, int seconds) {
    return TimestampedValue.of(v, T0.plus(Duration.standardSeconds(seconds)));
  }

  /** {@code v}, stamped {@code seconds} after T0, late for {@code missed}. */
  static LateElement<String> late(String v, int seconds, IntervalWindow missed) {
    return new LateElement<>(v, T0.plus(Duration.standardSeconds(seconds)), missed.start(),
        missed.end());
  }

  /** A stream of strings whose watermark starts at T0. */
  static TestStream.Builder<String> stream() {
    return TestStream.create(StringUtf8Coder.of()).advanceWatermarkTo(T0);
  }
}
