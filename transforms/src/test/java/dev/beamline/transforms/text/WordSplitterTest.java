package dev.beamline.transforms.text;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

/** Word splitting across scripts, with the exact words expected. */
public class WordSplitterTest {
  private final WordSplitter splitter = new WordSplitter();

  @Test
  public void chineseIsSegmentedIntoWordsNotReturnedAsOneRun() {
    assertEquals(List.of("我们", "今天", "去", "北京", "大学", "看", "樱花"),
        splitter.split("我们今天去北京大学看樱花。"));
  }

  @Test
  public void thaiAndJapaneseUseDictionariesToo() {
    assertEquals(List.of("สวัสดี", "ครับ"), splitter.split("สวัสดีครับ"));
    assertEquals(List.of("東京タワー", "に", "行き", "ま", "した"), splitter.split("東京タワーに行きました"));
  }

  @Test
  public void latinTextLosesPunctuationAndIsCaseFolded() {
    assertEquals(List.of("hello", "wörld", "it's", "3.5", "naïve", "café"),
        splitter.split("Hello, WÖRLD! It's 3.5 -- naïve café..."));
  }

  @Test
  public void caseFoldingIsFullAndCompatibilityNormalised() {
    // German sharp s folds to "ss"; full-width Latin letters are the same word as ASCII ones.
    assertEquals(List.of("strasse", "strasse", "strasse"), splitter.split("Straße STRASSE ＳＴＲＡＳＳＥ"));
  }

  @Test
  public void emptyAndPunctuationOnlyLinesHaveNoWords() {
    assertEquals(List.of(), splitter.split(""));
    assertEquals(List.of(), splitter.split("  ... !!! — "));
  }
}
