package dev.beamline.pipelines.wordcount;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.transforms.combine.MostFrequent;
import dev.beamline.transforms.combine.TopCounts;
import dev.beamline.transforms.late.LateElement;
import dev.beamline.transforms.late.SplitLateData;
import dev.beamline.transforms.text.SplitWords;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.Objects;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Lines of text (timestamped with their event time) in; per event-time window and pane, the
 * {@code n} most frequent words with exact counts and the window's total and distinct words
 * ({@link #TOP}); and every line that came later than the allowed lateness, with the window it
 * missed ({@link #LATE}). Counters {@code windowed_events} and {@code dropped_late} add up to the
 * lines in.
 *
 * <p>Words are Unicode word-break tokens with NFKC case folding ({@link SplitWords}: Chinese and
 * Japanese are segmented with dictionaries, {@code Straße} and {@code STRASSE} are one word).
 * Counting and ranking is one combine ({@link MostFrequent}), so every pane the {@link
 * WindowingSpec}'s trigger fires (early, on time, late) is an exact restatement of its window in
 * accumulating mode. Windows must have bounds (fixed, sliding, session, calendar days; not global).
 * The elements of a window are words, so element-count triggers count words: a late line of four
 * words can give up to four late panes (the DirectRunner, which handles the line's words in one
 * bundle, gives one; Flink with small bundles gives more), each an exact restatement.
 *
 * <p>Runner caveats: in batch, Flink and Spark fire one pane per window, with pane timing UNKNOWN
 * (Flink batch; Spark batch for the global combine). Spark streaming cannot split off late data
 * (the launcher refuses it). Flink streaming can emit a spurious empty pane when one watermark step
 * passes both the end of a window and its allowed lateness: {@link MostFrequent} skips it and
 * counts it in {@code empty_panes_skipped}.
 */
public final class TopWords extends PTransform<PCollection<String>, PCollectionTuple> {
  /** Per window and pane: the top words and the totals. */
  public static final TupleTag<WindowTopWords> TOP = new TupleTag<WindowTopWords>() {};
  /** Lines later than the allowed lateness, with the window each missed. */
  public static final TupleTag<LateElement<String>> LATE = new TupleTag<LateElement<String>>() {};

  private final WindowingSpec windowing;
  private final int n;

  private TopWords(WindowingSpec windowing, int n) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
    checkWindowsHaveBounds(windowing);
    if (n < 1) {
      throw new IllegalArgumentException("the number of top words must be >= 1, was " + n);
    }
    this.n = n;
  }

  /** The 10 most frequent words per window. */
  public static TopWords of(WindowingSpec windowing) {
    return new TopWords(windowing, 10);
  }

  /** The {@code n} most frequent words per window. */
  public TopWords withTopN(int n) {
    return new TopWords(windowing, n);
  }

  /** Results name their window's start and end: the global window has neither. */
  public static void checkWindowsHaveBounds(WindowingSpec spec) {
    if (spec.window().isGlobal()) {
      throw new IllegalArgumentException("wordcount reports the top words per window with its "
          + "start and end, and --window=global has none: use fixed, sliding, session or days "
          + "windows");
    }
  }

  @Override
  public PCollectionTuple expand(PCollection<String> lines) {
    SplitLateData.Result<String> split = lines
        .apply("Window", windowing.<String>toWindow())
        .apply("SplitLateData", SplitLateData.<String>create()
            .withCounterNamespace(BeamlinePipeline.COUNTER_NAMESPACE));
    PCollection<WindowTopWords> top = split.accepted()
        .apply("SplitWords", SplitWords.create()
            .withCounterNamespace(BeamlinePipeline.COUNTER_NAMESPACE))
        .apply("MostFrequentWords", MostFrequent.top(n))
        .apply("AttachWindowAndPane", ParDo.of(new AttachWindowFn()))
        .setCoder(WindowTopWordsCoder.of());
    return PCollectionTuple.of(TOP, top).and(LATE, split.late());
  }

  static final class AttachWindowFn extends DoFn<TopCounts<String>, WindowTopWords> {
    @ProcessElement
    public void process(@Element TopCounts<String> words, IntervalWindow window, PaneInfo pane,
        OutputReceiver<WindowTopWords> out) {
      out.output(new WindowTopWords(window.start().getMillis(), window.end().getMillis(), words,
          pane.getTiming(), pane.getIndex(), pane.isLast()));
    }
  }
}
