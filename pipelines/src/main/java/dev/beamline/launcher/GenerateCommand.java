package dev.beamline.launcher;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.transforms.windowing.Durations;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./beamline generate <pipeline> --events N --seed S [--keys K] [--maxDisorder 10s]
 * [--badRate 0.001] [--output FILE]}: a deterministic input for the pipeline, to FILE or stdout.
 */
final class GenerateCommand {
  private static final Set<String> FLAGS =
      Set.of("events", "seed", "keys", "maxDisorder", "badRate", "output");

  private GenerateCommand() {}

  static int run(BeamlinePipeline<?> pipeline, String[] args, PrintStream out, PrintStream err) {
    SampleGenerator generator = pipeline.generator().orElseThrow(() -> new UsageException(
        pipeline.name() + " has no input generator"));
    Map<String, String> flags = parse(args);
    SampleGenerator.Settings settings;
    try {
      settings = new SampleGenerator.Settings(
          Long.parseLong(flags.getOrDefault("events", "10000")),
          Long.parseLong(flags.getOrDefault("seed", "1")),
          Integer.parseInt(flags.getOrDefault("keys", "1000")),
          Durations.parse(flags.getOrDefault("maxDisorder", "10s")).getMillis(),
          Double.parseDouble(flags.getOrDefault("badRate", "0")));
    } catch (IllegalArgumentException e) {
      throw new UsageException("generate: " + e.getMessage());
    }
    String output = flags.get("output");
    try {
      if (output == null) {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        generator.generate(settings, w);
        w.flush();
      } else {
        Path path = Paths.get(output);
        if (path.getParent() != null) {
          Files.createDirectories(path.getParent());
        }
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
          generator.generate(settings, w);
        }
        err.printf("beamline: wrote %,d %s events (seed %d, %d keys) to %s%n", settings.events,
            pipeline.name(), settings.seed, settings.keys, path.toAbsolutePath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Launcher.OK;
  }

  /** Accepts both {@code --name value} and {@code --name=value}. */
  private static Map<String, String> parse(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new UsageException("generate: unexpected argument '" + a + "'");
      }
      String name;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(2, eq);
        value = a.substring(eq + 1);
      } else {
        name = a.substring(2);
        if (i + 1 >= args.length) {
          throw new UsageException("generate: --" + name + " needs a value");
        }
        value = args[++i];
      }
      if (!FLAGS.contains(name)) {
        throw new UsageException("generate: unknown option --" + name + "; options: " + FLAGS);
      }
      flags.put(name, value);
    }
    return flags;
  }
}
