package dev.beamline.pipelines.trendingtopics;

import static dev.beamline.pipelines.trendingtopics.HashtagExtractor.extract;
import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

/** What is a hashtag and what is it folded to: one rule per test, exact results. */
public class HashtagExtractorTest {
  @Test
  public void hashtagsInAnyScriptAreFound() {
    assertEquals(List.of("東京", "café", "北京", "москва", "서울"),
        extract("Off to #東京 then #café in #北京, #Москва and #서울"));
  }

  @Test
  public void caseCompositionAndWidthAreFoldedSoSpellingsAreOneTopic() {
    assertEquals(List.of("café"), extract("#café #Café #CAFÉ #cafe\u0301"));
    assertEquals(List.of("beam"), extract("#Beam ＃ＢＥＡＭ #ｂｅａｍ"));
    assertEquals(List.of("strasse"), extract("#Straße #STRASSE #strasse"));
  }

  @Test
  public void aHashtagRepeatedInAPostCountsOnceInOrderOfFirstAppearance() {
    assertEquals(List.of("b", "a"), extract("#b #a #B #a"));
  }

  @Test
  public void theRunEndsAtPunctuationSpaceOrEmojiAndKeepsDigitsAndUnderscores() {
    assertEquals(List.of("café", "c", "c_sharp", "beam2026", "party"),
        extract("#café! #C++ #c_sharp, #beam2026. #party🎉"));
  }

  @Test
  public void numbersAloneAreNotHashtags() {
    assertEquals(List.of("1位"), extract("#1 fan, #2026, #_ and #1位"));
  }

  @Test
  public void aSignAfterAWordCharacterAnEntityOrAnotherSignIsNotAHashtag() {
    assertEquals(List.of("a"), extract("a#b &#39; #a#c ##d"));
  }

  @Test
  public void weiboStyleTopicsBetweenTwoSignsAreFound() {
    assertEquals(List.of("北京天气", "数据"), extract("#北京天气#今天很冷 #数据#"));
  }

  @Test
  public void fragmentsInsideUrlsAreNotHashtags() {
    assertEquals(List.of("slides"),
        extract("https://example.com/page#section www.example.org/#top http://x.y/#z #slides"));
  }

  @Test
  public void scriptsWithoutSpacesRunToTheNextSeparator() {
    assertEquals(List.of("東京タワーに行った"), extract("#東京タワーに行った。"));
  }

  @Test
  public void textWithoutHashtagsGivesNone() {
    assertEquals(List.of(), extract("no topics here, only a # sign and ＃"));
    assertEquals(List.of(), extract(""));
  }
}
