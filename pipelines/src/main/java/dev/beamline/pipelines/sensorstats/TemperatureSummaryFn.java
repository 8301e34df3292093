package dev.beamline.pipelines.sensorstats;

import dev.beamline.transforms.stats.NumericSummary;
import dev.beamline.transforms.stats.NumericSummaryCoder;
import dev.beamline.transforms.stats.NumericSummaryFn;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/** {@link NumericSummaryFn} over the readings' temperatures: combines readings, not doubles. */
final class TemperatureSummaryFn extends CombineFn<SensorEvent, NumericSummary, NumericSummary> {
  private static final NumericSummaryFn SUMMARY = NumericSummaryFn.of();

  static TemperatureSummaryFn of() {
    return new TemperatureSummaryFn();
  }

  @Override
  public NumericSummary createAccumulator() {
    return SUMMARY.createAccumulator();
  }

  @Override
  public NumericSummary addInput(NumericSummary accumulator, SensorEvent reading) {
    return accumulator.add(reading.temperature()); // no boxing of the double
  }

  @Override
  public NumericSummary mergeAccumulators(Iterable<NumericSummary> accumulators) {
    return SUMMARY.mergeAccumulators(accumulators);
  }

  @Override
  public NumericSummary extractOutput(NumericSummary accumulator) {
    return SUMMARY.extractOutput(accumulator);
  }

  @Override
  public Coder<NumericSummary> getAccumulatorCoder(CoderRegistry registry,
      Coder<SensorEvent> inputCoder) {
    return NumericSummaryCoder.of();
  }

  @Override
  public Coder<NumericSummary> getDefaultOutputCoder(CoderRegistry registry,
      Coder<SensorEvent> inputCoder) {
    return NumericSummaryCoder.of();
  }
}
