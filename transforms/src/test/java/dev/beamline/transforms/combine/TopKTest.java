package dev.beamline.transforms.combine;

import org.junit.experimental.categories.Category;
import dev.beamline.transforms.testing.RunnerLimits;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.Create;
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

/**
 * Top-K keys by metric per window: exact rankings, ties broken by key. The bounded tests assert
 * the window only: SparkRunner in batch mode emits Combine.globally results without ON_TIME pane
 * timing. The TestStream test asserts panes (it passed on Direct, Flink streaming and, through
 * TestStream's streaming mode, Spark).
 */
public class TopKTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, MINUTE);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(MINUTE), MINUTE);
  private static final KvCoder<String, Double> CODER =
      KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of());

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<KV<String, Double>> m(String key, double metric, int second) {
    return TimestampedValue.of(KV.of(key, metric), T0.plus(Duration.standardSeconds(second)));
  }

  @SafeVarargs
  private static Ranking<String> ranking(KV<String, Double>... entries) {
    return new Ranking<>(Arrays.asList(entries));
  }

  private PCollection<KV<String, Double>> metrics() {
    return p
        .apply(Create.timestamped(
                m("a", 5, 1), m("c", 7, 2), m("d", 1, 3), m("b", 7, 4), m("x", 1, 61))
            .withCoder(CODER))
        .apply(Window.into(FixedWindows.of(MINUTE)));
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeLargestPerWindowBreaksTiesByKey() {
    PCollection<Ranking<String>> out = metrics().apply(TopK.<String>largest(3));

    PAssert.that(out).inWindow(FIRST).containsInAnyOrder(
        ranking(KV.of("b", 7.0), KV.of("c", 7.0), KV.of("a", 5.0)));
    PAssert.that(out).inWindow(SECOND).containsInAnyOrder(ranking(KV.of("x", 1.0)));
    p.run();
  }

  @Test
  @Category(UsesTestStream.class)
  public void lateMetricWithinAllowedLatenessGivesALatePaneWithTheRestatedRanking() {
    TestStream<KV<String, Double>> metrics = TestStream.create(CODER)
        .advanceWatermarkTo(T0)
        .addElements(m("a", 5, 1), m("b", 7, 2))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(90)))
        .addElements(m("z", 9, 3)) // 30 s after the window closed, within 1 min of lateness
        .advanceWatermarkToInfinity();

    PCollection<Ranking<String>> out = p.apply(metrics)
        .apply(Window.<KV<String, Double>>into(FixedWindows.of(MINUTE))
            .triggering(AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(MINUTE)
            .accumulatingFiredPanes())
        .apply(TopK.<String>largest(2));

    PAssert.that(out).inOnTimePane(FIRST).containsInAnyOrder(
        ranking(KV.of("b", 7.0), KV.of("a", 5.0)));
    PAssert.that(out).inLatePane(FIRST).containsInAnyOrder(
        ranking(KV.of("z", 9.0), KV.of("b", 7.0)));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeSmallestPerWindow() {
    PCollection<Ranking<String>> out = metrics().apply(TopK.<String>smallest(2));

    PAssert.that(out).inWindow(FIRST).containsInAnyOrder(
        ranking(KV.of("d", 1.0), KV.of("a", 5.0)));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeLargestPerGroup() {
    PCollection<KV<String, KV<String, Double>>> grouped = p.apply(Create.of(
        KV.of("north", KV.of("s1", 3.0)), KV.of("north", KV.of("s2", 9.0)),
        KV.of("north", KV.of("s3", 4.0)), KV.of("south", KV.of("s9", 2.0))));

    PAssert.that(grouped.apply(TopK.<String>largest(2).<String>perGroup())).containsInAnyOrder(
        KV.of("north", ranking(KV.of("s2", 9.0), KV.of("s3", 4.0))),
        KV.of("south", ranking(KV.of("s9", 2.0))));
    p.run();
  }

  @Test
  public void rankingCoderRoundTripsAndIsDeterministicForStringKeys() throws Exception {
    RankingCoder<String> coder = RankingCoder.of(StringUtf8Coder.of());
    CoderProperties.coderDecodeEncodeEqual(coder, ranking(KV.of("é", 1.5), KV.of("a", -0.0)));
    coder.verifyDeterministic();
  }

  @Test
  public void nonDeterministicKeyCoderIsRefused() {
    PCollection<KV<Double, Double>> in = p.apply(Create.of(KV.of(1.0, 1.0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> in.apply(TopK.<Double>largest(1)));
    assertEquals("TopK orders tied metrics by encoded key and needs a deterministic key coder, but "
        + "DoubleCoder is not: Floating point encodings are not guaranteed to be deterministic.",
        e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onePerKeyRanksEachKeyOnceByItsBestMetric() {
    List<TimestampedValue<KV<String, Double>>> in = new ArrayList<>();
    // Twelve keys, more than 2k: the partial results compact and must keep the right ones.
    for (int i = 0; i < 12; i++) {
      in.add(m("k" + i, i, 1));
    }
    in.add(m("k11", 3, 2)); // a worse metric of a key changes nothing
    in.add(m("k0", 20, 3)); // a better one replaces the key's metric
    in.add(m("k10", 11, 4)); // ties with k11: the smaller key ranks first
    PCollection<Ranking<String>> out = p
        .apply(Create.timestamped(in).withCoder(CODER))
        .apply(Window.into(FixedWindows.of(MINUTE)))
        .apply(TopK.<String>largest(3).onePerKey());

    PAssert.that(out).inWindow(FIRST).containsInAnyOrder(
        ranking(KV.of("k0", 20.0), KV.of("k10", 11.0), KV.of("k11", 11.0)));
    p.run();
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onePerKeySmallestKeepsEachKeysSmallestMetricPerGroup() {
    PCollection<KV<String, KV<String, Double>>> grouped = p.apply(Create.of(
        KV.of("north", KV.of("s1", 3.0)), KV.of("north", KV.of("s1", 1.0)),
        KV.of("north", KV.of("s2", 2.0)), KV.of("north", KV.of("s3", 4.0))));

    PAssert.that(grouped.apply(TopK.<String>smallest(2).onePerKey().<String>perGroup()))
        .containsInAnyOrder(KV.of("north", ranking(KV.of("s1", 1.0), KV.of("s2", 2.0))));
    p.run();
  }

  /**
   * The case onePerKey exists for: a per-key sum with late firings restates a key's sum in a late
   * pane, and the ranking downstream accumulates both restatements. Top.of ranks the key twice;
   * onePerKey ranks it once, by its latest (largest) sum.
   */
  // NotOnFlink: downstream of a late firing, the Flink runner fires the second aggregation's on-time pane after the upstream late pane reached it, so the on-time ranking already holds the late sum (a=9); onePerKey still ranks a once; nearest apache/beam#20845
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnFlink.class})
  public void lateRestatedSumsTakeOnePlaceWithOnePerKeyAndTwoWithout() {
    TestStream<KV<String, Long>> bytes = TestStream.create(
            KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .advanceWatermarkTo(T0)
        .addElements(TimestampedValue.of(KV.of("a", 5L), T0.plus(Duration.standardSeconds(1))),
            TimestampedValue.of(KV.of("b", 7L), T0.plus(Duration.standardSeconds(2))))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(90)))
        .addElements(TimestampedValue.of(KV.of("a", 4L), T0.plus(Duration.standardSeconds(3))))
        .advanceWatermarkToInfinity();

    PCollection<KV<String, Double>> sums = p.apply(bytes)
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(MINUTE))
            .triggering(AfterWatermark.pastEndOfWindow()
                .withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(MINUTE)
            .accumulatingFiredPanes())
        .apply(Sum.longsPerKey())
        .apply(MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
                TypeDescriptors.doubles()))
            .via(kv -> KV.of(kv.getKey(), (double) kv.getValue())))
        .setCoder(CODER);

    PCollection<Ranking<String>> once = sums.apply("OnePerKey", TopK.<String>largest(3).onePerKey());
    PCollection<Ranking<String>> twice = sums.apply("Plain", TopK.<String>largest(3));

    PAssert.that(once).inOnTimePane(FIRST).containsInAnyOrder(
        ranking(KV.of("b", 7.0), KV.of("a", 5.0)));
    PAssert.that(once).inLatePane(FIRST).containsInAnyOrder(
        ranking(KV.of("a", 9.0), KV.of("b", 7.0)));
    // The on-time sum of a (5) and its late restatement (9) both take a place.
    PAssert.that(twice).inLatePane(FIRST).containsInAnyOrder(
        ranking(KV.of("a", 9.0), KV.of("b", 7.0), KV.of("a", 5.0)));
    p.run();
  }

  @Test
  public void onePerKeyAccumulatorCoderRoundTrips() throws Exception {
    TopDistinctKeysFn<String> fn = new TopDistinctKeysFn<>(2, StringUtf8Coder.of(), true);
    TopDistinctKeysFn.Best<String> best = fn.createAccumulator();
    fn.addInput(best, KV.of("x", 1.0));
    fn.addInput(best, KV.of("y", 3.0));
    Coder<TopDistinctKeysFn.Best<String>> coder = fn.getAccumulatorCoder(null, CODER);
    TopDistinctKeysFn.Best<String> decoded = CoderUtils.clone(coder, best);
    assertEquals(fn.extractOutput(best), fn.extractOutput(decoded));
    assertEquals(Arrays.asList(KV.of("y", 3.0), KV.of("x", 1.0)), fn.extractOutput(decoded));
  }
}
