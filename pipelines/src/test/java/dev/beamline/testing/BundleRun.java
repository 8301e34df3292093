package dev.beamline.testing;

import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the bundle in its own JVM exactly as {@code ./beamline} does (same module flags, same
 * system properties) and keeps its exit code, stdout and stderr. For *IT tests, which failsafe runs
 * after the bundle is built; it passes the bundle, the checkout and the flags as system properties.
 */
public final class BundleRun {
  public final int exitCode;
  public final String stdout;
  public final String stderr;

  private BundleRun(int exitCode, String stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static String home() {
    return System.getProperty("beamline.home");
  }

  public static String bundle() {
    return System.getProperty("beamline.bundle");
  }

  /** {@code java ... dev.beamline.launcher.Main <args>}, its output kept in {@code logDir}. */
  public static BundleRun launch(File logDir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("beamline.java17.opens").trim().split("\\s+")));
    cmd.addAll(List.of("-Xmx1g", "-Dbeamline.home=" + home(), "-Dbeamline.bundle=" + bundle(),
        "-cp", bundle(), "dev.beamline.launcher.Main"));
    cmd.addAll(Arrays.asList(args));
    assertTrue(logDir.isDirectory() || logDir.mkdirs());
    File out = new File(logDir, "stdout.txt");
    File err = new File(logDir, "stderr.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
    // A guard against a hung runner, not a timing assertion.
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", args) + " did not finish within 10 minutes");
    }
    return new BundleRun(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}
