package dev.beamline.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamline.pipelines.BeamlinePipeline;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The launcher as a user meets it, in-process on the DirectRunner: commands, the one-line errors
 * with exit code 2 for user mistakes, and a whole sensor-stats run with its outputs and summary.
 */
public class LauncherTest {
  private static final Path HOME = Paths.get(System.getProperty("beamline.home", ".."));

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new Launcher(o, e, HOME).run(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** A user mistake: exit code 2 and exactly one line on stderr, without a stack trace. */
  private void assertUsageError(String expectedLine, String... args) {
    assertEquals(2, run(args));
    assertEquals("beamline: " + expectedLine + System.lineSeparator(), stderr());
  }

  @Test
  public void listShowsEveryPipelineWithItsDescription() {
    assertEquals(0, run("list"));
    assertThat(stdout(), startsWith("sensor-stats           Per-sensor temperature"));
  }

  @Test
  public void helpShowsOptionsWithDefaults() {
    assertEquals(0, run("help", "sensor-stats"));
    assertThat(stdout(), containsString("--window "));
    assertThat(stdout(), containsString("Without it and its shorthands: the pipeline's default window (fixed:1m unless the pipeline says otherwise)."));
    assertThat(stdout(), containsString("--windowSize"));
    assertThat(stdout(), containsString("default: out/sensor-stats/late-data"));
    assertThat(stdout(), containsString("default: testdata/sensor-stats/sample.jsonl"));
  }

  /**
   * Every flag a pipeline refuses, with a value or without: one line naming the flag, the
   * pipeline and its reason, before anything else (the options are not even parsed).
   */
  @Test
  public void aFlagThePipelineRefusesIsRefusedAtStartUpWithItsReason() {
    int refused = 0;
    for (BeamlinePipeline<?> p : PipelineCatalog.all()) {
      for (String flag : p.refusedFlags()) {
        for (String arg : List.of("--" + flag + "=x", "--" + flag + "=")) {
          err.reset();
          assertUsageError("--" + flag + " does not apply to " + p.name() + ": "
              + p.refusedFlagsReason(), "run", p.name(), "--numShards=1", arg);
          refused++;
        }
      }
    }
    // clickstream-sessions refuses the three window flags.
    assertEquals(6, refused);
  }

  /** The flags one pipeline refuses are still offered by the others: helpShowsOptionsWithDefaults. */
  @Test
  public void helpLeavesOutTheFlagsAPipelineRefuses() {
    int leftOut = 0;
    for (BeamlinePipeline<?> p : PipelineCatalog.all()) {
      out.reset();
      assertEquals(0, run("help", p.name()));
      for (String flag : p.refusedFlags()) {
        assertThat(p.name(), stdout(), not(containsString("  --" + flag + " ")));
        leftOut++;
      }
    }
    assertEquals(3, leftOut);
  }

  @Test
  public void unknownPipeline() {
    assertUsageError("unknown pipeline 'nope'; run './beamline list' to see them", "run", "nope");
  }

  @Test
  public void unknownCommand() {
    assertUsageError("unknown command 'launch'; commands: list, help, run, generate", "launch");
  }

  @Test
  public void unknownOption() {
    assertUsageError("unknown option --windowSise. Did you mean one of [windowSize, windowSlide]?",
        "run", "sensor-stats", "--windowSise=5m");
  }

  @Test
  public void badValueForATypedOption() {
    assertUsageError("--numShards=many: Cannot deserialize value of type `int` from String \"many\": "
        + "not a valid `int` value", "run", "sensor-stats", "--numShards=many");
  }

  @Test
  public void badDuration() {
    assertUsageError("--windowSize: '5 minutes' is not a duration: use a number with a unit (250ms, "
        + "30s, 5m, 2h, 1d), 0, or ISO-8601 (PT1M30S)", "run", "sensor-stats", "--windowSize=5 minutes");
  }

  @Test
  public void badWindowNamesTheAcceptedForms() {
    assertUsageError("--window: 'tumbling:1m' is not a window; use fixed:<size> | "
        + "sliding:<size>/<slide> | session:<gap> | global | days:<time zone> (e.g. fixed:1m, "
        + "sliding:5m/1m, session:10m, days:Europe/Paris)",
        "run", "sensor-stats", "--window=tumbling:1m");
  }

  @Test
  public void aShorthandWithItsFullFlagIsRefused() {
    assertUsageError("--window and --windowSize both say what the windows are: give --window only "
        + "(--windowSize=5m --windowSlide=1m is --window=sliding:5m/1m)",
        "run", "sensor-stats", "--window=fixed:5m", "--windowSize=5m");
  }

  @Test
  public void lateFiringsWithoutAllowedLatenessAreRefused() {
    assertUsageError("--trigger=late:each needs --allowedLateness above 0: with no allowed lateness "
        + "every late element is dropped, so late panes never fire",
        "run", "sensor-stats", "--trigger=late:each");
  }

  @Test
  public void slideLongerThanWindow() {
    assertUsageError("--windowSlide: window slide (2m) must not exceed the window size (1m)",
        "run", "sensor-stats", "--windowSlide=2m");
  }

  @Test
  public void missingInput() {
    assertUsageError("--input: no file matches '/no/such/dir/*.jsonl'",
        "run", "sensor-stats", "--input=/no/such/dir/*.jsonl");
  }

  @Test
  public void unknownProfile() {
    assertEquals(2, run("run", "sensor-stats", "--profile=flink-remote"));
    assertThat(stderr(), startsWith("beamline: unknown profile 'flink-remote'; profiles: direct, "));
  }

  @Test
  public void anEndlessKafkaReadIsStreamingSoSparkRefusesAllowedLatenessToo() {
    assertUsageError("SparkRunner in streaming mode does not support allowed lateness "
        + "(--allowedLateness=120000ms): late data would be lost without notice. Use "
        + "--allowedLateness=0, batch mode (--streaming=false) or --profile=flink-local.",
        "run", "sensor-stats", "--profile=spark-local", "--source=kafka", "--allowedLateness=2m");
  }

  @Test
  public void sparkStreamingWithAllowedLatenessIsRefusedAtStartUp() {
    assertUsageError("SparkRunner in streaming mode does not support allowed lateness "
        + "(--allowedLateness=120000ms): late data would be lost without notice. Use "
        + "--allowedLateness=0, batch mode (--streaming=false) or --profile=flink-local.",
        "run", "sensor-stats", "--profile=spark-local", "--streaming=true", "--allowedLateness=2m");
  }

  @Test
  public void sparkStreamingIsRefusedBecauseLateDataAccountingNeedsEventTimeTimers() {
    assertUsageError("SplitLateData cannot run on SparkRunner in streaming mode: it reads the "
        + "watermark through an event-time timer, which the Spark runner does not support in "
        + "streaming (apache/beam#33237), and without it late data cannot be told apart. Run in "
        + "batch (bounded input), or on the Flink or Direct runner. Use --profile=flink-local "
        + "--streaming=true for streaming, or --streaming=false.",
        "run", "sensor-stats", "--profile=spark-local", "--streaming=true");
  }

  @Test
  public void runWritesResultsDeadLettersAndABalancedSummary() throws IOException {
    File input = tmp.newFile("events.jsonl");
    Files.writeString(input.toPath(), String.join("\n",
        "{\"sensorId\":\"a\",\"ts\":\"2026-11-01T00:00:01Z\",\"temperature\":20}",
        "{\"sensorId\":\"a\",\"ts\":\"2026-11-01T00:00:02Z\",\"temperature\":22}",
        "not json",
        "{\"sensorId\":\"a\",\"ts\":\"2026-11-01T00:01:30Z\",\"temperature\":30}",
        ""), StandardCharsets.UTF_8);
    String results = tmp.getRoot() + "/results";
    String dead = tmp.getRoot() + "/dead";
    String late = tmp.getRoot() + "/late";
    // A part file from an earlier run must not survive into this one.
    Files.createDirectories(Paths.get(results));
    Files.writeString(Paths.get(results, "part-00009-of-00010.jsonl"), "stale\n");

    int code = run("run", "sensor-stats", "--input=" + input, "--output=" + results,
        "--deadLetters=" + dead, "--lateData=" + late, "--numShards=1");

    assertEquals(stderr(), 0, code);
    List<JsonNode> stats = readJsonLines(results);
    assertEquals(2, stats.size());
    JsonNode first = stats.stream()
        .filter(n -> n.get("windowStart").asText().equals("2026-11-01T00:00:00.000Z"))
        .findFirst().orElseThrow();
    assertEquals(2, first.get("count").asLong());
    assertEquals(21.0, first.get("mean").asDouble(), 0.0);
    assertEquals(1.0, first.get("stddev").asDouble(), 0.0);
    assertEquals("ON_TIME", first.get("pane").get("timing").asText());

    List<JsonNode> letters = readJsonLines(dead);
    assertEquals(1, letters.size());
    assertEquals("not json", letters.get(0).get("payload").asText());
    assertEquals(3, letters.get(0).get("position").asLong());
    assertEquals(input.toString(), letters.get(0).get("source").asText());
    assertThat(letters.get(0).get("reason").asText(), startsWith("malformed JSON at column 4"));

    assertThat(stdout(), containsString("state                  DONE"));
    assertThat(stdout(), containsString("lines_read             4"));
    assertThat(stdout(), containsString("ledger                 lines_read 4 = valid_events 3 + dead_letters 1  OK"));
    assertThat(stdout(), containsString(
        "ledger                 valid_events 3 = windowed_events 3 + dropped_late 0  OK"));
    // A file has no late data: the watermark stays at the start until the whole file is read.
    assertEquals(List.of(), readJsonLines(late));
    assertThat(stdout(), containsString("output                 late data: " + late));
  }

  private static List<JsonNode> readJsonLines(String folder) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> nodes = new ArrayList<>();
    try (Stream<Path> files = Files.list(Paths.get(folder))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith("part-"))::iterator) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          nodes.add(mapper.readTree(line));
        }
      }
    }
    return nodes;
  }
}
