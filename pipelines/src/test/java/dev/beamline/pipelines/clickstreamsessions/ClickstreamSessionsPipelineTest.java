package dev.beamline.pipelines.clickstreamsessions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
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
 * clickstream-sessions as a user runs it (the launcher, in-process, DirectRunner): its help, its
 * refusals, and a small run whose outputs are checked.
 */
public class ClickstreamSessionsPipelineTest {
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
  public void helpListsTheSessionGap() {
    assertEquals(0, run("help", "clickstream-sessions"));
    assertThat(out.toString(StandardCharsets.UTF_8), containsString("--sessionGap"));
    // The window flags it refuses are not offered; the trigger flags it takes are.
    assertThat(out.toString(StandardCharsets.UTF_8), not(containsString("--window ")));
    assertThat(out.toString(StandardCharsets.UTF_8), not(containsString("--windowSize")));
    assertThat(out.toString(StandardCharsets.UTF_8), containsString("--trigger"));
  }

  @Test
  public void windowFlagsAreRefusedSinceTheWindowsAreSessions() {
    assertUsageError("--window does not apply to clickstream-sessions: its windows are always "
        + "sessions; set their gap with --sessionGap",
        "run", "clickstream-sessions", "--window=fixed:1m");
    err.reset();
    assertUsageError("--windowSize does not apply to clickstream-sessions: its windows are always "
        + "sessions; set their gap with --sessionGap",
        "run", "clickstream-sessions", "--windowSize=5m");
    err.reset();
    assertUsageError("--windowSlide does not apply to clickstream-sessions: its windows are always "
        + "sessions; set their gap with --sessionGap",
        "run", "clickstream-sessions", "--windowSlide=1m");
  }

  @Test
  public void badGapsAreRefused() {
    assertUsageError("--sessionGap: session gap must be positive, was 0",
        "run", "clickstream-sessions", "--sessionGap=0");
  }

  @Test
  public void discardingPanesWithLateFiringsAreRefused() {
    assertUsageError("--accumulation=discarding with a trigger that fires more than once per "
        + "window (--trigger=late:each): a pane of a session that grew or merged would hold only "
        + "its newest events. Use --accumulation=accumulating (each pane restates the window).",
        "run", "clickstream-sessions", "--allowedLateness=10m", "--accumulation=discarding");
  }

  @Test
  public void runWritesSessionsDeadLettersAndABalancedSummary() throws IOException {
    File input = tmp.newFile("clicks.jsonl");
    Files.writeString(input.toPath(), String.join("\n",
        click("u1", "/home", "view", "09:00:00"),
        click("u1", "/product/7", "add_to_cart", "09:04:00"),
        click("u2", "/home", "view", "09:05:00"),
        click("u1", "/checkout/confirm", "purchase", "09:02:00"),
        "{\"userId\":\"u1\",\"page\":\"home\",\"action\":\"view\",\"ts\":\"2026-11-01T09:03:00Z\"}",
        click("u1", "/home", "view", "09:40:00"),
        ""), StandardCharsets.UTF_8);
    String results = tmp.getRoot() + "/sessions";
    String dead = tmp.getRoot() + "/dead";

    int code = run("run", "clickstream-sessions", "--input=" + input, "--output=" + results,
        "--deadLetters=" + dead, "--lateData=" + tmp.getRoot() + "/late", "--sessionGap=30m",
        "--numShards=1");

    assertEquals(err.toString(StandardCharsets.UTF_8), 0, code);
    JsonLinesOutput sessions = JsonLinesOutput.read(Paths.get(results),
        List.of("userId", "sessionStart"));
    assertEquals(3, sessions.finalResults.size());
    // Out of order in the file, one session in event time: 09:00 to 09:04, 36 minutes before the
    // next event of u1.
    assertEquals("{\"userId\":\"u1\",\"sessionStart\":\"2026-11-01T09:00:00.000Z\","
        + "\"sessionEnd\":\"2026-11-01T09:04:00.000Z\",\"durationMillis\":240000,\"events\":3,"
        + "\"distinctPages\":3,\"firstPage\":\"/home\",\"lastPage\":\"/product/7\","
        + "\"converted\":true}",
        sessions.finalResults.get("u1|2026-11-01T09:00:00.000Z|").toString());
    assertEquals(1, JsonLinesOutput.lines(Paths.get(dead)).size());

    String summary = out.toString(StandardCharsets.UTF_8);
    assertThat(summary, containsString("lines_read 6 = records_cleaned 5 + records_dead_lettered 1"
        + "  OK"));
    assertThat(summary, containsString("records_cleaned 5 = windowed_events 5 + dropped_late 0  OK"));
    assertThat(summary, containsString("sessions_written       3"));
  }

  private static String click(String user, String page, String action, String time) {
    return "{\"userId\":\"" + user + "\",\"page\":\"" + page + "\",\"action\":\"" + action
        + "\",\"ts\":\"2026-11-01T" + time + "Z\"}";
  }
}
