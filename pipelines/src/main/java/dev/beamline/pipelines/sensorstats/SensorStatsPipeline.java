package dev.beamline.pipelines.sensorstats;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.InputFiles;
import dev.beamline.pipelines.OutputFolders;
import dev.beamline.pipelines.RunnerCapabilities;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.ReadLinesWithSource;
import dev.beamline.transforms.io.WriteJsonLines;
import dev.beamline.transforms.parse.ParseLines;
import dev.beamline.transforms.windowing.WindowingSpec;
import dev.beamline.pipelines.SampleGenerator;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * sensor-stats: JSON Lines sensor readings in; per sensor and event-time window, temperature
 * count/min/max/mean/stddev out; every bad line to the dead-letter folder with its reason; every
 * reading later than the allowed lateness to the late-data folder with the window it missed. The
 * ledger accounts for every line: {@code lines_read = valid_events + dead_letters} and
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
    RunnerCapabilities.checkWindowing(o, spec);
    RunnerCapabilities.checkLateDataAccounting(o, false);
    if (o.getNumShards() < 0) {
      throw new IllegalArgumentException("--numShards must be >= 0, was " + o.getNumShards());
    }
    int files = InputFiles.requireMatch("input", o.getInput(), o);
    String notes = RunnerCapabilities.notes(o, spec);
    return "input " + o.getInput() + " (" + files + (files == 1 ? " file" : " files") + "); windows: "
        + spec.describe() + (notes.isEmpty() ? "" : "\n" + notes);
  }

  @Override
  public void build(Pipeline p, SensorStatsOptions o) {
    WithFailures.Result<PCollection<SensorEvent>, DeadLetter> parsed = p
        .apply("ReadLines", ReadLinesWithSource.from(o.getInput()).withCounterNamespace(COUNTER_NAMESPACE))
        .apply("ParseEvents", ParseLines.with(new SensorEventParser(), SensorEventCoder.of())
            .withEventTime(SensorEvent::timestamp)
            .withCounterNamespace(COUNTER_NAMESPACE));

    PCollectionTuple stats = parsed.output()
        .apply("SensorStats", SensorStats.of(WindowingSpec.fromOptions(o)));
    stats.get(SensorStats.STATS)
        .apply("StatsToJson", MapElements.into(TypeDescriptors.strings()).via(SensorWindowStats::toJson))
        .apply("WriteResults", WriteJsonLines.to(o.getOutput())
            .withCounter(COUNTER_NAMESPACE, "results_written")
            .withNumShards(o.getNumShards()));
    stats.get(SensorStats.LATE)
        .apply("LateDataToJson", MapElements.into(TypeDescriptors.strings()).via(LateReadingJson::of))
        .apply("WriteLateData", WriteJsonLines.to(o.getLateData())
            .withCounter(COUNTER_NAMESPACE, "late_data_written")
            .withNumShards(o.getNumShards()));

    parsed.failures()
        .apply("DeadLettersToJson", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::toJson))
        .apply("WriteDeadLetters", WriteJsonLines.to(o.getDeadLetters())
            .withCounter(COUNTER_NAMESPACE, "dead_letters_written")
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
  public List<String> outputs(SensorStatsOptions o) {
    return List.of("results: " + o.getOutput(), "dead letters: " + o.getDeadLetters(),
        "late data: " + o.getLateData());
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new SensorEventGenerator());
  }

  @Override
  public void clearPreviousOutputs(SensorStatsOptions o) {
    OutputFolders.clearParts(o.getOutput());
    OutputFolders.clearParts(o.getDeadLetters());
    OutputFolders.clearParts(o.getLateData());
  }
}
