package dev.beamline.bench.flink;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Counts readings that arrived behind the watermark (the harness requires zero). */
final class CountLateFn extends ProcessFunction<SensorReading, Void> {
  private static final long serialVersionUID = 1L;

  private transient LongCounter late;

  @Override
  public void open(OpenContext ctx) {
    late = getRuntimeContext().getLongCounter("late_dropped");
  }

  @Override
  public void processElement(SensorReading r, Context ctx, Collector<Void> out) {
    late.add(1L);
  }
}
