package dev.beamline.pipelines;

import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;

/** Checks, before a run, that an input glob matches at least one file. */
public final class InputFiles {
  private InputFiles() {}

  /** Returns how many files match; throws {@link IllegalArgumentException} when none does. */
  public static int requireMatch(String flag, String glob, PipelineOptions options) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("--" + flag + " is empty: give a file or glob");
    }
    FileSystems.setDefaultPipelineOptions(options);
    try {
      List<MatchResult> results = FileSystems.match(List.of(glob), EmptyMatchTreatment.ALLOW);
      int n = 0;
      for (MatchResult r : results) {
        if (r.status() == MatchResult.Status.OK) {
          n += r.metadata().size();
        }
      }
      if (n == 0) {
        throw new IllegalArgumentException("--" + flag + ": no file matches '" + glob + "'");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException("--" + flag + ": cannot read '" + glob + "': " + e.getMessage());
    }
  }
}
