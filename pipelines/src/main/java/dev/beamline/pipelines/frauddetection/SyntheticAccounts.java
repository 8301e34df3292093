package dev.beamline.pipelines.frauddetection;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The accounts behind the generated transactions. Each account's attributes are a function of its
 * number alone (not of the generator's seed), so one profile file serves every generated input:
 * home country, card currency, typical amount (the median of its purchases) and card limit. Every
 * 23rd account has no profile, to exercise the missing-profile policy.
 */
final class SyntheticAccounts {
  /** Accounts in {@code testdata/fraud-detection/accounts.jsonl}. */
  static final int PROFILED_ACCOUNTS = 1000;

  private static final String[] HOMES = {"DE", "FR", "GB", "US", "ES", "IT", "NL", "CH", "SE", "PL"};
  private static final String[] CURRENCIES =
      {"EUR", "EUR", "GBP", "USD", "EUR", "EUR", "EUR", "CHF", "SEK", "PLN"};
  /** Units of the currency per euro, roughly, so that amounts look like real prices. */
  private static final double[] PER_EURO = {1, 1, 0.86, 1.08, 1, 1, 1, 0.95, 11.2, 4.3};

  private SyntheticAccounts() {}

  static String id(int account) {
    return String.format(Locale.ROOT, "acc-%06d", account);
  }

  static boolean hasProfile(int account) {
    return account % 23 != 0;
  }

  private static int home(int account) {
    return new SplittableRandom(0x5EEDL * account + 17).nextInt(HOMES.length);
  }

  static String homeCountry(int account) {
    return HOMES[home(account)];
  }

  static String currency(int account) {
    return CURRENCIES[home(account)];
  }

  /** The median purchase, in the card's currency: 12 to 120 euros' worth. */
  static double typicalAmount(int account) {
    SplittableRandom r = new SplittableRandom(0xA11L * account + 3);
    return (12 + 108 * r.nextDouble() * r.nextDouble()) * PER_EURO[home(account)];
  }

  /** 1,000 to 15,000 euros' worth, in steps of 500 units. */
  static double cardLimit(int account) {
    SplittableRandom r = new SplittableRandom(0x11L * account + 5);
    double limit = (1000 + 14000 * r.nextDouble()) * PER_EURO[home(account)];
    return Math.round(limit / 500) * 500.0;
  }

  static String profileJson(int account) {
    return "{\"accountId\":\"" + id(account) + "\",\"homeCountry\":\"" + homeCountry(account)
        + "\",\"currency\":\"" + currency(account) + "\",\"cardLimit\":"
        + String.format(Locale.ROOT, "%.1f", cardLimit(account)) + "}";
  }

  /**
   * The profile file: accounts 1 to {@code accounts} (without those {@link #hasProfile} leaves
   * out), with four deliberately bad lines an export could contain: a comment, a repeated account,
   * a non-ISO country and a negative limit.
   */
  static void writeProfiles(int accounts, Writer out) throws IOException {
    for (int a = 1; a <= accounts; a++) {
      if (hasProfile(a)) {
        out.write(profileJson(a));
        out.write('\n');
      }
      if (a == 2) {
        out.write("# accounts export 2026-11-01, one JSON object per line\n");
      } else if (a == 10) {
        out.write("{\"accountId\":\"acc-000003\",\"homeCountry\":\"DE\",\"currency\":\"EUR\","
            + "\"cardLimit\":99999.0}\n");
      } else if (a == 20) {
        out.write("{\"accountId\":\"acc-900001\",\"homeCountry\":\"UK\",\"currency\":\"GBP\","
            + "\"cardLimit\":2000.0}\n");
      } else if (a == 30) {
        out.write("{\"accountId\":\"acc-900002\",\"homeCountry\":\"FR\",\"currency\":\"EUR\","
            + "\"cardLimit\":-500.0}\n");
      }
    }
  }
}
