package dev.beamline.pipelines.sensorstats;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.PipelineOutput;
import dev.beamline.pipelines.io.ReadInput;
import dev.beamline.pipelines.io.WriteOutput;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.json.JsonEventTime;
import dev.beamline.transforms.parse.ParseLines;
import dev.beamline.transforms.windowing.WindowingSpec;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.pipelines.WindowedRun;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * sensor-stats: JSON Lines sensor readings in (files or a Kafka topic); per sensor and event-time
 * window, temperature count/min/max/mean/stddev out; every bad line to the dead letters with its
 * reason (folders or Kafka topics); every reading later than the allowed lateness to the late data
 * (folder or Kafka topic) with the window it missed. The ledger accounts for every line:
 * {@code lines_read = valid_events + dead_letters} and
 * {@code valid_events = windowed_events + dropped_late}.
 */
public final class SensorStatsPipeline implements BeamlinePipeline<SensorStatsOptions> {
  public static final String NAME = "sensor-stats";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Per-sensor temperature count/min/max/mean/stddev in event-time windows, bad lines to "
        + "dead letters";
  }

  @Override
  public Class<SensorStatsOptions> optionsClass() {
    return SensorStatsOptions.class;
  }

  @Override
  public String validate(SensorStatsOptions o) {
    WindowingSpec spec = WindowingSpec.fromOptions(o);
    WindowedRun.check(o, spec);
    WindowedRun.checkShards(o.getNumShards());
    return WindowedRun.plan(o, ReadInput.describe(o, "input", o.getInput()) + "; windows: "
        + spec.describe(), spec);
  }

  @Override
  public void build(Pipeline p, SensorStatsOptions o) {
    WithFailures.Result<PCollection<SensorEvent>, DeadLetter> parsed = p
        .apply("ReadLines", ReadInput.of(o, o.getInput(), JsonEventTime.field(SensorEventParser.TS)))
        .apply("ParseEvents", ParseLines.with(new SensorEventParser(), SensorEventCoder.of())
            .withEventTime(SensorEvent::timestamp)
            .withCounterNamespace(COUNTER_NAMESPACE));

    PCollectionTuple stats = parsed.output()
        .apply("SensorStats", SensorStats.of(WindowingSpec.fromOptions(o)));
    stats.get(SensorStats.STATS)
        .apply("WriteResults", WriteOutput.of(o, o.getOutput(), "outputTopic", o.getOutputTopic(),
                SensorWindowStats::toJson)
            .withKey(SensorWindowStats::sensorId)
            .withCounter("results_written")
            .withNumShards(o.getNumShards()));
    stats.get(SensorStats.LATE)
        .apply("WriteLateData", WriteOutput.lateData(o, o.getLateData(), LateReadingJson::of)
            .withKey(late -> late.value().sensorId())
            .withNumShards(o.getNumShards()));

    parsed.failures()
        .apply("WriteDeadLetters", WriteOutput.deadLetters(o, o.getDeadLetters())
            .withNumShards(o.getNumShards()));
  }

  @Override
  public List<String> counters() {
    return List.of("lines_read", "valid_events", "dead_letters", "windowed_events", "dropped_late",
        "results_written", "dead_letters_written", "late_data_written");
  }

  @Override
  public List<List<String>> ledger() {
    return List.of(
        List.of("lines_read", "valid_events", "dead_letters"),
        List.of("valid_events", "windowed_events", "dropped_late"));
  }

  @Override
  public List<PipelineOutput> outputs(SensorStatsOptions o) {
    return List.of(
        PipelineOutput.of("results", o.getOutput(), o.getOutputTopic()),
        PipelineOutput.of("dead letters", o.getDeadLetters(), o.getDeadLetterTopic()),
        PipelineOutput.of("late data", o.getLateData(), o.getLateDataTopic()));
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new SensorEventGenerator());
  }
}
