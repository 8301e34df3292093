package dev.beamline.pipelines.trendingtopics;

import com.ibm.icu.text.Normalizer2;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the hashtags of a post and folds them, so that {@code #Café}, {@code #CAFÉ} and
 * {@code #cafe} followed by U+0301 (a combining accent) are one topic, {@code café}.
 *
 * <p>A hashtag is {@code #} or the full-width {@code ＃} followed by a run of letters, combining
 * marks, digits and underscores in any script ({@code #東京}, {@code #straße}, {@code #c_sharp}),
 * where:
 * <ul>
 *   <li>the run contains at least one letter or mark: {@code #1} and {@code #2026} are numbers, not
 *       topics;
 *   <li>the sign is not preceded by a letter, mark, digit, underscore, {@code &} or another sign:
 *       {@code a#b}, {@code &#39;} and the second half of {@code #a#b} are not hashtags, while
 *       Weibo's {@code #北京天气#} gives {@code 北京天气};
 *   <li>text inside a URL ({@code http://}, {@code https://}, {@code www.} up to the next space)
 *       is skipped: {@code https://example.com/page#section} has no hashtag.
 * </ul>
 * The run ends at anything else (space, punctuation, emoji), so {@code #café!} gives {@code café};
 * scripts without spaces keep going to the next such character ({@code #東京タワーに行った} is one
 * hashtag, as on the platforms that invented them). The run is then folded with Unicode NFKC case
 * folding (ICU): case, compatibility forms (full-width letters) and composition are unified, and
 * {@code ß} folds to {@code ss}. A post's hashtags are returned once each, in order of appearance.
 */
public final class HashtagExtractor {
  private static final Pattern URL = Pattern.compile("(?i)(?:https?://|www\\.)\\S+");
  private static final Pattern HASHTAG =
      Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}_&#＃])[#＃]([\\p{L}\\p{M}\\p{N}_]+)");
  private static final Pattern HAS_LETTER = Pattern.compile("[\\p{L}\\p{M}]");
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

  private HashtagExtractor() {}

  /** The folded hashtags of {@code text}, each once, in order of first appearance. */
  public static List<String> extract(String text) {
    String withoutUrls = URL.matcher(text).replaceAll(" ");
    Set<String> tags = new LinkedHashSet<>();
    Matcher m = HASHTAG.matcher(withoutUrls);
    while (m.find()) {
      String body = m.group(1);
      if (HAS_LETTER.matcher(body).find()) {
        tags.add(NFKC_CASEFOLD.normalize(body));
      }
    }
    return new ArrayList<>(tags);
  }
}
