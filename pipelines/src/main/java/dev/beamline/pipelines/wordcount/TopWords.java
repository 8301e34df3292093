package dev.beamline.pipelines.wordcount;

import dev.beamline.transforms.combine.MostFrequent;
import dev.beamline.transforms.combine.TopCounts;
import dev.beamline.transforms.text.SplitWords;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.Objects;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Lines of text (timestamped with their event time) in; per event-time window and pane, the
 * {@code n} most frequent words with exact counts and the window's total and distinct words out.
 *
 * <p>Words are Unicode word-break tokens with NFKC case folding ({@link SplitWords}: Chinese and
 * Japanese are segmented with dictionaries, {@code Straße} and {@code STRASSE} are one word).
 * Counting and ranking is one combine ({@link MostFrequent}), so every pane the {@link
 * WindowingSpec}'s trigger fires (early, on time, late) is an exact restatement of its window, in
 * accumulating mode. Runner caveats: in batch, Flink and Spark fire one pane per window (Flink
 * reports timing UNKNOWN, Spark batch gives the global combine's output no ON_TIME timing either).
 */
public final class TopWords extends PTransform<PCollection<String>, PCollection<WindowTopWords>> {
  private final WindowingSpec windowing;
  private final int n;

  private TopWords(WindowingSpec windowing, int n) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
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

  @Override
  public PCollection<WindowTopWords> expand(PCollection<String> lines) {
    return lines
        .apply("SplitWords", SplitWords.create())
        .apply("Window", windowing.<String>toWindow())
        .apply("MostFrequentWords", MostFrequent.top(n))
        .apply("AttachWindowAndPane", ParDo.of(new AttachWindowFn()))
        .setCoder(WindowTopWordsCoder.of());
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
