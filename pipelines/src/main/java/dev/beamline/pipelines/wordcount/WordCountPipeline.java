package dev.beamline.pipelines.wordcount;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.InputFiles;
import dev.beamline.pipelines.OutputFolders;
import dev.beamline.pipelines.RunnerCapabilities;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.ReadLinesWithSource;
import dev.beamline.transforms.io.WriteJsonLines;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * wordcount: JSON Lines of text with event times in; per event-time window, the most frequent
 * words (Unicode word breaks, NFKC case folding) with exact counts and the window's total and
 * distinct words out; every bad line to the dead-letter folder with its reason.
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
    RunnerCapabilities.checkWindowing(o, spec);
    if (RunnerCapabilities.isSpark(o) && RunnerCapabilities.isStreaming(o)) {
      // CleanJsonLines refuses it too, but only when the graph is built (exit code 1, not 2).
      throw new IllegalArgumentException(RunnerCapabilities.runnerName(o) + " in streaming mode "
          + "fails on bounded file input with a dead-letter output (NullPointerException in "
          + "EvaluationContext.isLeaf, Beam 2.70). Use batch mode (--streaming=false) or "
          + "--profile=flink-local.");
    }
    if (o.getTopN() < 1) {
      throw new IllegalArgumentException("--topN must be >= 1, was " + o.getTopN());
    }
    if (o.getNumShards() < 0) {
      throw new IllegalArgumentException("--numShards must be >= 0, was " + o.getNumShards());
    }
    int files = InputFiles.requireMatch("input", o.getInput(), o);
    String notes = RunnerCapabilities.notes(o, spec);
    return "input " + o.getInput() + " (" + files + (files == 1 ? " file" : " files") + "); top "
        + o.getTopN() + " words per window; windows: " + spec.describe()
        + (notes.isEmpty() ? "" : "\n" + notes);
  }

  @Override
  public void build(Pipeline p, WordCountOptions o) {
    WithFailures.Result<PCollection<Row>, DeadLetter> lines = p
        .apply("ReadLines", ReadLinesWithSource.from(o.getInput()).withCounterNamespace(COUNTER_NAMESPACE))
        .apply("CleanLines", TextLines.CLEAN.withCounterNamespace(COUNTER_NAMESPACE).fromJsonLines());

    lines.output()
        .apply("Text", MapElements.into(TypeDescriptors.strings())
            .via((Row line) -> line.getString(TextLines.TEXT)))
        .apply("TopWords", TopWords.of(WindowingSpec.fromOptions(o)).withTopN(o.getTopN()))
        .apply("TopWordsToJson", MapElements.into(TypeDescriptors.strings()).via(WindowTopWords::toJson))
        .apply("WriteResults", WriteJsonLines.to(o.getOutput())
            .withCounter(COUNTER_NAMESPACE, "results_written")
            .withNumShards(o.getNumShards()));

    lines.failures()
        .apply("DeadLettersToJson", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::toJson))
        .apply("WriteDeadLetters", WriteJsonLines.to(o.getDeadLetters())
            .withCounter(COUNTER_NAMESPACE, "dead_letters_written")
            .withNumShards(o.getNumShards()));
  }

  @Override
  public List<String> counters() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered", "words",
        "results_written", "dead_letters_written");
  }

  @Override
  public List<String> ledger() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered");
  }

  @Override
  public List<String> outputs(WordCountOptions o) {
    return List.of("results: " + o.getOutput(), "dead letters: " + o.getDeadLetters());
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new WordCountGenerator());
  }

  @Override
  public void clearPreviousOutputs(WordCountOptions o) {
    OutputFolders.clearParts(o.getOutput());
    OutputFolders.clearParts(o.getDeadLetters());
  }
}
