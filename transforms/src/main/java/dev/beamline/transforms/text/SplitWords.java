package dev.beamline.transforms.text;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Lines of text in, folded words out (see {@link WordSplitter}), each word keeping its line's
 * timestamp and window. Counts them in {@code words}. Runner caveats: none.
 */
public final class SplitWords extends PTransform<PCollection<String>, PCollection<String>> {
  private final String counterNamespace;

  private SplitWords(String counterNamespace) {
    this.counterNamespace = counterNamespace;
  }

  public static SplitWords create() {
    return new SplitWords("beamline");
  }

  public SplitWords withCounterNamespace(String namespace) {
    return new SplitWords(namespace);
  }

  @Override
  public PCollection<String> expand(PCollection<String> lines) {
    return lines.apply("SplitAndFold", ParDo.of(new SplitFn(counterNamespace)))
        .setCoder(StringUtf8Coder.of());
  }

  static final class SplitFn extends DoFn<String, String> {
    private final Counter words;
    private transient WordSplitter splitter;

    SplitFn(String namespace) {
      this.words = Metrics.counter(namespace, "words");
    }

    @Setup
    public void setup() {
      splitter = new WordSplitter();
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<String> out) {
      for (String w : splitter.split(line)) {
        words.inc();
        out.output(w);
      }
    }
  }
}
