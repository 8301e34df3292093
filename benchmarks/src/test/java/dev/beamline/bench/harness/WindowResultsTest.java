package dev.beamline.bench.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WindowResultsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static String row(String sensor, String start, long count, double min, double max,
      double mean, double stddev) {
    return String.format(java.util.Locale.ROOT, "{\"sensorId\":\"%s\",\"windowStart\":\"%s\","
        + "\"windowEnd\":\"2026-11-01T00:01:00Z\",\"count\":%d,\"min\":%s,\"max\":%s,\"mean\":%s,"
        + "\"stddev\":%s}", sensor, start, count, min, max, mean, stddev);
  }

  private WindowResults results(String... lines) throws IOException {
    Path dir = tmp.newFolder().toPath();
    Files.writeString(dir.resolve("part-00000-of-00001.jsonl"), String.join("\n", lines) + "\n");
    return WindowResults.read(dir, "test");
  }

  private static final String A = row("s1", "2026-11-01T00:00:00Z", 3, 1.0, 3.0, 2.0, 0.816496580927726);

  @Test
  public void sameRowsWithDifferentInstantSpellingsAreEqual() throws Exception {
    WindowResults ref = results(A);
    // Beam prints milliseconds always, java.time only when non-zero: the same instant.
    results(row("s1", "2026-11-01T00:00:00.000Z", 3, 1.0, 3.0, 2.0, 0.816496580927726))
        .requireSameAs(ref, "beam", "plain");
  }

  @Test
  public void meanWithinOneBillionthRelativeIsEqual() throws Exception {
    results(row("s1", "2026-11-01T00:00:00Z", 3, 1.0, 3.0, 2.0 * (1 + 1e-10), 0.816496580927726))
        .requireSameAs(results(A), "beam", "plain");
  }

  @Test
  public void meanBeyondOneBillionthRelativeVoidsTheBenchmark() throws Exception {
    WindowResults ref = results(A);
    WindowResults off = results(row("s1", "2026-11-01T00:00:00Z", 3, 1.0, 3.0, 2.0 * (1 + 1e-8), 0.816496580927726));
    String msg = assertThrows(VoidBenchmarkException.class, () -> off.requireSameAs(ref, "beam", "plain")).getMessage();
    assertTrue(msg, msg.startsWith("beam vs plain at ") && msg.contains(" mean: "));
  }

  @Test
  public void aDifferentCountVoidsTheBenchmark() throws Exception {
    WindowResults ref = results(A);
    WindowResults off = results(row("s1", "2026-11-01T00:00:00Z", 4, 1.0, 3.0, 2.0, 0.816496580927726));
    assertThrows(VoidBenchmarkException.class, () -> off.requireSameAs(ref, "beam", "plain"));
  }

  @Test
  public void aMissingWindowVoidsTheBenchmark() throws Exception {
    WindowResults ref = results(A, row("s2", "2026-11-01T00:00:00Z", 1, 5.0, 5.0, 5.0, 0.0));
    String msg = assertThrows(VoidBenchmarkException.class,
        () -> results(A).requireSameAs(ref, "beam", "plain")).getMessage();
    assertTrue(msg, msg.endsWith("window missing"));
  }

  @Test
  public void anExtraWindowVoidsTheBenchmark() throws Exception {
    WindowResults more = results(A, row("s2", "2026-11-01T00:00:00Z", 1, 5.0, 5.0, 5.0, 0.0));
    String msg = assertThrows(VoidBenchmarkException.class,
        () -> more.requireSameAs(results(A), "beam", "plain")).getMessage();
    assertTrue(msg, msg.startsWith("beam has a window plain has not"));
  }

  @Test
  public void twoRowsForOneWindowVoidTheBenchmark() {
    assertThrows(VoidBenchmarkException.class, () -> results(A, A));
  }

  @Test
  public void noResultFilesVoidTheBenchmark() throws Exception {
    Path empty = tmp.newFolder().toPath();
    assertThrows(VoidBenchmarkException.class, () -> WindowResults.read(empty, "test"));
    assertEquals(1, results(A).size());
  }
}
