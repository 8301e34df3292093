package dev.beamline.bench.flink;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns the single pre-aggregated accumulator of a window into the output record. */
final class AttachWindowFn
    extends ProcessWindowFunction<SummaryAccumulator, WindowStats, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  @Override
  public void process(String sensorId, Context ctx, Iterable<SummaryAccumulator> accs,
      Collector<WindowStats> out) {
    SummaryAccumulator a = accs.iterator().next();
    WindowStats s = new WindowStats();
    s.sensorId = sensorId;
    s.windowStart = ctx.window().getStart();
    s.windowEnd = ctx.window().getEnd();
    s.count = a.count;
    s.min = a.min;
    s.max = a.max;
    s.mean = a.mean;
    s.stddev = a.populationStddev();
    out.collect(s);
  }
}
