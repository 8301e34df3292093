package dev.beamline.transforms.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into words the way a reader would: Unicode word boundaries (UAX #29) with ICU's
 * dictionaries for scripts written without spaces, so {@code 我们今天去北京} becomes
 * {@code 我们, 今天, 去, 北京} rather than one "word"; Japanese and Thai likewise. Punctuation,
 * spaces and symbols are not words; numbers are ({@code 3.5}). Each word is folded with NFKC
 * case folding, so {@code Straße}, {@code STRASSE} and full-width {@code ＳＴＲＡＳＳＥ} count as one.
 *
 * <p>Not thread-safe (ICU's break iterators keep position): use one per thread, e.g. per DoFn
 * instance.
 */
public final class WordSplitter {
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
  private final BreakIterator words = BreakIterator.getWordInstance(ULocale.ROOT);

  /** The folded words of {@code text}, in order. */
  public List<String> split(String text) {
    List<String> out = new ArrayList<>();
    words.setText(text);
    int start = words.first();
    for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
      // WORD_NONE marks spaces, punctuation and symbols between words.
      if (words.getRuleStatus() != BreakIterator.WORD_NONE) {
        out.add(NFKC_CASEFOLD.normalize(text.substring(start, end)));
      }
    }
    return out;
  }
}
