package dev.beamline.pipelines.trendingtopics;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.PipelineOutput;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.pipelines.WindowedRun;
import dev.beamline.pipelines.io.ReadInput;
import dev.beamline.pipelines.io.WriteOutput;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.windowing.Durations;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * trending-topics: JSON Lines social posts in (files or a Kafka topic); resent posts dropped by
 * postId; per event-time window, the hashtags (Unicode, case-folded) with the highest trend against
 * the window one slide earlier, with their counts; every bad line to the dead letters with its
 * reason; every post that came after its window had fired to the late-data folder. The ledger
 * accounts for every line: {@code lines_read = records_cleaned + records_dead_lettered} and
 * {@code records_cleaned = windowed_events + dropped_late + duplicates_dropped}.
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
    // The late-data check covers dropping resent posts too: both need event-time timers.
    WindowedRun.check(o, spec);
    if (o.getTopK() < 1) {
      throw new IllegalArgumentException("--topK must be >= 1, was " + o.getTopK());
    }
    WindowedRun.checkShards(o.getNumShards());
    Duration dedup = dedupWithin(o);
    return WindowedRun.plan(o, ReadInput.describe(o, "input", o.getInput()) + "; top "
        + o.getTopK() + " hashtags per window by trend; resent posts dropped within "
        + Durations.format(dedup) + "; windows: " + spec.describe(), spec);
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
        .apply("ReadLines", ReadInput.of(o, o.getInput(), Posts.CLEAN.jsonLineEventTime()))
        .apply("CleanPosts", Posts.CLEAN.withCounterNamespace(COUNTER_NAMESPACE).fromJsonLines());

    PCollectionTuple trending = posts.output()
        .apply("DropResentPosts", ResentPosts.dropWithin(dedupWithin(o)))
        .apply("TrendingHashtags", TrendingHashtags.of(WindowingSpec.fromOptions(o))
            .withTopK(o.getTopK()));
    trending.get(TrendingHashtags.TRENDS)
        .apply("WriteResults", WriteOutput.of(o, o.getOutput(), "outputTopic", o.getOutputTopic(),
                WindowTrends::toJson)
            .withKey((WindowTrends w) -> w.windowStart().toString())
            .withCounter("results_written")
            .withNumShards(o.getNumShards()));
    trending.get(TrendingHashtags.LATE)
        .apply("WriteLateData", WriteOutput.lateData(o, o.getLateData(), LatePostJson::of)
            .withNumShards(o.getNumShards()));

    posts.failures()
        .apply("WriteDeadLetters", WriteOutput.deadLetters(o, o.getDeadLetters())
            .withNumShards(o.getNumShards()));
  }

  @Override
  public List<String> counters() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered", "duplicates_dropped",
        "windowed_events", "dropped_late", "hashtags_counted", "results_written", "dead_letters_written", "late_data_written");
  }

  @Override
  public List<List<String>> ledger() {
    return List.of(
        List.of("lines_read", "records_cleaned", "records_dead_lettered"),
        List.of("records_cleaned", "windowed_events", "dropped_late", "duplicates_dropped"));
  }

  @Override
  public List<PipelineOutput> outputs(TrendingTopicsOptions o) {
    return List.of(
        PipelineOutput.of("results", o.getOutput(), o.getOutputTopic()),
        PipelineOutput.of("dead letters", o.getDeadLetters(), o.getDeadLetterTopic()),
        PipelineOutput.of("late data", o.getLateData(), o.getLateDataTopic()));
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new PostGenerator());
  }
}
