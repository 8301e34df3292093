package dev.beamline.pipelines.wordcount;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.combine.TopCounts;
import dev.beamline.transforms.late.LateElement;
import dev.beamline.transforms.testing.PipelineCounters;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.Arrays;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * Top words per window by lateness case: on time (also out of order), early, late within the
 * allowed lateness, droppably late; exact counts and totals in every pane, over English, German
 * (ß), Chinese and Japanese text.
 */
public class TopWordsTest {
  private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, MINUTE);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(MINUTE), MINUTE);

  // die strasse ist voll
  private static final String GERMAN = "Die Straße ist voll.";
  // die strasse ist nass
  private static final String GERMAN_SHOUTED = "DIE STRASSE ist nass";
  // 我们 今天 去 北京 大学 看 樱花
  private static final String CHINESE = "我们今天去北京大学看樱花。";
  // 東京タワー に 行き ま した
  private static final String JAPANESE = "東京タワーに行きました";
  // the the the the
  private static final String THE = "The the THE ＴＨＥ";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<String> line(String text, int secondsAfterT0) {
    return TimestampedValue.of(text, T0.plus(Duration.standardSeconds(secondsAfterT0)));
  }

  private static TestStream.Builder<String> stream() {
    return TestStream.create(StringUtf8Coder.of()).advanceWatermarkTo(T0);
  }

  @SafeVarargs
  private static WindowTopWords top(IntervalWindow w, Timing timing, long index, boolean last,
      long total, long distinct, KV<String, Long>... words) {
    return new WindowTopWords(w.start().getMillis(), w.end().getMillis(),
        new TopCounts<>(Arrays.asList(words), total, distinct), timing, index, last);
  }

  private static KV<String, Long> w(String word, long count) {
    return KV.of(word, count);
  }

  private PCollectionTuple topWords(TestStream<String> lines, TopWords transform) {
    return p.apply(lines).apply(transform);
  }

  private PCollection<WindowTopWords> top(TestStream<String> lines, TopWords transform) {
    return topWords(lines, transform).get(TopWords.TOP);
  }

  // NotOnSparkStreaming: wordcount splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_multilingualLinesGiveExactTopWordsAndTotals() {
    TestStream<String> lines = stream()
        .addElements(line(GERMAN, 1), line(GERMAN_SHOUTED, 2), line(CHINESE, 3))
        .addElements(line(JAPANESE, 4), line(THE, 5))
        .addElements(line(CHINESE, 61))
        .advanceWatermarkToInfinity();

    PCollectionTuple out = topWords(lines, TopWords.of(WindowingSpec.fixed(MINUTE)).withTopN(4));

    // 24 words: the x4, die/ist/strasse x2 (ties in code-point order), 14 words once; 18 distinct.
    PAssert.that(out.get(TopWords.TOP)).inOnTimePane(FIRST).containsInAnyOrder(top(FIRST,
        Timing.ON_TIME, 0, true, 24, 18, w("the", 4), w("die", 2), w("ist", 2), w("strasse", 2)));
    // Chinese is segmented into words, not counted as one run: 7 words, all once; 今天 (U+4ECA)
    // sorts before 北京 (U+5317), 去, 大学, 我们, 樱花 and 看.
    PAssert.that(out.get(TopWords.TOP)).inOnTimePane(SECOND).containsInAnyOrder(top(SECOND,
        Timing.ON_TIME, 0, true, 7, 7, w("今天", 1), w("北京", 1), w("去", 1), w("大学", 1)));
    PAssert.that(out.get(TopWords.LATE)).empty();
    PipelineResult result = p.run();
    assertEquals(6, PipelineCounters.counter(result, "beamline", "windowed_events"));
    assertEquals(0, PipelineCounters.counter(result, "beamline", "dropped_late"));
    assertEquals(31, PipelineCounters.counter(result, "beamline", "words"));
  }

  // NotOnSparkStreaming: wordcount splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTime_outOfOrderLinesWithinTheWatermarkGiveTheSameAnswer() {
    TestStream<String> lines = stream()
        .addElements(line(THE, 5), line(CHINESE, 61))
        .addElements(line(JAPANESE, 4), line(GERMAN_SHOUTED, 2))
        .addElements(line(CHINESE, 3), line(GERMAN, 1))
        .advanceWatermarkToInfinity();

    PCollection<WindowTopWords> out = top(lines, TopWords.of(WindowingSpec.fixed(MINUTE)).withTopN(4));

    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(top(FIRST, Timing.ON_TIME, 0, true,
        24, 18, w("the", 4), w("die", 2), w("ist", 2), w("strasse", 2)));
    p.run();
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming: wordcount splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSparkStreaming.class})
  public void early_aSpeculativePaneThenAnOnTimePaneThatRestatesTheWholeWindow() {
    TestStream<String> lines = stream()
        .addElements(line(GERMAN, 1), line(GERMAN_SHOUTED, 2))
        .advanceProcessingTime(Duration.standardSeconds(11))
        .addElements(line(THE, 5))
        .advanceWatermarkToInfinity();

    PCollection<WindowTopWords> out = top(lines, TopWords.of(WindowingSpec.fixed(MINUTE)
        .withEarlyFiringsEvery(Duration.standardSeconds(10))).withTopN(2));

    PAssert.that(out).inEarlyPane(FIRST).containsInAnyOrder(
        top(FIRST, Timing.EARLY, 0, false, 8, 5, w("die", 2), w("ist", 2)));
    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(
        top(FIRST, Timing.ON_TIME, 1, true, 12, 6, w("the", 4), w("die", 2)));
    p.run();
  }

  // NotOnSparkStreaming: wordcount splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateWithinAllowedLateness_aLatePaneRestatesTheWindowWithTheLateLine() {
    TestStream<String> lines = stream()
        .addElements(line(GERMAN, 1))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(90)))
        // 88 s behind the watermark, lateness allows 120 s. One word, so one late pane on every
        // runner: the trigger fires a late pane per late element, and the elements are words.
        .addElements(line("STRASSE!", 2))
        .advanceWatermarkToInfinity();

    PCollection<WindowTopWords> out = top(lines, TopWords.of(WindowingSpec.fixed(MINUTE)
        .withAllowedLateness(Duration.standardMinutes(2))).withTopN(2));

    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(
        top(FIRST, Timing.ON_TIME, 0, false, 4, 4, w("die", 1), w("ist", 1)));
    PAssert.that(out).inLatePane(FIRST).containsInAnyOrder(
        top(FIRST, Timing.LATE, 1, false, 5, 4, w("strasse", 2), w("die", 1)));
    p.run();
  }


  // NotOnSparkStreaming: wordcount splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLate_aLineAfterTheWindowClosedGoesToTheLateOutputWithTheWindowItMissed() {
    TestStream<String> lines = stream()
        .addElements(line(GERMAN, 1))
        .advanceWatermarkTo(T0.plus(MINUTE).plus(Duration.standardMinutes(2)).plus(Duration.millis(1)))
        .addElements(line(THE, 2))
        .advanceWatermarkToInfinity();

    PCollectionTuple out = topWords(lines, TopWords.of(WindowingSpec.fixed(MINUTE)
        .withAllowedLateness(Duration.standardMinutes(2))).withTopN(1));

    PAssert.that(out.get(TopWords.TOP)).inWindow(FIRST).containsInAnyOrder(
        top(FIRST, Timing.ON_TIME, 0, true, 4, 4, w("die", 1)));
    Instant late = T0.plus(Duration.standardSeconds(2));
    PAssert.that(out.get(TopWords.LATE)).containsInAnyOrder(
        new LateElement<>(THE, late, FIRST.start(), FIRST.end()));
    PipelineResult result = p.run();
    assertEquals(1, PipelineCounters.counter(result, "beamline", "windowed_events"));
    assertEquals(1, PipelineCounters.counter(result, "beamline", "dropped_late"));
    // Nothing was left for Beam to drop silently.
    long droppedByBeam = 0;
    for (MetricResult<Long> c : result.metrics().allMetrics().getCounters()) {
      if (c.getName().getName().equalsIgnoreCase("droppedDueToLateness")) {
        droppedByBeam += c.getAttempted();
      }
    }
    assertEquals(0, droppedByBeam);
  }

  // NotOnSparkStreaming: wordcount splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLate_aLineLateForItsOlderSlidingWindowStillCountsInTheNewerOne() {
    TestStream<String> lines = stream()
        .addElements(line(GERMAN, 1))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(61))) // [08:00, 08:01) has closed
        .addElements(line(THE, 40)) // late for [08:00, 08:01), on time for [08:00:30, 08:01:30)
        .advanceWatermarkToInfinity();

    PCollectionTuple out = topWords(lines, TopWords.of(
        WindowingSpec.sliding(MINUTE, Duration.standardSeconds(30))).withTopN(1));

    IntervalWindow w30 = new IntervalWindow(T0.plus(Duration.standardSeconds(30)), MINUTE);
    PAssert.that(out.get(TopWords.TOP)).inOnTimePane(FIRST).containsInAnyOrder(
        top(FIRST, Timing.ON_TIME, 0, true, 4, 4, w("die", 1)));
    PAssert.that(out.get(TopWords.TOP)).inOnTimePane(w30).containsInAnyOrder(
        top(w30, Timing.ON_TIME, 0, true, 4, 1, w("the", 4)));
    Instant late = T0.plus(Duration.standardSeconds(40));
    PAssert.that(out.get(TopWords.LATE)).containsInAnyOrder(
        new LateElement<>(THE, late, FIRST.start(), FIRST.end()));
    PipelineResult result = p.run();
    // The line counts once as windowed: it reached at least one of its windows.
    assertEquals(2, PipelineCounters.counter(result, "beamline", "windowed_events"));
    assertEquals(0, PipelineCounters.counter(result, "beamline", "dropped_late"));
  }

  @Test
  public void lateLinesAreWrittenWithTheWindowTheyMissed() {
    assertEquals("{\"text\":\"Die Straße\",\"eventTime\":\"2026-11-01T08:00:02.000Z\","
        + "\"windowStart\":\"2026-11-01T08:00:00.000Z\",\"windowEnd\":\"2026-11-01T08:01:00.000Z\"}",
        LateLineJson.of(new LateElement<>("Die Straße", T0.plus(Duration.standardSeconds(2)),
            FIRST.start(), FIRST.end())));
  }

  @Test
  public void theGlobalWindowIsRefusedForResultsNameTheirWindow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TopWords.of(WindowingSpec.parse("--window=global --trigger=count:10")));
    assertEquals("wordcount reports the top words per window with its start and end, and "
        + "--window=global has none: use fixed, sliding, session or days windows", e.getMessage());
  }

  // NotOnSparkStreaming: wordcount splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void slidingWindowsCountALineInEveryWindowThatCoversIt() {
    TestStream<String> lines = stream()
        .addElements(line(THE, 45), line(GERMAN, 75))
        .advanceWatermarkToInfinity();

    PCollection<WindowTopWords> out = top(lines, TopWords.of(
        WindowingSpec.sliding(MINUTE, Duration.standardSeconds(30))).withTopN(1));

    IntervalWindow w0 = new IntervalWindow(T0, MINUTE);
    IntervalWindow w30 = new IntervalWindow(T0.plus(Duration.standardSeconds(30)), MINUTE);
    IntervalWindow w60 = new IntervalWindow(T0.plus(MINUTE), MINUTE);
    PAssert.that(out).inOnTimePane(w0).containsInAnyOrder(
        top(w0, Timing.ON_TIME, 0, true, 4, 1, w("the", 4)));
    PAssert.that(out).inOnTimePane(w30).containsInAnyOrder(
        top(w30, Timing.ON_TIME, 0, true, 8, 5, w("the", 4)));
    PAssert.that(out).inOnTimePane(w60).containsInAnyOrder(
        top(w60, Timing.ON_TIME, 0, true, 4, 4, w("die", 1)));
    p.run();
  }

  // NotOnSparkStreaming: wordcount splits off late data with SplitLateData, which refuses the SparkRunner in streaming mode: no event-time timers in Spark streaming (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void aWindowWithLinesButNoWordsGivesNoResult() {
    TestStream<String> lines = stream()
        .addElements(line("... !!! — ???", 1), line(THE, 61))
        .advanceWatermarkToInfinity();

    PCollection<WindowTopWords> out = top(lines, TopWords.of(WindowingSpec.fixed(MINUTE)).withTopN(1));

    PAssert.that(out).inWindow(FIRST).empty();
    PAssert.that(out).inOnTimePane(SECOND).containsInAnyOrder(
        top(SECOND, Timing.ON_TIME, 0, true, 4, 1, w("the", 4)));
    p.run();
  }

  @Test
  public void resultsRoundTripTheirCoderAndPrintOneJsonLine() throws Exception {
    WindowTopWords r = top(FIRST, Timing.ON_TIME, 0, true, 9, 4, w("strasse", 3), w("東京", 2));
    CoderProperties.coderDecodeEncodeEqual(WindowTopWordsCoder.of(), r);
    assertEquals("{\"windowStart\":\"2026-11-01T08:00:00.000Z\",\"windowEnd\":\"2026-11-01T08:01:00.000Z\","
        + "\"totalWords\":9,\"distinctWords\":4,\"top\":[{\"word\":\"strasse\",\"count\":3},"
        + "{\"word\":\"東京\",\"count\":2}],\"pane\":{\"timing\":\"ON_TIME\",\"index\":0,\"final\":true}}",
        r.toJson());
  }

  @Test
  public void topNIsAtLeastOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TopWords.of(WindowingSpec.fixed(MINUTE)).withTopN(0));
    assertEquals("the number of top words must be >= 1, was 0", e.getMessage());
  }
}
