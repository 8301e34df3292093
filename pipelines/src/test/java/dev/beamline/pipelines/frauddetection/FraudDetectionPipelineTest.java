package dev.beamline.pipelines.frauddetection;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * fraud-detection as a user runs it, in-process on the DirectRunner: its help, the refusals at
 * start-up (one line, exit code 2), and a whole run over a small input with every kind of record:
 * a card-testing burst, a repeated line, a bad line, an account without a profile.
 */
public class FraudDetectionPipelineTest {
  private static final Path HOME = Paths.get(System.getProperty("beamline.home", ".."));

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), HOME).run(args);
  }

  private void assertRefused(String expectedLine, String... options) {
    List<String> args = new ArrayList<>(List.of("run", "fraud-detection"));
    args.addAll(List.of(options));
    assertEquals(2, run(args.toArray(new String[0])));
    assertEquals("beamline: " + expectedLine + System.lineSeparator(),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  public void helpListsTheRuleOptionsWithTheirDefaults() {
    assertEquals(0, run("help", "fraud-detection"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help, containsString("--velocityWindow"));
    assertThat(help, containsString("default: 10m/1m"));
    assertThat(help, containsString("--missingProfile"));
    assertThat(help, containsString("default: testdata/fraud-detection/accounts.jsonl"));
  }

  @Test
  public void sparkStreamingIsRefusedAtStartUp() {
    assertRefused("SparkRunner in streaming mode cannot run fraud-detection: deduplication and the"
        + " per-account rules need event-time timers in stateful DoFns, which it does not support."
        + " Use --streaming=false on Spark, or --profile=flink-local --streaming=true.",
        "--profile=spark-local", "--streaming=true");
  }

  @Test
  public void aVelocityWindowThatIsNotSizeSlashSlideIsRefused() {
    assertRefused("--velocityWindow: '10m/1m/5s' is not size/slide, e.g. 10m/1m",
        "--velocityWindow=10m/1m/5s");
  }

  @Test
  public void anIdleTimeoutShorterThanTheRulesNeedIsRefused() {
    assertRefused("the account idle timeout (1h) must be at least the longest rule horizon (3h): an"
        + " account would be forgotten while a rule still needs its past",
        "--accountIdleTimeout=1h");
  }

  @Test
  public void anUnknownMissingProfilePolicyIsRefused() {
    assertRefused("--missingProfile: 'drop' is not one of: score, dead-letter",
        "--missingProfile=drop");
  }

  @Test
  public void aZeroDeduplicationSpanIsRefused() {
    assertRefused("--dedupWithin must be positive, was 0", "--dedupWithin=0");
  }

  private static String line(String txId, String account, String ts, double amount, String country) {
    return String.format(Locale.ROOT, "{\"txId\":\"%s\",\"accountId\":\"%s\",\"amount\":%.2f,"
        + "\"currency\":\"EUR\",\"merchant\":\"Steam\",\"country\":\"%s\",\"ts\":\"%s\"}",
        txId, account, amount, country, ts);
  }

  @Test
  public void aRunWritesOneAlertPerSuspiciousTransactionAndBalancesItsLedger() throws IOException {
    // acc-000001 (DE): seven payments within 3 minutes, written out of order, the third twice.
    List<String> lines = new ArrayList<>();
    for (int i : new int[] {3, 1, 2, 7, 5, 6, 4}) {
      lines.add(line("b" + i, "acc-000001", "2026-11-02T10:0" + (i / 3) + ":" + (10 * (i % 3) + 10)
          + "Z", 1.5, "DE"));
    }
    lines.add(lines.get(0));
    // acc-999999 has no profile: scored anyway; FR, then MX 10 minutes later.
    lines.add(line("n2", "acc-999999", "2026-11-02T10:10:00Z", 40, "MX"));
    lines.add(line("n1", "acc-999999", "2026-11-02T10:00:00Z", 40, "FR"));
    lines.add("{\"txId\":\"bad\",\"accountId\":\"acc-000001\",\"amount\":-3}");
    File input = tmp.newFile("tx.jsonl");
    Files.write(input.toPath(), lines, StandardCharsets.UTF_8);
    Path alerts = tmp.getRoot().toPath().resolve("alerts");
    Path dead = tmp.getRoot().toPath().resolve("dead");

    int code = run("run", "fraud-detection", "--input=" + input,
        "--accounts=" + HOME.resolve("testdata/fraud-detection/accounts.jsonl"), "--output=" + alerts,
        "--deadLetters=" + dead, "--lateData=" + tmp.getRoot() + "/late", "--numShards=1");

    assertEquals(err.toString(StandardCharsets.UTF_8), 0, code);
    JsonLinesOutput written = JsonLinesOutput.read(alerts, List.of("txId"));
    assertEquals(List.of("b6|", "b7|", "n2|"), new ArrayList<>(written.finalResults.keySet()));
    assertEquals("[\"VELOCITY\"]", written.finalResults.get("b6|").get("rules").toString());
    assertEquals("{\"windowStart\":\"2026-11-02T09:53:00.000Z\",\"windowEnd\":"
            + "\"2026-11-02T10:03:00.000Z\",\"transactions\":6,\"limit\":5}",
        written.finalResults.get("b6|").get("evidence").get("VELOCITY").toString());
    assertEquals("{\"homeCountry\":\"DE\",\"currency\":\"EUR\",\"cardLimit\":12000.0}",
        written.finalResults.get("b7|").get("profile").toString());
    assertEquals("[\"COUNTRY_CHANGE\"]", written.finalResults.get("n2|").get("rules").toString());
    assertEquals("null", written.finalResults.get("n2|").get("profile").toString());

    List<String> letters = JsonLinesOutput.lines(dead);
    // Four bad lines of the account file, and the bad transaction.
    assertEquals(5, letters.size());
    assertThat(letters.toString(), containsString("\"reason\":\"field 'amount' is -3.0, below the"
        + " minimum 0.01 (rule: range)\",\"source\":\"" + input + "\",\"position\":11"));

    String summary = out.toString(StandardCharsets.UTF_8);
    assertThat(summary, containsString(
        "ledger                 lines_read 11 = records_cleaned 10 + records_dead_lettered 1  OK"));
    assertThat(summary, containsString("ledger                 records_cleaned 10 = duplicates_dropped 1"
        + " + profile_misses_dead_lettered 0 + late_for_key 0 + transactions_scored 9  OK"));
    assertThat(summary, containsString("duplicates_dropped     1"));
    assertThat(summary, containsString("transactions_scored    9"));
    assertThat(summary, containsString("enrichment_misses      2"));
    assertThat(summary, containsString("alerts_written         3"));
  }
}
