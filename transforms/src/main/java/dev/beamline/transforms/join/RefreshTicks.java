package dev.beamline.transforms.join;

import java.util.Objects;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.PeriodicImpulse;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * When a {@link ReferenceTable} is (re)read: the ticks it is applied to. {@link #once()} for batch
 * pipelines (one read), {@link #every(Duration)} for streaming ones (Beam's {@link
 * PeriodicImpulse}: the "slowly updating side input" pattern). Any other {@code PCollection<Instant>}
 * works too, e.g. a TestStream in tests: {@code PeriodicImpulse} follows the wall clock, so
 * TestStream's processing time cannot drive it, while a tick fed through the TestStream can.
 *
 * <p>Runners: {@code once()} runs everywhere. {@code every(...)} is an unbounded splittable DoFn:
 * Direct and Flink run it (Flink switches to streaming by itself); Spark's classic runner supports
 * no splittable DoFn in streaming and no unbounded source in batch, so {@code expand} refuses it
 * there. A pipeline with {@code every(...)} never finishes by itself.
 */
public final class RefreshTicks extends PTransform<PBegin, PCollection<Instant>> {
  private final @Nullable Duration interval;

  private RefreshTicks(@Nullable Duration interval) {
    this.interval = interval;
  }

  /** One tick, when the pipeline starts. */
  public static RefreshTicks once() {
    return new RefreshTicks(null);
  }

  /** A tick now and every {@code interval} after, forever. */
  public static RefreshTicks every(Duration interval) {
    if (Objects.requireNonNull(interval, "interval").getMillis() <= 0) {
      throw new IllegalArgumentException("refresh interval must be positive, was " + interval);
    }
    return new RefreshTicks(interval);
  }

  @Override
  public PCollection<Instant> expand(PBegin input) {
    if (interval == null) {
      return input.apply("Impulse", Impulse.create())
          .apply("Now", ParDo.of(new NowFn()))
          .setCoder(InstantCoder.of());
    }
    String runner = input.getPipeline().getOptions().getRunner().getSimpleName();
    if (runner.contains("Spark")) {
      throw new IllegalArgumentException(runner + " cannot refresh a reference table periodically:"
          + " PeriodicImpulse is an unbounded splittable DoFn, which Spark's runner supports neither"
          + " in streaming nor in batch mode. Read the table once (RefreshTicks.once()) or use the"
          + " Flink runner.");
    }
    return input.apply("PeriodicImpulse", PeriodicImpulse.create().withInterval(interval));
  }

  /** The wall-clock time of the single read, as the snapshot's load time. */
  static final class NowFn extends DoFn<byte[], Instant> {
    @ProcessElement
    public void process(OutputReceiver<Instant> out) {
      out.output(Instant.now());
    }
  }
}
