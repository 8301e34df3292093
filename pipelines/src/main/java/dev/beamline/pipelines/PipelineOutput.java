package dev.beamline.pipelines;

import java.util.Objects;

/**
 * One output of a pipeline (its results, dead letters, late data...): the folder it is written to
 * with {@code --sink=file}, and the Kafka topic with {@code --sink=kafka}. The launcher lists them
 * in the run summary and clears a previous run's part files from the folders before a file run.
 */
public record PipelineOutput(String label, String folder, String topic) {
  public PipelineOutput {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(folder, "folder");
  }

  public static PipelineOutput of(String label, String folder, String topic) {
    return new PipelineOutput(label, folder, topic);
  }

  /** The summary line: {@code "late data: out/x/late-data"} or {@code "late data: kafka topic t"}. */
  public String describe(boolean kafka) {
    return label + ": " + (kafka ? "kafka topic " + topic : folder);
  }
}
