package dev.beamline.launcher;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Entry point of the bundle; {@code ./beamline} passes the checkout as {@code -Dbeamline.home}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String home = System.getProperty("beamline.home");
    Path homePath = home == null || home.isEmpty() ? null : Paths.get(home);
    int code = new Launcher(System.out, System.err, homePath).run(args);
    System.out.flush();
    // Flink and Spark leave non-daemon threads behind: exit explicitly.
    System.exit(code);
  }
}
