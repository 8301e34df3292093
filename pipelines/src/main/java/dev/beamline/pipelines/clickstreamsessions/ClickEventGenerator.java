package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.pipelines.SampleGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.joda.time.Instant;

/**
 * Synthetic click events in the clickstream-sessions input format. Each of {@code keys} users
 * ({@code user-000000}..., every twentieth with a non-Latin id) starts within the first hour after
 * 2026-11-01T00:00:00Z and alternates sessions and idle spells: a session is a browse path
 * (home, search, categories, products, sometimes cart, checkout and a purchase) of 2 to about 30
 * events 5 s to 2 min apart, with an occasional 10 to 25 minute pause that stays under the default
 * 30-minute gap; idle spells last 35 minutes to 3 hours. Users are interleaved in event-time
 * order, then each timestamp lags the arrival clock by up to {@code maxDisorder}. About {@code
 * badLineRate} of the lines are bad, cycling through the kinds of mistakes the contract refuses.
 */
public final class ClickEventGenerator implements SampleGenerator {
  static final long START_MILLIS = Instant.parse("2026-11-01T00:00:00Z").getMillis();
  private static final long SECOND = 1000;
  private static final long MINUTE = 60 * SECOND;
  private static final String[] CATEGORIES = {"shoes", "bags", "hats", "coats"};

  /** One of each kind of mistake; {@code %s} is the event's time where it has one. */
  private static final String[] BAD_LINES = {
      "{\"userId\":\"user-000001\",\"page\":\"/home\",\"action\":\"view\",\"ts\":\"%s\"",
      "{\"page\":\"/home\",\"action\":\"view\",\"ts\":\"%s\"}",
      "{\"userId\":\"\",\"page\":\"/home\",\"action\":\"view\",\"ts\":\"%s\"}",
      "{\"userId\":\"user-000001\",\"page\":\"home\",\"action\":\"view\",\"ts\":\"%s\"}",
      "{\"userId\":\"user-000001\",\"page\":\"/search results\",\"action\":\"view\",\"ts\":\"%s\"}",
      "{\"userId\":\"user-000001\",\"page\":\"/home\",\"action\":\"tap\",\"ts\":\"%s\"}",
      "{\"userId\":\"user-000001\",\"page\":\"/home\",\"action\":\"VIEW\",\"ts\":\"%s\"}",
      "{\"userId\":\"user-000001\",\"page\":\"/home\",\"action\":\"view\",\"ts\":\"2026-13-01T00:00:00Z\"}",
      "{\"userId\":\"user-000001\",\"page\":\"/home\",\"action\":\"view\",\"ts\":1793491200000.5}",
      "{\"userId\":\"user-000001\",\"userId\":\"user-000002\",\"page\":\"/home\",\"action\":\"view\","
          + "\"ts\":\"%s\"}",
      "",
      "{\"userId\":42,\"page\":\"/home\",\"action\":\"view\",\"ts\":\"%s\"}",
      "{\"userId\":\"user-000001\",\"page\":\"/home\",\"action\":\"view\",\"ts\":\"%s\"} {}",
      "{\"userId\":\"user-000001\",\"page\":\"/home\",\"action\":null,\"ts\":\"%s\"}",
  };

  /** Where one user is: the time and page of their next event, and what is left of the session. */
  private static final class User implements Comparable<User> {
    final int index;
    final String id;
    long nextMillis;
    int eventsLeft;
    String page = "/home";
    boolean buying;

    User(int index, String id, long nextMillis) {
      this.index = index;
      this.id = id;
      this.nextMillis = nextMillis;
    }

    @Override
    public int compareTo(User o) {
      return nextMillis != o.nextMillis ? Long.compare(nextMillis, o.nextMillis)
          : Integer.compare(index, o.index);
    }
  }

  @Override
  public void generate(Settings s, Writer out) throws IOException {
    SplittableRandom random = new SplittableRandom(s.seed);
    PriorityQueue<User> queue = new PriorityQueue<>();
    for (int i = 0; i < s.keys; i++) {
      String id = String.format(Locale.ROOT, i % 20 == 7 ? "ユーザー-%06d" : "user-%06d", i);
      User u = new User(i, id, START_MILLIS + random.nextLong(60 * MINUTE));
      startSession(u, random);
      queue.add(u);
    }
    long bad = 0;
    long clock = START_MILLIS;
    StringBuilder line = new StringBuilder(128);
    for (long n = 0; n < s.events && !queue.isEmpty(); n++) {
      User u = queue.poll();
      clock = Math.max(clock, u.nextMillis);
      long delay = s.maxDisorderMillis == 0 ? 0 : random.nextLong(s.maxDisorderMillis + 1);
      long ts = Math.max(START_MILLIS, clock - delay);
      String action = step(u, random);
      if (s.badLineRate > 0 && random.nextDouble() < s.badLineRate) {
        out.write(String.format(BAD_LINES[(int) (bad++ % BAD_LINES.length)], Instant.ofEpochMilli(ts)));
        out.write('\n');
      } else {
        line.setLength(0);
        line.append("{\"userId\":\"").append(u.id).append("\",\"page\":\"").append(u.page)
            .append("\",\"action\":\"").append(action).append("\",\"ts\":");
        if (random.nextDouble() < 0.05) {
          line.append(ts);
        } else {
          line.append('"').append(Instant.ofEpochMilli(ts)).append('"');
        }
        line.append("}\n");
        out.append(line);
      }
      advance(u, random);
      queue.add(u);
    }
  }

  private static void startSession(User u, SplittableRandom random) {
    u.eventsLeft = 2 + (int) Math.min(28, -Math.log(1 - random.nextDouble()) * 7);
    u.page = "/home";
    u.buying = random.nextDouble() < 0.2;
  }

  /** The action of the user's current event on {@code u.page}. */
  private static String step(User u, SplittableRandom random) {
    switch (u.page) {
      case "/search":
        return "search";
      case "/checkout/confirm":
        return Actions.PURCHASE;
      case "/checkout":
        return "checkout";
      default:
        if (u.page.startsWith("/product/")) {
          return u.buying && u.eventsLeft <= 4 ? "add_to_cart"
              : random.nextDouble() < 0.3 ? "click" : "view";
        }
        return "view";
    }
  }

  /** Moves the user to the next page, or ends the session and idles. */
  private static void advance(User u, SplittableRandom random) {
    u.eventsLeft--;
    if (u.eventsLeft <= 0 || u.page.equals("/checkout/confirm")) {
      u.nextMillis += 35 * MINUTE + random.nextLong(145 * MINUTE);
      startSession(u, random);
      return;
    }
    boolean pause = random.nextDouble() < 0.05;
    u.nextMillis += pause ? 10 * MINUTE + random.nextLong(15 * MINUTE)
        : 5 * SECOND + random.nextLong(115 * SECOND);
    if (u.buying && u.eventsLeft <= 3) {
      // The last three events of a buying session: cart, checkout, purchase.
      u.page = u.eventsLeft == 3 ? "/cart" : u.eventsLeft == 2 ? "/checkout" : "/checkout/confirm";
      return;
    }
    double r = random.nextDouble();
    u.page = r < 0.15 ? "/search"
        : r < 0.35 ? "/category/" + CATEGORIES[random.nextInt(CATEGORIES.length)]
        : r < 0.9 ? "/product/" + (1 + random.nextInt(200))
        : "/home";
  }
}
