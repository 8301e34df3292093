package dev.beamline.bench.flink;

import dev.beamline.bench.WindowResultJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Writes each subtask's results to {@code part-<subtask>-of-<n>.jsonl}, complete when the job ends.
 * Flink's FileSink commits files only on checkpoints, so in streaming mode without checkpointing it
 * would publish nothing; a benchmark of a bounded input needs neither checkpoints nor exactly-once.
 */
final class PerSubtaskFileSink implements Sink<WindowStats> {
  private static final long serialVersionUID = 1L;

  private final String directory;

  PerSubtaskFileSink(String directory) {
    this.directory = directory;
  }

  @Override
  public SinkWriter<WindowStats> createWriter(InitContext ctx) throws IOException {
    Path dir = Paths.get(directory);
    Files.createDirectories(dir);
    String name = String.format(Locale.ROOT, "part-%05d-of-%05d.jsonl",
        ctx.getTaskInfo().getIndexOfThisSubtask(), ctx.getTaskInfo().getNumberOfParallelSubtasks());
    return new Writer(Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8));
  }

  private static final class Writer implements SinkWriter<WindowStats> {
    private final BufferedWriter out;

    Writer(BufferedWriter out) {
      this.out = out;
    }

    @Override
    public void write(WindowStats s, Context ctx) throws IOException {
      out.write(WindowResultJson.line(s.sensorId, s.windowStart, s.windowEnd, s.count, s.min, s.max,
          s.mean, s.stddev));
      out.write('\n');
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
