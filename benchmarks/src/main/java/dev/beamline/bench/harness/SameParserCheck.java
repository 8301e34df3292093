package dev.beamline.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The native variants must parse with the very classes the bundle runs: compares the class files of
 * the parser, the timestamp reader and the accumulator on this class path with the bundle's. A
 * stale module (built against other sources) would compare engines with different parsers.
 */
final class SameParserCheck {
  private static final List<String> CLASSES = List.of(
      "dev/beamline/pipelines/sensorstats/SensorEventParser.class",
      "dev/beamline/transforms/json/StrictJsonObject.class",
      "dev/beamline/transforms/json/EventTimestamps.class",
      "dev/beamline/transforms/stats/NumericSummary.class");

  private SameParserCheck() {}

  static void require(Path bundle) throws IOException {
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      for (String name : CLASSES) {
        ZipEntry e = zip.getEntry(name);
        byte[] inBundle;
        try (InputStream in = e == null ? null : zip.getInputStream(e)) {
          inBundle = in == null ? null : in.readAllBytes();
        }
        byte[] here;
        try (InputStream in = SameParserCheck.class.getClassLoader().getResourceAsStream(name)) {
          here = in == null ? null : in.readAllBytes();
        }
        if (inBundle == null || here == null || !Arrays.equals(inBundle, here)) {
          throw new VoidBenchmarkException(name + " differs between " + bundle + " and the benchmarks"
              + " module's class path: rebuild both (rm benchmarks/target/.built; ./beamline bench ...)");
        }
      }
    }
  }
}
