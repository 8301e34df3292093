package dev.beamline.pipelines.frauddetection;

import java.util.Locale;

/** What happens to a transaction whose account has no profile in the reference table. */
public enum MissingProfile {
  /** Scored by the rules like any other; its alerts say {@code "profile":null}. */
  SCORE,
  /** A dead letter (stage {@code enrich}); the rules never see it. */
  DEAD_LETTER;

  /** {@code score} or {@code dead-letter}, as the option is written. */
  public static MissingProfile parse(String text) {
    for (MissingProfile m : values()) {
      if (m.optionValue().equals(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException("--missingProfile: '" + text
        + "' is not one of: score, dead-letter");
  }

  public String optionValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
