package dev.beamline.pipelines.trendingtopics;

import dev.beamline.pipelines.SampleGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.joda.time.DateTimeZone;
import org.joda.time.Instant;
import org.joda.time.format.DateTimeFormatter;
import org.joda.time.format.ISODateTimeFormat;

/**
 * Synthetic social posts for trending-topics: 2.5 posts per second of event time from
 * 2026-11-01T12:00:00Z by {@code keys} users, each lagging the arrival clock by a uniform delay in
 * [0, maxDisorder]. Steady hashtags are written in the spellings people use ({@code #café},
 * {@code #Café}, {@code #CAFÉ}, {@code #cafe} + combining accent; {@code #Straße}, {@code #STRASSE};
 * {@code #東京}, {@code ＃東京}; Weibo's {@code #数据#}); three hashtags burst on a schedule of
 * event time so that trends exist, in a cycle of 15 minutes: {@code #地震} spikes in minutes 3-4,
 * {@code #lunch} in minutes 6-7, and {@code #kubecon} rises through minutes 9-14. Some
 * posts have no hashtag, some a URL with a {@code #fragment} (not a hashtag). Two lines in a hundred
 * resend one of the last 20 posts unchanged (same postId), and about {@code badLineRate} of the
 * lines are malformed (a kind per dead-letter reason).
 */
public final class PostGenerator implements SampleGenerator {
  static final long START_MILLIS = Instant.parse("2026-11-01T12:00:00Z").getMillis();
  static final long MILLIS_PER_POST = 400;
  static final double RESEND_RATE = 0.02;

  /** Steady hashtags, more popular first, each with the spellings users type. */
  private static final String[][] STEADY = {
      {"#beam", "#Beam", "#BEAM"},
      {"#café", "#Café", "#CAFÉ", "#cafe\u0301"},
      {"#東京", "＃東京"},
      {"#kafka", "#Kafka"},
      {"#Straße", "#STRASSE", "#strasse"},
      {"#数据#"},
      {"#flink", "#Flink"},
      {"#berlin", "#Berlin"},
      {"#日本"},
      {"#music"},
  };
  private static final String[] PHRASES = {
      "Great talk this morning",
      "Does anyone know a good place nearby?",
      "Just shipped the new release",
      "Coffee break, then back to the pipeline",
      "Heute ist viel los in der Stadt",
      "今日は天気がいいですね",
      "今天的数据处理很顺利",
      "Slides are online: https://example.com/talk#slides",
      "Watermarks finally make sense to me",
      "Queue at the station again",
  };

  /** One malformed line per dead-letter reason the contract has. */
  static final String[] BAD_LINES = {
      "{\"userId\":\"u00001\",\"text\":\"no id #beam\",\"ts\":\"2026-11-01T12:00:00Z\"}",
      "{\"postId\":\"p-bad-1\",\"userId\":\"\",\"text\":\"empty user #beam\",\"ts\":\"2026-11-01T12:00:00Z\"}",
      "{\"postId\":\"p-bad-2\",\"userId\":\"u00001\",\"text\":\"#beam\",\"ts\":\"01/11/2026 12:00\"}",
      "{\"postId\":\"p-bad-3\",\"userId\":\"u00001\",\"text\":[\"#beam\"],\"ts\":\"2026-11-01T12:00:00Z\"}",
      "{\"postId\":\"p-bad-4\",\"userId\":\"u00001\",\"text\":\"cut off #beam",
      "#beam #flink are great, but this is not JSON",
      "{\"postId\":42,\"userId\":\"u00001\",\"text\":\"#beam\",\"ts\":\"2026-11-01T12:00:00Z\"}",
      "",
  };

  private static final DateTimeFormatter UTC = ISODateTimeFormat.dateTime().withZoneUTC();
  private static final DateTimeFormatter TOKYO =
      ISODateTimeFormat.dateTime().withZone(DateTimeZone.forOffsetHours(9));

  @Override
  public void generate(Settings s, Writer out) throws IOException {
    SplittableRandom random = new SplittableRandom(s.seed);
    List<String> recent = new ArrayList<>();
    long postNumber = 0;
    StringBuilder line = new StringBuilder(200);
    for (long i = 0; i < s.events; i++) {
      if (s.badLineRate > 0 && random.nextDouble() < s.badLineRate) {
        out.write(BAD_LINES[random.nextInt(BAD_LINES.length)]);
        out.write('\n');
        continue;
      }
      if (!recent.isEmpty() && random.nextDouble() < RESEND_RATE) {
        out.write(recent.get(random.nextInt(recent.size())));
        continue;
      }
      long arrival = START_MILLIS + i * MILLIS_PER_POST;
      long delay = s.maxDisorderMillis == 0 ? 0 : random.nextLong(s.maxDisorderMillis + 1);
      long ts = Math.max(START_MILLIS, arrival - delay);
      String text = text(ts, random);
      line.setLength(0);
      line.append("{\"postId\":\"p").append(String.format(Locale.ROOT, "%08d", postNumber++))
          .append("\",\"userId\":\"u").append(String.format(Locale.ROOT, "%05d", random.nextInt(s.keys)))
          .append("\",\"text\":\"").append(text).append("\",\"ts\":");
      int format = random.nextInt(10);
      if (format == 0) {
        line.append(ts);
      } else {
        line.append('"').append((format == 1 ? TOKYO : UTC).print(ts)).append('"');
      }
      line.append("}\n");
      String post = line.toString();
      out.write(post);
      recent.add(post);
      if (recent.size() > 20) {
        recent.remove(0);
      }
    }
  }

  private static String text(long ts, SplittableRandom random) {
    StringBuilder t = new StringBuilder(PHRASES[random.nextInt(PHRASES.length)]);
    int tags = random.nextInt(100) < 15 ? 0 : 1 + random.nextInt(2);
    for (int j = 0; j < tags; j++) {
      // Earlier steady hashtags are more popular: the minimum of two uniform picks.
      String[] spellings = STEADY[Math.min(random.nextInt(STEADY.length), random.nextInt(STEADY.length))];
      t.append(' ').append(spellings[random.nextInt(spellings.length)]);
    }
    long minuteOfCycle = (ts - START_MILLIS) / 60_000 % 15;
    if (minuteOfCycle >= 3 && minuteOfCycle <= 4 && random.nextInt(3) == 0) {
      t.append(" #地震");
    }
    if (minuteOfCycle >= 6 && minuteOfCycle <= 7 && random.nextInt(4) == 0) {
      t.append(" Lunch time! #lunch");
    }
    if (minuteOfCycle >= 9 && random.nextInt(12) < 2 * (minuteOfCycle - 8)) {
      t.append(random.nextBoolean() ? " #KubeCon" : " #kubecon");
    }
    return t.toString();
  }
}
