package dev.beamline.pipelines.wordcount;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.PipelineOutput;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.pipelines.WindowedRun;
import dev.beamline.pipelines.io.ReadInput;
import dev.beamline.pipelines.io.WriteOutput;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * wordcount: JSON Lines of text with event times in (files or a Kafka topic); per event-time
 * window, the most frequent words (Unicode word breaks, NFKC case folding) with exact counts and
 * the window's total and distinct words out; every bad line to the dead letters with its reason;
 * every line later than the allowed lateness to the late-data folder. The ledger accounts for
 * every line: {@code lines_read = records_cleaned + records_dead_lettered} and
 * {@code records_cleaned = windowed_events + dropped_late}.
 */
public final class WordCountPipeline implements BeamlinePipeline<WordCountOptions> {
  public static final String NAME = "wordcount";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Top-N words per event-time window over multilingual text (ICU word breaks, NFKC case "
        + "folding), bad lines to dead letters";
  }

  @Override
  public Class<WordCountOptions> optionsClass() {
    return WordCountOptions.class;
  }

  @Override
  public String validate(WordCountOptions o) {
    WindowingSpec spec = WindowingSpec.fromOptions(o);
    TopWords.checkWindowsHaveBounds(spec);
    WindowedRun.check(o, spec);
    if (o.getTopN() < 1) {
      throw new IllegalArgumentException("--topN must be >= 1, was " + o.getTopN());
    }
    WindowedRun.checkShards(o.getNumShards());
    return WindowedRun.plan(o, ReadInput.describe(o, "input", o.getInput()) + "; top "
        + o.getTopN() + " words per window; windows: " + spec.describe(), spec);
  }

  @Override
  public void build(Pipeline p, WordCountOptions o) {
    WithFailures.Result<PCollection<Row>, DeadLetter> lines = p
        .apply("ReadLines", ReadInput.of(o, o.getInput(), TextLines.CLEAN.jsonLineEventTime()))
        .apply("CleanLines", TextLines.CLEAN.withCounterNamespace(COUNTER_NAMESPACE).fromJsonLines());

    PCollectionTuple top = lines.output()
        .apply("Text", MapElements.into(TypeDescriptors.strings())
            .via((Row line) -> line.getString(TextLines.TEXT)))
        .apply("TopWords", TopWords.of(WindowingSpec.fromOptions(o)).withTopN(o.getTopN()));
    top.get(TopWords.TOP)
        .apply("WriteResults", WriteOutput.of(o, o.getOutput(), "outputTopic", o.getOutputTopic(),
                WindowTopWords::toJson)
            .withKey((WindowTopWords w) -> w.windowStart().toString())
            .withCounter("results_written")
            .withNumShards(o.getNumShards()));
    top.get(TopWords.LATE)
        .apply("WriteLateData", WriteOutput.lateData(o, o.getLateData(), LateLineJson::of)
            .withNumShards(o.getNumShards()));

    lines.failures()
        .apply("WriteDeadLetters", WriteOutput.deadLetters(o, o.getDeadLetters())
            .withNumShards(o.getNumShards()));
  }

  @Override
  public List<String> counters() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered", "windowed_events",
        "dropped_late", "words", "results_written", "dead_letters_written", "late_data_written");
  }

  @Override
  public List<List<String>> ledger() {
    return List.of(
        List.of("lines_read", "records_cleaned", "records_dead_lettered"),
        List.of("records_cleaned", "windowed_events", "dropped_late"));
  }

  @Override
  public List<PipelineOutput> outputs(WordCountOptions o) {
    return List.of(
        PipelineOutput.of("results", o.getOutput(), o.getOutputTopic()),
        PipelineOutput.of("dead letters", o.getDeadLetters(), o.getDeadLetterTopic()),
        PipelineOutput.of("late data", o.getLateData(), o.getLateDataTopic()));
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new WordCountGenerator());
  }
}
