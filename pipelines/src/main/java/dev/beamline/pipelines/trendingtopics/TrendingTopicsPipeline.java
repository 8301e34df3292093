package dev.beamline.pipelines.trendingtopics;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.InputFiles;
import dev.beamline.pipelines.OutputFolders;
import dev.beamline.pipelines.RunnerCapabilities;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.ReadLinesWithSource;
import dev.beamline.transforms.io.WriteJsonLines;
import dev.beamline.transforms.windowing.Durations;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * trending-topics: JSON Lines social posts in; resent posts dropped by postId; per event-time
 * window, the hashtags (Unicode, case-folded) with the highest trend against the window one slide
 * earlier, with their counts; every bad line to the dead-letter folder with its reason.
 */
public final class TrendingTopicsPipeline implements BeamlinePipeline<TrendingTopicsOptions> {
  public static final String NAME = "trending-topics";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Top-K hashtags per sliding window by trend against the previous window, Unicode "
        + "hashtags, resent posts counted once";
  }

  @Override
  public Class<TrendingTopicsOptions> optionsClass() {
    return TrendingTopicsOptions.class;
  }

  @Override
  public String validate(TrendingTopicsOptions o) {
    WindowingSpec spec = WindowingSpec.fromOptions(o);
    TrendingHashtags.checkFiresOnce(spec);
    RunnerCapabilities.checkWindowing(o, spec);
    if (RunnerCapabilities.isSpark(o) && RunnerCapabilities.isStreaming(o)) {
      throw new IllegalArgumentException(RunnerCapabilities.runnerName(o) + " in streaming mode has "
          + "no event-time timers, which dropping resent posts by postId needs (DeduplicateById; "
          + "apache/beam#33237). Use batch mode (--streaming=false) or --profile=flink-local.");
    }
    if (o.getTopK() < 1) {
      throw new IllegalArgumentException("--topK must be >= 1, was " + o.getTopK());
    }
    if (o.getNumShards() < 0) {
      throw new IllegalArgumentException("--numShards must be >= 0, was " + o.getNumShards());
    }
    Duration dedup = dedupWithin(o);
    int files = InputFiles.requireMatch("input", o.getInput(), o);
    return "input " + o.getInput() + " (" + files + (files == 1 ? " file" : " files") + "); top "
        + o.getTopK() + " hashtags per window by trend; resent posts dropped within "
        + Durations.format(dedup) + "; windows: " + spec.describe();
  }

  private static Duration dedupWithin(TrendingTopicsOptions o) {
    Duration d;
    try {
      d = Durations.parse(o.getDedupWithin());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--dedupWithin: " + e.getMessage(), e);
    }
    if (d.getMillis() <= 0) {
      throw new IllegalArgumentException("--dedupWithin must be positive, was " + o.getDedupWithin());
    }
    return d;
  }

  @Override
  public void build(Pipeline p, TrendingTopicsOptions o) {
    WithFailures.Result<PCollection<Row>, DeadLetter> posts = p
        .apply("ReadLines", ReadLinesWithSource.from(o.getInput()).withCounterNamespace(COUNTER_NAMESPACE))
        .apply("CleanPosts", Posts.CLEAN.withCounterNamespace(COUNTER_NAMESPACE).fromJsonLines());

    posts.output()
        .apply("HashtagsOfUniquePosts", PostHashtags.dedupWithin(dedupWithin(o))
            .withCounterNamespace(COUNTER_NAMESPACE))
        .apply("TrendingHashtags", TrendingHashtags.of(WindowingSpec.fromOptions(o)).withTopK(o.getTopK()))
        .apply("TrendsToJson", MapElements.into(TypeDescriptors.strings()).via(WindowTrends::toJson))
        .apply("WriteResults", WriteJsonLines.to(o.getOutput())
            .withCounter(COUNTER_NAMESPACE, "results_written")
            .withNumShards(o.getNumShards()));

    posts.failures()
        .apply("DeadLettersToJson", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::toJson))
        .apply("WriteDeadLetters", WriteJsonLines.to(o.getDeadLetters())
            .withCounter(COUNTER_NAMESPACE, "dead_letters_written")
            .withNumShards(o.getNumShards()));
  }

  @Override
  public List<String> counters() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered", "duplicates_dropped",
        "posts", "posts_without_hashtags", "hashtags", "results_written", "dead_letters_written");
  }

  @Override
  public List<String> ledger() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered");
  }

  @Override
  public List<String> outputs(TrendingTopicsOptions o) {
    return List.of("results: " + o.getOutput(), "dead letters: " + o.getDeadLetters());
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new PostGenerator());
  }

  @Override
  public void clearPreviousOutputs(TrendingTopicsOptions o) {
    OutputFolders.clearParts(o.getOutput());
    OutputFolders.clearParts(o.getDeadLetters());
  }
}
