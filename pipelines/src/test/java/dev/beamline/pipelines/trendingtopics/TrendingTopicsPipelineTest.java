package dev.beamline.pipelines.trendingtopics;

import dev.beamline.pipelines.PipelineFlags;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** What trending-topics refuses before anything runs, with the message the user reads. */
public class TrendingTopicsPipelineTest {
  private static final String SAMPLE = System.getProperty("beamline.home", "..")
      + "/testdata/trending-topics/sample.jsonl";
  private final TrendingTopicsPipeline pipeline = new TrendingTopicsPipeline();

  private static TrendingTopicsOptions options(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--input=" + SAMPLE;
    System.arraycopy(args, 0, all, 1, args.length);
    return PipelineFlags.parse(TrendingTopicsOptions.class, all);
  }

  private String refusal(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> pipeline.validate(options(args)))
        .getMessage();
  }

  @Test
  public void theDefaultsDescribeTheRun() {
    assertEquals("input " + SAMPLE + " (1 file); top 10 hashtags per window by trend; resent posts "
        + "dropped within 10m; windows: tumbling 1m, on time, allowed lateness 0, accumulating panes",
        pipeline.validate(options()));
  }

  @Test
  public void earlyFiringsAreRefused() {
    assertThat(refusal("--windowSize=5m", "--windowSlide=1m", "--earlyFiringsEvery=10s"),
        startsWith("trending-topics fires each window once, at the watermark:"));
  }

  @Test
  public void theFullWindowingFlagsWorkToo() {
    assertEquals("input " + SAMPLE + " (1 file); top 10 hashtags per window by trend; resent posts "
        + "dropped within 10m; windows: sliding 5m every 1m, on time, allowed lateness 0, "
        + "accumulating panes", pipeline.validate(options("--window=sliding:5m/1m", "--trigger=ontime")));
    assertThat(refusal("--window=sliding:5m/1m", "--trigger=early:10s"),
        startsWith("trending-topics fires each window once, at the watermark:"));
    assertThat(refusal("--window=session:5m"),
        startsWith("trending-topics compares each window with the window one slide earlier"));
  }

  @Test
  public void allowedLatenessIsRefused() {
    assertThat(refusal("--allowedLateness=2m"),
        startsWith("trending-topics fires each window once, at the watermark:"));
  }

  @Test
  public void sparkStreamingIsRefusedForLateDataAndDeduplicationNeedEventTimeTimers() {
    // Dropping resent posts needs event-time timers as well.
    assertEquals("SplitLateData cannot run on SparkRunner in streaming mode: it reads the watermark through an "
        + "event-time timer, which the Spark runner does not support in streaming (apache/beam#33237), "
        + "and without it late data cannot be told apart. Run in batch (bounded input), or on the Flink "
        + "or Direct runner. Use --profile=flink-local --streaming=true for streaming, or "
        + "--streaming=false.",
        refusal("--runner=SparkRunner", "--streaming=true"));
  }

  @Test
  public void badNumbersAreRefused() {
    assertEquals("--topK must be >= 1, was 0", refusal("--topK=0"));
    assertEquals("--dedupWithin must be positive, was 0", refusal("--dedupWithin=0"));
    assertThat(refusal("--dedupWithin=soon"), startsWith("--dedupWithin: 'soon' is not a duration"));
  }
}
