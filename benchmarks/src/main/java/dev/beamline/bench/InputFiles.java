package dev.beamline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The benchmark input: every {@code *.jsonl} file of one folder, in name order. */
public final class InputFiles {
  private InputFiles() {}

  public static List<Path> in(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
          .sorted().collect(Collectors.toList());
      if (files.isEmpty()) {
        throw new IOException("no *.jsonl files in " + folder);
      }
      return files;
    }
  }
}
