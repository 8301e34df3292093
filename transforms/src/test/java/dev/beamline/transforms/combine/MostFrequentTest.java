package dev.beamline.transforms.combine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * The most frequent elements per window, by lateness case: exact counts and totals in every pane,
 * ties by code point. Bounded tests assert the window only (SparkRunner in batch mode emits
 * Combine.globally results without ON_TIME pane timing); TestStream tests assert panes.
 */
public class MostFrequentTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, MINUTE);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(MINUTE), MINUTE);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<String> at(String word, int second) {
    return TimestampedValue.of(word, T0.plus(Duration.standardSeconds(second)));
  }

  @SafeVarargs
  private static TopCounts<String> top(long total, long distinct, KV<String, Long>... entries) {
    return new TopCounts<>(Arrays.asList(entries), total, distinct);
  }

  private static KV<String, Long> kv(String word, long count) {
    return KV.of(word, count);
  }

  private static TestStream.Builder<String> stream() {
    return TestStream.create(StringUtf8Coder.of()).advanceWatermarkTo(T0);
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeTopNPerWindowWithTotalsAndTiesInCodePointOrder() {
    PCollection<TopCounts<String>> out = p
        .apply(Create.timestamped(at("b", 1), at("a", 2), at("c", 3), at("b", 4), at("é", 5),
            at("a", 6), at("z", 7), at("d", 61)))
        .apply(Window.into(FixedWindows.of(MINUTE)))
        .apply(MostFrequent.top(3));

    // a and b tie at 2: a first; c, é and z tie at 1: c (U+0063) before z (U+007A) before é (U+00E9).
    PAssert.that(out).inWindow(FIRST).containsInAnyOrder(
        top(7, 5, kv("a", 2), kv("b", 2), kv("c", 1)));
    PAssert.that(out).inWindow(SECOND).containsInAnyOrder(top(1, 1, kv("d", 1)));
    p.run();
  }

  @Test
  @Category(UsesTestStream.class)
  public void onTimeOutOfOrderArrivalGivesTheSameAnswer() {
    TestStream<String> words = stream()
        .addElements(at("y", 50), at("x", 10))
        .addElements(at("x", 5), at("y", 20), at("y", 1))
        .advanceWatermarkToInfinity();

    PAssert.that(p.apply(words).apply(Window.into(FixedWindows.of(MINUTE)))
            .apply(MostFrequent.top(5)))
        .inOnTimePane(FIRST).containsInAnyOrder(top(5, 2, kv("y", 3), kv("x", 2)));
    p.run();
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming (untestable): the Spark runner's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Spark Runner") (apache/beam#22620)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class, RunnerLimits.NotOnSparkStreaming.class})
  public void earlyPanesAreExactAndTheOnTimePaneRestatesTheWindow() {
    TestStream<String> words = stream()
        .addElements(at("a", 1), at("b", 2), at("a", 3))
        .advanceProcessingTime(Duration.standardSeconds(11))
        .addElements(at("b", 4), at("b", 5))
        .advanceWatermarkToInfinity();

    PCollection<TopCounts<String>> out = p.apply(words)
        .apply(Window.<String>into(FixedWindows.of(MINUTE))
            .triggering(AfterWatermark.pastEndOfWindow().withEarlyFirings(
                AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.standardSeconds(10))))
            .withAllowedLateness(Duration.ZERO)
            .accumulatingFiredPanes())
        .apply(MostFrequent.top(2));

    PAssert.that(out).inEarlyPane(FIRST).containsInAnyOrder(top(3, 2, kv("a", 2), kv("b", 1)));
    // b appears once, with its whole count: a count-then-rank cascade would list b twice here.
    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(top(5, 2, kv("b", 3), kv("a", 2)));
    p.run();
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming (untestable): the Spark runner's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Spark Runner") (apache/beam#22620)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class, RunnerLimits.NotOnSparkStreaming.class})
  public void earlyPanesThatDiscardRankOnlyWhatArrivedSinceTheLastFiring() {
    TestStream<String> words = stream()
        .addElements(at("a", 1), at("a", 3))
        .advanceProcessingTime(Duration.standardSeconds(11))
        .addElements(at("b", 4))
        .advanceWatermarkToInfinity();

    PCollection<TopCounts<String>> out = p.apply(words)
        .apply(Window.<String>into(FixedWindows.of(MINUTE))
            .triggering(AfterWatermark.pastEndOfWindow().withEarlyFirings(
                AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.standardSeconds(10))))
            .withAllowedLateness(Duration.ZERO)
            .discardingFiredPanes())
        .apply(MostFrequent.top(2));

    PAssert.that(out).inEarlyPane(FIRST).containsInAnyOrder(top(2, 1, kv("a", 2)));
    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(top(1, 1, kv("b", 1)));
    p.run();
  }

  @Test
  @Category(UsesTestStream.class)
  public void lateWithinAllowedLatenessGivesALatePaneThatRestatesTheWindow() {
    TestStream<String> words = stream()
        .addElements(at("a", 1), at("b", 2))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(90)))
        .addElements(at("b", 3)) // 30 s after the window closed, within 1 min of lateness
        .advanceWatermarkToInfinity();

    PCollection<TopCounts<String>> out = p.apply(words)
        .apply(Window.<String>into(FixedWindows.of(MINUTE))
            .triggering(AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(MINUTE)
            .accumulatingFiredPanes())
        .apply(MostFrequent.top(1));

    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(top(2, 2, kv("a", 1)));
    PAssert.that(out).inLatePane(FIRST).containsInAnyOrder(top(3, 2, kv("b", 2)));
    p.run();
  }

  // NotOnSparkStreaming: an element that arrives after its window expired opens a new pane on the SparkRunner in streaming mode instead of being dropped (Spark streaming has no allowed lateness; Beam capability matrix)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void droppablyLateElementsChangeNothing() {
    TestStream<String> words = stream()
        .addElements(at("a", 1))
        .advanceWatermarkTo(T0.plus(MINUTE).plus(MINUTE).plus(Duration.millis(1)))
        .addElements(at("b", 2), at("b", 3)) // past the window and its minute of lateness
        .advanceWatermarkToInfinity();

    PCollection<TopCounts<String>> out = p.apply(words)
        .apply(Window.<String>into(FixedWindows.of(MINUTE))
            .triggering(AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(MINUTE)
            .accumulatingFiredPanes())
        .apply(MostFrequent.top(3));

    PAssert.that(out).inWindow(FIRST).containsInAnyOrder(top(1, 1, kv("a", 1)));
    p.run();
  }

  // NotOnFlink (untestable): Flink's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Flink Runner") (apache/beam#8383)
  // NotOnSparkStreaming (untestable): the Spark runner's TestStream cannot advance processing time ("Advancing Processing time is not supported by the Spark Runner") (apache/beam#22620)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class, RunnerLimits.NotOnSparkStreaming.class})
  public void cascadeOfCountThenTopKDoubleCountsWithEarlyPanesWhichIsWhyThisExists() {
    // The reason for MostFrequent, shown: the same input as the early-pane test through
    // Count.perElement then TopK ranks b twice in the on-time pane (its early and on-time counts).
    TestStream<String> words = stream()
        .addElements(at("a", 1), at("b", 2), at("a", 3))
        .advanceProcessingTime(Duration.standardSeconds(11))
        .addElements(at("b", 4), at("b", 5))
        .advanceWatermarkToInfinity();

    PCollection<Ranking<String>> cascade = p.apply(words)
        .apply(Window.<String>into(FixedWindows.of(MINUTE))
            .triggering(AfterWatermark.pastEndOfWindow().withEarlyFirings(
                AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.standardSeconds(10))))
            .withAllowedLateness(Duration.ZERO)
            .accumulatingFiredPanes())
        .apply(Count.perElement())
        .apply(MapElements.via(new CountAsMetric()))
        .apply(TopK.largest(3));

    PAssert.that(cascade).inOnTimePane(FIRST).containsInAnyOrder(new Ranking<>(List.of(
        KV.of("b", 3.0), KV.of("a", 2.0), KV.of("a", 2.0))));
    p.run();
  }

  private static final class CountAsMetric extends SimpleFunction<KV<String, Long>, KV<String, Double>> {
    @Override
    public KV<String, Double> apply(KV<String, Long> kv) {
      return KV.of(kv.getKey(), (double) kv.getValue());
    }
  }

  @Test
  public void mergeOrderDoesNotChangeTheAnswer() {
    MostFrequentFn<String> fn = new MostFrequentFn<>(2, StringUtf8Coder.of());
    Map<String, Long> x = fn.createAccumulator();
    Map<String, Long> y = fn.createAccumulator();
    Map<String, Long> z = fn.createAccumulator();
    for (String w : List.of("q", "r", "q")) {
      fn.addInput(x, w);
    }
    for (String w : List.of("r", "s")) {
      fn.addInput(y, w);
    }
    fn.addInput(z, "s");
    TopCounts<String> expected = top(6, 3, kv("q", 2), kv("r", 2));
    assertEquals(expected, fn.extractOutput(fn.mergeAccumulators(copies(x, y, z))));
    assertEquals(expected, fn.extractOutput(fn.mergeAccumulators(copies(z, y, x))));
    assertEquals(expected, fn.extractOutput(fn.mergeAccumulators(copies(y, z, x))));
  }

  @SafeVarargs
  private static List<Map<String, Long>> copies(Map<String, Long>... maps) {
    List<Map<String, Long>> out = new ArrayList<>();
    for (Map<String, Long> m : maps) {
      out.add(new java.util.HashMap<>(m));
    }
    return out;
  }

  @Test
  public void topCountsCoderRoundTripsAndIsDeterministicForStrings() throws Exception {
    TopCountsCoder<String> coder = TopCountsCoder.of(StringUtf8Coder.of());
    CoderProperties.coderDecodeEncodeEqual(coder, top(9, 4, kv("東京", 5), kv("straße", 2)));
    CoderProperties.coderDecodeEncodeEqual(coder, top(0, 0));
    coder.verifyDeterministic();
  }

  @Test
  public void inconsistentCountsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> top(1, 2, kv("a", 1)));
    assertEquals("inconsistent counts: 1 top entries, 2 distinct, 1 total", e.getMessage());
  }

  @Test
  public void nonDeterministicElementCoderIsRefused() {
    PCollection<Double> in = p.apply(Create.of(1.0).withCoder(DoubleCoder.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> in.apply(MostFrequent.top(1)));
    assertEquals("MostFrequent orders ties by encoded element and needs a deterministic coder, but "
        + "DoubleCoder is not: Floating point encodings are not guaranteed to be deterministic.",
        e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }

  @Test
  public void nIsAtLeastOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MostFrequent.top(0));
    assertEquals("n must be >= 1, was 0", e.getMessage());
  }
}
