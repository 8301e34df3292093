package dev.beamline.pipelines.wordcount;

import dev.beamline.pipelines.PipelineFlags;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** What wordcount checks before anything runs, with the message the user reads. */
public class WordCountPipelineTest {
  private static final String SAMPLE = System.getProperty("beamline.home", "..")
      + "/testdata/wordcount/sample.jsonl";
  private final WordCountPipeline pipeline = new WordCountPipeline();

  private static WordCountOptions options(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--input=" + SAMPLE;
    System.arraycopy(args, 0, all, 1, args.length);
    return PipelineFlags.parse(WordCountOptions.class, all);
  }

  @Test
  public void theDefaultsDescribeTheRun() {
    assertEquals("input " + SAMPLE + " (1 file); top 10 words per window; windows: tumbling 1m, "
        + "on time, allowed lateness 0, accumulating panes", pipeline.validate(options()));
  }

  @Test
  public void earlyAndLatePanesAreAccepted() {
    assertEquals("input " + SAMPLE + " (1 file); top 3 words per window; windows: sliding 5m every "
        + "1m, on time, early firings every 10s, late firings on every late element, allowed "
        + "lateness 2m, accumulating panes",
        pipeline.validate(options("--topN=3", "--windowSize=5m", "--windowSlide=1m",
            "--earlyFiringsEvery=10s", "--allowedLateness=2m")));
  }

  @Test
  public void sparkStreamingIsRefusedForLateDataNeedsEventTimeTimers() {
    assertEquals("SplitLateData cannot run on SparkRunner in streaming mode: it reads the watermark through an "
        + "event-time timer, which the Spark runner does not support in streaming (apache/beam#33237), "
        + "and without it late data cannot be told apart. Run in batch (bounded input), or on the Flink "
        + "or Direct runner. Use --profile=flink-local --streaming=true for streaming, or "
        + "--streaming=false.",
        assertThrows(IllegalArgumentException.class, () -> pipeline.validate(
            options("--runner=SparkRunner", "--streaming=true"))).getMessage());
  }

  @Test
  public void theGlobalWindowIsRefused() {
    assertEquals("wordcount reports the top words per window with its start and end, and "
        + "--window=global has none: use fixed, sliding, session or days windows",
        assertThrows(IllegalArgumentException.class, () -> pipeline.validate(
            options("--window=global", "--trigger=count:100"))).getMessage());
  }

  @Test
  public void badNumbersAreRefused() {
    assertEquals("--topN must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
        () -> pipeline.validate(options("--topN=0"))).getMessage());
    assertEquals("--numShards must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
        () -> pipeline.validate(options("--numShards=-1"))).getMessage());
  }
}
