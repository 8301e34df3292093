package dev.beamline.pipelines.wordcount;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.beamline.pipelines.SampleGenerator.Settings;
import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.text.WordSplitter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** The generator is deterministic, its lines meet the contract, its disorder is bounded. */
public class WordCountGeneratorTest {
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(TextLines.CLEAN);

  private static String generate(Settings s) throws IOException {
    StringWriter w = new StringWriter();
    new WordCountGenerator().generate(s, w);
    return w.toString();
  }

  @Test
  public void sameSettingsGiveTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    Settings s = new Settings(2_000, 42, 12, 20_000, 0.01);
    assertEquals(generate(s), generate(s));
    assertNotEquals(generate(s), generate(new Settings(2_000, 43, 12, 20_000, 0.01)));
  }

  @Test
  public void everyLineIsValidTextInFourLanguagesWithBoundedDisorder() throws Exception {
    String[] lines = generate(new Settings(5_000, 7, 12, 20_000, 0.0)).split("\n");
    assertEquals(5_000, lines.length);
    Set<String> sources = new HashSet<>();
    Set<String> languages = new HashSet<>();
    Set<String> words = new HashSet<>();
    WordSplitter splitter = new WordSplitter();
    long maxSeen = Long.MIN_VALUE;
    long worstLag = 0;
    for (String line : lines) {
      Row r = CLEANER.clean(line);
      String source = r.getString(TextLines.SOURCE);
      sources.add(source);
      languages.add(source.substring(0, 2));
      words.addAll(splitter.split(r.getString(TextLines.TEXT)));
      long ts = r.getDateTime(TextLines.TS).getMillis();
      maxSeen = Math.max(maxSeen, ts);
      worstLag = Math.max(worstLag, maxSeen - ts);
    }
    assertEquals(Set.of("en", "de", "zh", "ja"), languages);
    assertEquals(4 * 12, sources.size());
    // Upper-case and full-width variants fold into the same words as the plain ones.
    assertTrue(words.contains("strasse") && !words.contains("STRASSE") && !words.contains("ＴＨＥ"));
    assertTrue(words.contains("北京") && words.contains("東京タワー"));
    assertTrue("lag " + worstLag, worstLag <= 20_000 && worstLag > 15_000);
  }

  @Test
  public void badLineRateGivesLinesThatTheContractRejects() throws IOException {
    int bad = 0;
    for (String line : generate(new Settings(10_000, 1, 4, 0, 0.01)).split("\n", -1)) {
      try {
        CLEANER.clean(line);
      } catch (InvalidRecordException e) {
        bad++;
      }
    }
    // 1 % of 10,000 lines, plus the empty string after the final newline.
    assertTrue("bad " + bad, bad > 50 && bad < 160);
  }
}
