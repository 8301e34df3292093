package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.transforms.parse.InvalidRecordException;

/**
 * The {@code page} of a click event: a URL path as a site's analytics would log it, starting with
 * {@code /}, at most 2,048 characters, without spaces or control characters (a tracker that logs a
 * page title or a full URL is a bug to see, not a page). Kept as written: {@code /cart} and
 * {@code /cart/} are different pages to a site, and so here.
 */
public final class PagePaths {
  static final int MAX_LENGTH = 2048;

  private PagePaths() {}

  public static String check(String text) throws InvalidRecordException {
    if (!text.startsWith("/")) {
      throw new InvalidRecordException("is not a page path: \"" + shorten(text)
          + "\" (it must start with '/')");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidRecordException("is a page path of " + text.length()
          + " characters, longer than " + MAX_LENGTH);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        throw new InvalidRecordException("is not a page path: \"" + shorten(text)
            + "\" (whitespace or a control character at index " + i + ")");
      }
    }
    return text;
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
