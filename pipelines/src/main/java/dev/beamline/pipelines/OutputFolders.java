package dev.beamline.pipelines;

import dev.beamline.transforms.io.WriteJsonLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Local output folders: clearing a previous run's part files so outputs never mix two runs. */
public final class OutputFolders {
  private OutputFolders() {}

  /**
   * Deletes {@code part-*.jsonl} files that {@link WriteJsonLines} wrote into {@code folder}.
   * Nothing else is touched; folders on remote file systems ({@code gs://}, ...) are left alone.
   */
  public static void clearParts(String folder) {
    if (folder.contains("://")) {
      return;
    }
    Path dir = Paths.get(folder);
    if (!Files.isDirectory(dir)) {
      return;
    }
    String glob = WriteJsonLines.PART_PREFIX + "-*" + WriteJsonLines.SUFFIX;
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, glob)) {
      for (Path p : parts) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear old outputs in " + dir, e);
    }
  }
}
