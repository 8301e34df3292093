package dev.beamline.transforms.combine;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * The n most frequent elements per window with exact counts, plus the window's total and distinct
 * element counts: one {@link TopCounts} per window and pane, counted and ranked in a single
 * combine. Ties are ordered by the element's encoded bytes (strings: code-point order). Empty
 * windows give nothing, and neither does an empty pane: the Flink runner in streaming mode can fire
 * one after the on-time pane when a single watermark step passes both the end of a window and its
 * allowed lateness; it is dropped and counted in {@code empty_panes_skipped}.
 *
 * <p><b>Why one combine, not {@code Count.perElement()} then {@link TopK}.</b> That cascade is exact
 * when each window fires once. With early or late firings every firing of the count restates each
 * element's count, and the ranking downstream receives the restatements as more entries (in
 * accumulating mode an element can take two places with its old and new count; in discarding mode
 * the ranking sees only deltas). Beam has no retractions to fix that downstream. Here each pane is
 * computed from the window's accumulator, so every pane, early, on time or late, is the exact
 * ranking of what the window held so far (accumulating panes) or since the last firing (discarding
 * panes).
 *
 * <p><b>Cost.</b> The accumulator maps every distinct element of the window to its count, so memory
 * grows with the distinct elements per window (a sliding window counts an element in each window
 * that covers it), and the final merge of a window happens on one worker. For very many distinct
 * elements per window and windows that fire once, {@code Count.perElement()} then {@link TopK}
 * spreads the counting over keys instead.
 *
 * <p><b>Runners.</b> A plain combine: every runner, batch and streaming, with the input's windowing
 * and triggers. SparkRunner in batch mode emits {@code Combine.globally} results without ON_TIME
 * pane timing; Flink in batch mode reports UNKNOWN. The element coder must be deterministic (it
 * orders ties) and consistent with {@code equals} (elements are map keys).
 *
 * <pre>{@code
 * PCollection<TopCounts<String>> topWords = windowedWords
 *     .apply("Top10Words", MostFrequent.<String>top(10));
 * }</pre>
 */
public final class MostFrequent<T> extends PTransform<PCollection<T>, PCollection<TopCounts<T>>> {
  private final int n;

  private MostFrequent(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, was " + n);
    }
    this.n = n;
  }

  /** The {@code n} most frequent elements per window, most frequent first. */
  public static <T> MostFrequent<T> top(int n) {
    return new MostFrequent<>(n);
  }

  @Override
  public PCollection<TopCounts<T>> expand(PCollection<T> elements) {
    Coder<T> coder = elements.getCoder();
    try {
      coder.verifyDeterministic();
    } catch (Coder.NonDeterministicException e) {
      throw new IllegalArgumentException("MostFrequent orders ties by encoded element and needs a "
          + "deterministic coder, but " + coder + " is not: " + String.join("; ", e.getReasons()), e);
    }
    if (!coder.consistentWithEquals()) {
      throw new IllegalArgumentException("MostFrequent keys its counts by element and needs a coder "
          + "consistent with equals, but " + coder + " is not");
    }
    return elements
        .apply("CountAndRank", Combine.globally(new MostFrequentFn<>(n, coder)).withoutDefaults())
        .setCoder(TopCountsCoder.of(coder))
        .apply("SkipEmptyPanes", ParDo.of(new SkipEmptyFn<T>()))
        .setCoder(TopCountsCoder.of(coder));
  }

  /** Passes on results of at least one element; counts the others. */
  private static final class SkipEmptyFn<T> extends DoFn<TopCounts<T>, TopCounts<T>> {
    private final Counter skipped = Metrics.counter("beamline", "empty_panes_skipped");

    @ProcessElement
    public void process(@Element TopCounts<T> counts, OutputReceiver<TopCounts<T>> out) {
      if (counts.total() == 0) {
        skipped.inc();
      } else {
        out.output(counts);
      }
    }
  }
}
