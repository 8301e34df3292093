package dev.beamline.pipelines.frauddetection;

import dev.beamline.pipelines.SampleGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.joda.time.DateTimeZone;
import org.joda.time.Instant;

/**
 * Synthetic card transactions in the fraud-detection input format, with fraud patterns injected at
 * random but reproducible points. Accounts {@code acc-000001}... ({@code keys} of them) are those
 * of {@link SyntheticAccounts}; each makes a purchase every 90 minutes on average from
 * 2026-11-02T00:00:00Z, its amount log-normal around the account's typical amount, in its home
 * country except on trips (a trip starts or ends only after 4 hours without a purchase, so a
 * traveller is not a country-change alert).
 *
 * <p>About 1 in 100 purchases of an account with some history are replaced by one of four
 * fraud patterns: card testing (6 to 9 tiny online payments 15 to 70 s apart: VELOCITY), an amount
 * spike (15 to 40 times the typical amount: AMOUNT_ANOMALY), impossible travel (a purchase at home,
 * then within 10 to 90 minutes one or two in a distant country: COUNTRY_CHANGE) and account
 * takeover (three big purchases in a distant country within minutes: COUNTRY_CHANGE and
 * AMOUNT_ANOMALY).
 *
 * <p>Lines are written in arrival order: 80 % of transactions arrive within 2 s of their
 * timestamp, the rest up to {@code maxDisorder} late, so the file is out of event-time order by
 * at most that. 1 % of lines are delivered twice (the same line again up to 30 s later: a retry).
 * About {@code badLineRate} of the transactions are written as one of eleven kinds of bad line.
 * Timestamps are mostly ISO-8601 UTC, some with a +01:00 offset or as epoch milliseconds; some
 * lines carry extra fields (channel, mcc) that the pipeline ignores.
 */
public final class TransactionGenerator implements SampleGenerator {
  static final long START_MILLIS = Instant.parse("2026-11-02T00:00:00Z").getMillis();
  static final long MEAN_ACCOUNT_GAP_MILLIS = 90 * 60_000L;
  static final double FRAUD_RATE = 0.01;
  static final double DUPLICATE_RATE = 0.01;
  private static final int HISTORY_BEFORE_FRAUD = 12;
  private static final long TRIP_GAP_MILLIS = 4 * 3_600_000L;
  private static final long QUICK_ARRIVAL_MILLIS = 2_000;

  private static final String[] MERCHANTS = {"Lidl", "Carrefour", "Tesco Express", "Albert Heijn",
      "Migros", "Żabka", "Åhlens", "Bäckerei Schäfer", "Café de Flore", "El Corte Inglés",
      "Boulangerie Paul", "Rossmann", "IKEA", "Zara", "Shell", "Uber", "Starbucks",
      "Amazon Marketplace", "Deutsche Bahn", "Pressbyrån"};
  /** Shops in the distant countries, for purchases made there. */
  private static final String[][] LOCAL = {{"BR", "Padaria São Jorge"}, {"TH", "เซเว่น อีเลฟเว่น"},
      {"ZA", "Woolworths"}, {"MX", "OXXO"}, {"VN", "Phở Hà Nội"}, {"AE", "Carrefour"},
      {"NG", "Shoprite"}, {"ID", "Indomaret"}, {"TR", "Şok Market"}, {"JP", "ファミリーマート"}};
  private static final String[] ONLINE = {"Steam", "Google Play", "Spotify", "App Store",
      "Amazon Marketplace"};
  private static final String[] BIG_TICKET = {"Apple Store", "MediaMarkt", "Bijouterie Lumière",
      "Louis Vuitton", "Rolex Boutique"};
  private static final String[] TRIPS = {"FR", "ES", "IT", "PT", "AT", "GR", "US", "GB", "DE", "NL"};
  private static final String[] DISTANT = {"BR", "TH", "ZA", "MX", "VN", "AE", "NG", "ID", "TR",
      "JP"};

  @Override
  public void generate(Settings s, Writer out) throws IOException {
    new Run(s, out).run();
  }

  /** A transaction waiting for its arrival time. */
  private static final class Pending {
    final long arrival;
    final long order;
    final Tx tx;
    final boolean repeat;

    Pending(long arrival, long order, Tx tx, boolean repeat) {
      this.arrival = arrival;
      this.order = order;
      this.tx = tx;
      this.repeat = repeat;
    }
  }

  /** One generated transaction, rendered when it is written. */
  private static final class Tx {
    final String txId;
    final String accountId;
    final String amount;
    final String currency;
    final String merchant;
    final String country;
    final String ts;
    final String extras;

    Tx(String txId, String accountId, String amount, String currency, String merchant,
        String country, String ts, String extras) {
      this.txId = txId;
      this.accountId = accountId;
      this.amount = amount;
      this.currency = currency;
      this.merchant = merchant;
      this.country = country;
      this.ts = ts;
      this.extras = extras;
    }

    String line() {
      return line(txId, amount, currency, merchant, country, ts);
    }

    String line(String id, String amt, String cur, String merch, String ctry, String time) {
      return "{\"txId\":\"" + id + "\",\"accountId\":\"" + accountId + "\",\"amount\":" + amt
          + ",\"currency\":\"" + cur + "\"" + (merch == null ? "" : ",\"merchant\":\"" + merch + "\"")
          + ",\"country\":\"" + ctry + "\",\"ts\":" + time + extras + "}";
    }
  }

  private static final class Run {
    private final Settings s;
    private final Writer out;
    private final SplittableRandom r;
    private final double[] typical;
    private final String[] home;
    private final String[] country;
    private final long[] last;
    private final long[] tripUntil;
    private final int[] made;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
        Comparator.<Pending>comparingLong(p -> p.arrival).thenComparingLong(p -> p.order));
    private long nextTx = 1;
    private long nextOrder;
    private long written;

    Run(Settings s, Writer out) {
      this.s = s;
      this.out = out;
      this.r = new SplittableRandom(s.seed);
      int n = s.keys + 1;
      typical = new double[n];
      home = new String[n];
      country = new String[n];
      last = new long[n];
      tripUntil = new long[n];
      made = new int[n];
      for (int a = 1; a <= s.keys; a++) {
        typical[a] = SyntheticAccounts.typicalAmount(a);
        home[a] = SyntheticAccounts.homeCountry(a);
        country[a] = home[a];
        last[a] = Long.MIN_VALUE / 2;
      }
    }

    void run() throws IOException {
      long gap = Math.max(1, MEAN_ACCOUNT_GAP_MILLIS / s.keys);
      for (long step = 0; written < s.events; step++) {
        long t = START_MILLIS + step * gap + r.nextLong(gap);
        // Everything still to be made has a timestamp (so an arrival) at or after t.
        writeArrivedBy(t);
        int a = 1 + r.nextInt(s.keys);
        if (made[a] >= HISTORY_BEFORE_FRAUD && r.nextDouble() < FRAUD_RATE) {
          fraud(a, t);
        } else {
          purchase(a, t);
        }
      }
    }

    private void purchase(int a, long t) {
      if (t - last[a] >= TRIP_GAP_MILLIS) {
        boolean away = !country[a].equals(home[a]);
        if (away && t > tripUntil[a]) {
          country[a] = home[a];
        } else if (!away && r.nextDouble() < 0.08) {
          country[a] = other(TRIPS, home[a]);
          tripUntil[a] = t + 86_400_000L * (1 + r.nextInt(4));
        }
      }
      make(a, t, typical[a] * StrictMath.exp(0.45 * gaussian()), pick(MERCHANTS), country[a]);
    }

    private void fraud(int a, long t) {
      switch (r.nextInt(4)) {
        case 0: { // card testing: many tiny online payments
          int n = 6 + r.nextInt(4);
          long ts = t;
          for (int i = 0; i < n; i++) {
            make(a, ts, 0.5 + 2.5 * r.nextDouble(), pick(ONLINE), country[a]);
            ts += 15_000 + r.nextLong(55_000);
          }
          break;
        }
        case 1: // amount spike
          make(a, t, typical[a] * (15 + 25 * r.nextDouble()), pick(BIG_TICKET), country[a]);
          break;
        case 2: { // impossible travel: at home, then far away within the hour or so
          purchase(a, t);
          String far = other(DISTANT, country[a]);
          long ts = t + 600_000 + r.nextLong(4_800_000);
          make(a, ts, typical[a] * (1 + 2 * r.nextDouble()), localShop(far), far);
          if (r.nextBoolean()) {
            make(a, ts + 300_000 + r.nextLong(900_000), typical[a] * (1 + 2 * r.nextDouble()),
                localShop(far), far);
          }
          break;
        }
        default: { // account takeover: big purchases far away, minutes apart
          String far = other(DISTANT, country[a]);
          long ts = t;
          for (int i = 0; i < 3; i++) {
            ts += 60_000 + r.nextLong(180_000);
            make(a, ts, typical[a] * (8 + 12 * r.nextDouble()), pick(BIG_TICKET), far);
          }
        }
      }
    }

    private void make(int a, long ts, double amount, String merchant, String where) {
      made[a]++;
      last[a] = Math.max(last[a], ts);
      String txId = String.format(Locale.ROOT, "tx-%08d", nextTx++);
      double form = r.nextDouble();
      String time;
      if (form < 0.05) {
        time = Long.toString(ts);
      } else if (form < 0.10) {
        time = "\"" + new Instant(ts).toDateTime(DateTimeZone.forOffsetHours(1))
            .toString("yyyy-MM-dd'T'HH:mm:ss.SSSZZ") + "\"";
      } else {
        time = "\"" + new Instant(ts) + "\"";
      }
      double extra = r.nextDouble();
      String extras = extra < 0.2 ? ",\"channel\":\"pos\""
          : extra < 0.3 ? ",\"channel\":\"online\",\"mcc\":5999" : "";
      Tx tx = new Tx(txId, SyntheticAccounts.id(a), String.format(Locale.ROOT, "%.2f", amount),
          SyntheticAccounts.currency(a), merchant, where, time, extras);
      long delay = r.nextDouble() < 0.8
          ? r.nextLong(Math.min(QUICK_ARRIVAL_MILLIS, s.maxDisorderMillis) + 1)
          : r.nextLong(s.maxDisorderMillis + 1);
      pending.add(new Pending(ts + delay, nextOrder++, tx, false));
    }

    private void writeArrivedBy(long t) throws IOException {
      while (written < s.events && !pending.isEmpty() && pending.peek().arrival <= t) {
        Pending p = pending.poll();
        String line;
        if (!p.repeat && s.badLineRate > 0 && r.nextDouble() < s.badLineRate) {
          line = badLine(p.tx);
        } else {
          line = p.tx.line();
          if (!p.repeat && r.nextDouble() < DUPLICATE_RATE) {
            pending.add(new Pending(p.arrival + 1_000 + r.nextLong(29_000), nextOrder++, p.tx, true));
          }
        }
        out.write(line);
        out.write('\n');
        written++;
      }
    }

    /** One of eleven mistakes real exports make. */
    private String badLine(Tx tx) {
      switch (r.nextInt(11)) {
        case 0: { // cut off mid-line
          String full = tx.line();
          return full.substring(0, full.length() / 2);
        }
        case 1: // decimal comma, as text
          return tx.line(tx.txId, "\"" + tx.amount.replace('.', ',') + "\"", tx.currency,
              tx.merchant, tx.country, tx.ts);
        case 2: // a refund where purchases are expected
          return tx.line(tx.txId, "-" + tx.amount, tx.currency, tx.merchant, tx.country, tx.ts);
        case 3: // not an ISO 3166 code
          return tx.line(tx.txId, tx.amount, tx.currency, tx.merchant, "UK", tx.ts);
        case 4: // a symbol, not an ISO 4217 code
          return tx.line(tx.txId, tx.amount, "€", tx.merchant, tx.country, tx.ts);
        case 5: // no merchant
          return tx.line(tx.txId, tx.amount, tx.currency, null, tx.country, tx.ts);
        case 6: // no transaction id
          return tx.line("", tx.amount, tx.currency, tx.merchant, tx.country, tx.ts);
        case 7: // local time without an offset
          return tx.line(tx.txId, tx.amount, tx.currency, tx.merchant, tx.country,
              "\"2026-11-02 " + String.format(Locale.ROOT, "%02d:%02d:%02d", r.nextInt(24),
                  r.nextInt(60), r.nextInt(60)) + "\"");
        case 8: // NaN is not JSON
          return tx.line(tx.txId, "NaN", tx.currency, tx.merchant, tx.country, tx.ts);
        case 9: // the amount twice
          return tx.line(tx.txId, tx.amount + ",\"amount\":" + tx.amount, tx.currency,
              tx.merchant, tx.country, tx.ts);
        default:
          return "";
      }
    }

    private double gaussian() {
      // Box-Muller with StrictMath: the same bytes on every JVM and platform.
      double u = 1.0 - r.nextDouble();
      double v = r.nextDouble();
      return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    private String pick(String[] options) {
      return options[r.nextInt(options.length)];
    }

    private static String localShop(String country) {
      for (String[] shop : LOCAL) {
        if (shop[0].equals(country)) {
          return shop[1];
        }
      }
      throw new IllegalArgumentException("no shop in " + country);
    }

    private String other(String[] options, String not) {
      String c;
      do {
        c = pick(options);
      } while (c.equals(not));
      return c;
    }
  }
}
