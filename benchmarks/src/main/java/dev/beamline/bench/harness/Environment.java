package dev.beamline.bench.harness;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Where things are and how children are started: the checkout, the JVM, flags shared by all. */
final class Environment {
  final Path home;
  final String java;
  final String classpath;
  /** Module flags the launcher passes (so native children start like the bundle does). */
  final List<String> java17Opens;
  /** Heap and other JVM flags of the native children; the launcher's default is -Xmx4g. */
  final List<String> nativeJvmFlags;
  /** Extra flags appended to every Beam run (for experiments, e.g. --fasterCopy=false). */
  final List<String> extraBeamFlags;

  Environment(Path home, List<String> nativeJvmFlags, List<String> extraBeamFlags) {
    this.home = home;
    this.java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    this.classpath = System.getProperty("java.class.path");
    String opens = System.getProperty("beamline.java17.opens", "");
    this.java17Opens = opens.isBlank() ? List.of() : Arrays.asList(opens.trim().split("\\s+"));
    this.nativeJvmFlags = nativeJvmFlags;
    this.extraBeamFlags = extraBeamFlags;
  }

  List<String> javaCommand(List<String> jvmFlags) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(java17Opens);
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-cp", classpath));
    return cmd;
  }
}
