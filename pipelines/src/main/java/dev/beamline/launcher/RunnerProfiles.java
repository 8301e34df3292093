package dev.beamline.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runner profiles: {@code runners-config/<name>.conf}, one pipeline option per line
 * ({@code --runner=FlinkRunner}), {@code #} comments. Read from the checkout when the launcher knows
 * it (so users can edit them) and from the copies inside the bundle otherwise.
 */
final class RunnerProfiles {
  static final String DEFAULT_PROFILE = "direct";
  private static final String DIR = "runners-config";
  private static final String SUFFIX = ".conf";

  private final @Nullable Path home;

  RunnerProfiles(@Nullable Path home) {
    this.home = home;
  }

  /** The options of profile {@code name}, in file order. */
  List<String> load(String name) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new UsageException("--profile: '" + name + "' is not a profile name; profiles: " + names());
    }
    try {
      if (home != null) {
        Path file = home.resolve(DIR).resolve(name + SUFFIX);
        if (Files.isRegularFile(file)) {
          try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
          }
        }
      }
      try (InputStream in = RunnerProfiles.class.getResourceAsStream("/" + DIR + "/" + name + SUFFIX)) {
        if (in == null) {
          throw new UsageException("unknown profile '" + name + "'; profiles: " + names());
        }
        return parse(in, name + SUFFIX);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Profile names found in the checkout's runners-config folder (or the bundled default list). */
  String names() {
    TreeSet<String> names = new TreeSet<>();
    if (home != null && Files.isDirectory(home.resolve(DIR))) {
      try (Stream<Path> files = Files.list(home.resolve(DIR))) {
        files.map(p -> p.getFileName().toString())
            .filter(f -> f.endsWith(SUFFIX))
            .forEach(f -> names.add(f.substring(0, f.length() - SUFFIX.length())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (names.isEmpty()) {
      names.addAll(List.of("direct", "flink-local", "spark-local"));
    }
    return String.join(", ", names);
  }

  private static List<String> parse(InputStream in, String origin) throws IOException {
    List<String> args = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int n = 0;
    while ((line = r.readLine()) != null) {
      n++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (!t.startsWith("--") || !t.contains("=")) {
        throw new UsageException(origin + ":" + n + ": expected --option=value, got '" + t + "'");
      }
      args.add(expand(t, origin, n));
    }
    return args;
  }

  /**
   * Replaces {@code ${bundle}} with the path of the running bundle (so cluster profiles can ship
   * it as the job jar) and {@code ${home}} with the checkout.
   */
  private static String expand(String arg, String origin, int line) {
    if (!arg.contains("${")) {
      return arg;
    }
    String bundle = System.getProperty("beamline.bundle", "");
    if (arg.contains("${bundle}") && bundle.isEmpty()) {
      throw new UsageException(origin + ":" + line + ": ${bundle} is unknown here: run through "
          + "./beamline, or pass -Dbeamline.bundle=<path of beamline-bundle.jar>");
    }
    String home = System.getProperty("beamline.home", ".");
    return arg.replace("${bundle}", bundle).replace("${home}", home);
  }

  /**
   * Profile options first, the user's after; a user flag replaces the profile's flag of the same
   * name (Beam itself would reject a repeated flag).
   */
  static List<String> merge(List<String> profile, List<String> user) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String a : profile) {
      byName.put(optionName(a), a);
    }
    for (String a : user) {
      byName.remove(optionName(a));
      byName.put(optionName(a), a);
    }
    return new ArrayList<>(byName.values());
  }

  static String optionName(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg : arg.substring(0, eq);
  }
}
