package dev.beamline.pipelines.frauddetection;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.beamline.pipelines.SampleGenerator.Settings;
import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

/**
 * The generator is deterministic, keeps its promises (clean lines, bounded disorder, repeats, the
 * fraud patterns) and reproduces the checked-in sample and account files byte for byte.
 */
public class TransactionGeneratorTest {
  private static final Path HOME = Paths.get(System.getProperty("beamline.home", ".."));
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(CleanTransactions.RULES);
  /** The settings of testdata/fraud-detection/sample.jsonl (see its README). */
  static final Settings SAMPLE = new Settings(1500, 4, 40, 300_000, 0.012);

  private static String generate(Settings s) throws IOException {
    StringWriter w = new StringWriter();
    new TransactionGenerator().generate(s, w);
    return w.toString();
  }

  @Test
  public void sameSettingsGiveTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    Settings s = new Settings(3_000, 42, 50, 60_000, 0.01);
    assertEquals(generate(s), generate(s));
    assertNotEquals(generate(s), generate(new Settings(3_000, 43, 50, 60_000, 0.01)));
  }

  @Test
  public void withoutBadLinesEveryLineIsCleanAndDisorderStaysWithinTheBoundPlusRepeats()
      throws Exception {
    String[] lines = generate(new Settings(20_000, 7, 100, 120_000, 0.0)).split("\n");
    assertEquals(20_000, lines.length);
    Set<String> ids = new HashSet<>();
    Set<String> accounts = new HashSet<>();
    long maxSeen = Long.MIN_VALUE;
    long worstLag = 0;
    int repeats = 0;
    for (String line : lines) {
      Transaction t = Transaction.fromRow(CLEANER.clean(line));
      if (!ids.add(t.txId())) {
        repeats++;
      }
      accounts.add(t.accountId());
      maxSeen = Math.max(maxSeen, t.timestampMillis());
      worstLag = Math.max(worstLag, maxSeen - t.timestampMillis());
    }
    assertEquals(100, accounts.size());
    assertTrue("repeats " + repeats, repeats > 100 && repeats < 300); // 1 %
    // A repeat comes up to 30 s after its original's arrival.
    assertTrue("lag " + worstLag, worstLag > 100_000 && worstLag <= 150_000);
  }

  @Test
  public void everyFraudPatternIsInjected() throws IOException {
    String all = generate(new Settings(20_000, 3, 100, 10_000, 0.0));
    assertTrue("card testing", all.contains("\"merchant\":\"Steam\""));
    assertTrue("spikes and takeovers", all.contains("\"merchant\":\"Rolex Boutique\""));
    assertTrue("impossible travel", all.contains("\"merchant\":\"ファミリーマート\",\"country\":\"JP\""));
  }

  @Test
  public void badLinesAreRefusedByTheContract() throws IOException {
    int bad = 0;
    String[] lines = generate(new Settings(10_000, 1, 50, 10_000, 0.02)).split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      try {
        CLEANER.clean(lines[i]);
      } catch (InvalidRecordException e) {
        bad++;
      }
    }
    assertTrue("bad " + bad, bad > 140 && bad < 260);
  }

  @Test
  public void theSampleIsTheGeneratorsOutputForItsDocumentedSettings() throws IOException {
    assertEquals(Files.readString(HOME.resolve("testdata/fraud-detection/sample.jsonl"),
        StandardCharsets.UTF_8), generate(SAMPLE));
  }

  @Test
  public void theAccountFileIsTheSyntheticProfilesWithFourBadLines() throws IOException {
    StringWriter w = new StringWriter();
    SyntheticAccounts.writeProfiles(SyntheticAccounts.PROFILED_ACCOUNTS, w);
    assertEquals(Files.readString(HOME.resolve("testdata/fraud-detection/accounts.jsonl"),
        StandardCharsets.UTF_8), w.toString());
  }
}
