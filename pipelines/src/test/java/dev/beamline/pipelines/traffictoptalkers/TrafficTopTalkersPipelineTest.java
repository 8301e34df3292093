package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.PipelineFlags;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import dev.beamline.launcher.Launcher;
import dev.beamline.testing.JsonLinesOutput;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * traffic-top-talkers as a user runs it (the launcher, in-process, DirectRunner): its help, its
 * refusals, and a small run whose every output is checked.
 */
public class TrafficTopTalkersPipelineTest {
  private static final Path HOME = Paths.get(System.getProperty("beamline.home", ".."));

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), HOME).run(args);
  }

  private void assertUsageError(String expectedLine, String... args) {
    assertEquals(2, run(args));
    assertEquals("beamline: " + expectedLine + System.lineSeparator(),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  public void withoutWindowFlagsTheWindowsSlide() {
    assertEquals(0, run("run", "traffic-top-talkers", "--input=/no/such/*.jsonl", "--help"));
    TrafficTopTalkersOptions o = PipelineFlags.parse(TrafficTopTalkersOptions.class);
    assertEquals("sliding:5m/1m", TrafficTopTalkersPipeline.windowing(o).window().toText());
    o.setWindow("fixed:1m");
    assertEquals("fixed:1m", TrafficTopTalkersPipeline.windowing(o).window().toText());
  }

  @Test
  public void helpListsThePipelinesOwnOptions() {
    assertEquals(0, run("help", "traffic-top-talkers"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help, containsString("--topK"));
    assertThat(help, containsString("--portScanThreshold"));
    assertThat(help, containsString("default: testdata/traffic-top-talkers/sample.jsonl"));
  }

  @Test
  public void discardingPanesWithLateFiringsAreRefused() {
    assertUsageError("--accumulation=discarding with a trigger that fires more than once per "
        + "window (--trigger=late:each): each pane would rank and count only what arrived since the "
        + "previous one, not the window. Use --accumulation=accumulating (each pane restates the "
        + "window).",
        "run", "traffic-top-talkers", "--allowedLateness=1m", "--accumulation=discarding");
  }

  @Test
  public void sparkStreamingCannotSplitOffLateDataAndIsRefused() {
    assertEquals(2, run("run", "traffic-top-talkers", "--profile=spark-local", "--streaming=true"));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("Spark"));
  }

  @Test
  public void impossibleThresholdsAndRankSizesAreRefused() {
    assertUsageError("--portScanThreshold must be between 1 and 65536 distinct ports, was 70000",
        "run", "traffic-top-talkers", "--portScanThreshold=70000");
  }

  @Test
  public void runWritesEveryOutputAndABalancedSummary() throws IOException {
    File input = tmp.newFile("flows.jsonl");
    Files.writeString(input.toPath(), String.join("\n",
        flow("10.0.0.1", "TCP", 443, 1000, "00:00:10"),
        flow("10.0.0.2", "UDP", 53, 500, "00:00:20"),
        flow("2001:DB8:0:0:0:0:0:1", "TCP", 22, 300, "00:00:30"),
        flow("203.0.113.9", "TCP", 1, 60, "00:00:40"),
        flow("203.0.113.9", "TCP", 2, 60, "00:00:41"),
        "{\"srcIp\":\"10.0.0.256\"}",
        flow("203.0.113.9", "TCP", 3, 60, "00:00:42"),
        flow("2001:db8::1", "ICMPv6", 32768, 200, "00:01:10"),
        ""), StandardCharsets.UTF_8);
    String output = tmp.getRoot() + "/out";
    String dead = tmp.getRoot() + "/dead";

    int code = run("run", "traffic-top-talkers", "--input=" + input, "--output=" + output,
        "--deadLetters=" + dead, "--lateData=" + tmp.getRoot() + "/late", "--window=sliding:2m/1m",
        "--topK=3", "--portScanThreshold=3", "--numShards=1");

    assertEquals(err.toString(StandardCharsets.UTF_8), 0, code);
    JsonLinesOutput top = JsonLinesOutput.read(Paths.get(output, "top-talkers"),
        List.of("windowStart"));
    assertEquals(3, top.finalResults.size());
    // Both spellings of 2001:db8::1 are one source: 300 + 200 bytes, tied with 10.0.0.2.
    assertEquals("{\"windowStart\":\"2026-11-01T00:00:00.000Z\",\"windowEnd\":"
        + "\"2026-11-01T00:02:00.000Z\",\"topSources\":[{\"rank\":1,\"srcIp\":\"10.0.0.1\","
        + "\"bytes\":1000},{\"rank\":2,\"srcIp\":\"10.0.0.2\",\"bytes\":500},{\"rank\":3,"
        + "\"srcIp\":\"2001:db8::1\",\"bytes\":500}]}",
        top.finalResults.get("2026-11-01T00:00:00.000Z|").toString());

    JsonLinesOutput totals = JsonLinesOutput.read(Paths.get(output, "protocol-totals"),
        List.of("protocol", "windowStart"));
    assertEquals("{\"protocol\":\"TCP\",\"windowStart\":\"2026-11-01T00:00:00.000Z\","
        + "\"windowEnd\":\"2026-11-01T00:02:00.000Z\",\"bytes\":1480,\"packets\":6,\"flows\":5}",
        totals.finalResults.get("TCP|2026-11-01T00:00:00.000Z|").toString());
    assertEquals(6, totals.finalResults.size()); // TCP, UDP and ICMPv6, in two windows each

    // The ICMPv6 "port" (type 128 * 256) is not a port: the scanner alone reaches 3 ports.
    List<String> suspects = JsonLinesOutput.lines(Paths.get(output, "port-scan-suspects"));
    assertEquals(2, suspects.size());
    assertThat(suspects.get(0), containsString("\"windowStart\":\"2026-10-31T23:59:00.000Z\""));
    assertThat(suspects.get(1), containsString("\"srcIp\":\"203.0.113.9\",\"windowStart\":"
        + "\"2026-11-01T00:00:00.000Z\",\"windowEnd\":\"2026-11-01T00:02:00.000Z\","
        + "\"distinctDstPorts\":3,\"flows\":3,\"lowestPort\":1,\"highestPort\":3"));

    List<String> letters = JsonLinesOutput.lines(Paths.get(dead));
    assertEquals(1, letters.size());
    assertThat(letters.get(0), containsString("\"reason\":\"field 'srcIp' is not an IPv4 or IPv6 "
        + "address: \\\"10.0.0.256\\\" (IPv4 octet 256 is above 255) (rule: convert to IP "
        + "address)\",\"source\":\"" + input + "\",\"position\":6"));

    String summary = out.toString(StandardCharsets.UTF_8);
    assertThat(summary, containsString("lines_read 8 = records_cleaned 7 + records_dead_lettered 1"
        + "  OK"));
    assertThat(summary, containsString("records_cleaned 7 = windowed_events 7 + dropped_late 0  OK"));
    assertThat(summary, containsString("port_scan_suspects_written 2"));
  }

  private static String flow(String src, String protocol, int port, long bytes, String time) {
    return "{\"srcIp\":\"" + src + "\",\"dstIp\":\"10.1.0.1\",\"dstPort\":" + port
        + ",\"protocol\":\"" + protocol + "\",\"bytes\":" + bytes + ",\"packets\":"
        + Math.max(1, bytes / 500) + ",\"ts\":\"2026-11-01T" + time + "Z\"}";
  }
}
