package dev.beamline.transforms.io;

import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes already-serialised JSON lines as {@code <directory>/part-NNNNN-of-MMMMM.jsonl} and counts
 * them in a counter of the caller's choosing.
 *
 * <p>Bounded input is written once, when the input is complete. Unbounded input is written per
 * window and pane (windowed writes, a fixed number of shards), because a streaming file sink can
 * only publish what a window has finished: {@code part-<window>-pane-<n>[-last]-00000-of-00001.jsonl}.
 */
public final class WriteJsonLines extends PTransform<PCollection<String>, PDone> {
  /** File name prefix inside the output directory; launchers clear old parts with it. */
  public static final String PART_PREFIX = "part";
  public static final String SUFFIX = ".jsonl";

  private final String directory;
  private final String counterNamespace;
  private final String counterName;
  private final int numShards;

  private WriteJsonLines(String directory, String counterNamespace, String counterName, int numShards) {
    this.directory = directory;
    this.counterNamespace = counterNamespace;
    this.counterName = counterName;
    this.numShards = numShards;
  }

  public static WriteJsonLines to(String directory) {
    return new WriteJsonLines(directory, "beamline", "lines_written", 0);
  }

  /** Counts every written line in {@code namespace:name}. */
  public WriteJsonLines withCounter(String namespace, String name) {
    return new WriteJsonLines(directory, namespace, name, numShards);
  }

  /** A fixed number of output files; 0 lets the runner decide (bounded input only). */
  public WriteJsonLines withNumShards(int shards) {
    return new WriteJsonLines(directory, counterNamespace, counterName, shards);
  }

  @Override
  public PDone expand(PCollection<String> lines) {
    String prefix = directory.endsWith("/") ? directory + PART_PREFIX : directory + "/" + PART_PREFIX;
    TextIO.Write write = TextIO.write().to(prefix).withSuffix(SUFFIX);
    if (lines.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      // Windowed file names start with the window ("W-P-SSSSS-of-NNNNN"): the dash keeps them
      // part-<window>-pane-<n>[-last]-SSSSS-of-NNNNN.jsonl, which launchers clear like any part.
      write = TextIO.write().to(prefix + "-").withSuffix(SUFFIX)
          .withWindowedWrites().withNumShards(numShards > 0 ? numShards : 1);
    } else if (numShards > 0) {
      write = write.withNumShards(numShards);
    }
    return lines
        .apply("Count", ParDo.of(new CountFn(counterNamespace, counterName)))
        .apply("Write", write);
  }

  static final class CountFn extends DoFn<String, String> {
    private final Counter written;

    CountFn(String namespace, String name) {
      this.written = Metrics.counter(namespace, name);
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<String> out) {
      written.inc();
      out.output(line);
    }
  }
}
