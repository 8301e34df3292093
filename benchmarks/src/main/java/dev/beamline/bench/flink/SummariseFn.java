package dev.beamline.bench.flink;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation: one accumulator per key and window, never a list of readings. */
final class SummariseFn implements AggregateFunction<SensorReading, SummaryAccumulator, SummaryAccumulator> {
  private static final long serialVersionUID = 1L;

  @Override
  public SummaryAccumulator createAccumulator() {
    return new SummaryAccumulator();
  }

  @Override
  public SummaryAccumulator add(SensorReading r, SummaryAccumulator acc) {
    acc.add(r.temperature);
    return acc;
  }

  @Override
  public SummaryAccumulator getResult(SummaryAccumulator acc) {
    return acc;
  }

  @Override
  public SummaryAccumulator merge(SummaryAccumulator a, SummaryAccumulator b) {
    a.merge(b);
    return a;
  }
}
