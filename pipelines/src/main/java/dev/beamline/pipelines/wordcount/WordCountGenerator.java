package dev.beamline.pipelines.wordcount;

import dev.beamline.pipelines.SampleGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.SplittableRandom;
import org.joda.time.DateTimeZone;
import org.joda.time.Instant;
import org.joda.time.format.DateTimeFormatter;
import org.joda.time.format.ISODateTimeFormat;

/**
 * Synthetic wordcount input: lines of English, German, Chinese and Japanese text from a small
 * corpus of sentences (popular sentences more often), two lines per second of event time from
 * 2026-11-01T08:00:00Z, each lagging the arrival clock by a uniform delay in [0, maxDisorder].
 * Variants exercise the tokenizer and the timestamp contract: some English and German lines are
 * upper case or full-width, German lines carry a +01:00 offset, one line in ten an epoch-millisecond
 * {@code ts}. {@code source} is {@code <language>/feed-NNNN} with {@code keys} feeds. About
 * {@code badLineRate} of the lines are replaced by a malformed one (a kind per dead-letter reason).
 */
public final class WordCountGenerator implements SampleGenerator {
  static final long START_MILLIS = Instant.parse("2026-11-01T08:00:00Z").getMillis();
  static final long MILLIS_PER_LINE = 500;

  private static final String[] ENGLISH = {
      "The quick brown fox jumps over the lazy dog.",
      "Streaming data needs event time, not arrival time.",
      "It's a beautiful day in the park, isn't it?",
      "The watermark tells the pipeline how complete the data is.",
      "Late data is not lost: it goes where you can count it.",
      "We counted the words in every window of the stream.",
      "Coffee first, then the morning meeting about the data platform.",
      "The river runs quietly through the old town.",
      "Tokyo and Berlin are the cities in this week's news.",
      "A window of one minute holds the words of that minute.",
      "The results of the last run match the results of the first.",
      "Naïve counting would split café and CAFÉ into two words.",
  };
  private static final String[] GERMAN = {
      "Die Straße ist heute sehr voll.",
      "Der Fluss fließt ruhig durch die Stadt.",
      "Größere Datenströme brauchen genaue Zeitstempel.",
      "Wir zählen die Wörter in jedem Zeitfenster.",
      "Die Ergebnisse sind auf jedem Runner gleich.",
      "Späte Daten gehen nicht verloren.",
      "Am Wochenende fahren wir an die Ostsee.",
      "Der Kaffee ist heiß und die Straße ist nass.",
      "Heute scheint die Sonne über der Stadt.",
  };
  private static final String[] CHINESE = {
      "我们今天去北京大学看樱花。",
      "今天的天气很好，我们去公园散步吧。",
      "数据流处理需要准确的事件时间。",
      "这个城市的交通比以前好多了。",
      "我喜欢喝咖啡，也喜欢喝茶。",
      "北京的冬天很冷，但是很美。",
      "东京的地铁非常方便。",
      "今天我们处理了很多数据。",
  };
  private static final String[] JAPANESE = {
      "東京タワーに行きました。",
      "今日はいい天気ですね。",
      "東京の地下鉄はとても便利です。",
      "データ処理はイベント時刻が大切です。",
      "週末に京都でお寺を見ました。",
      "コーヒーを飲みながら本を読みます。",
      "今日は東京で会議があります。",
  };
  private static final String[][] LANGUAGES = {ENGLISH, GERMAN, CHINESE, JAPANESE};
  private static final String[] LANGUAGE_CODES = {"en", "de", "zh", "ja"};
  /** Cumulative share of lines per language: 40 % en, 25 % de, 20 % zh, 15 % ja. */
  private static final double[] LANGUAGE_SHARE = {0.40, 0.65, 0.85, 1.0};

  /** One malformed line per dead-letter reason the contract has. */
  static final String[] BAD_LINES = {
      "{\"ts\":\"2026-11-01T08:00:00Z\",\"text\":\"the line ends too early\"",
      "{\"ts\":\"yesterday\",\"text\":\"gestern war es kalt\"}",
      "{\"ts\":\"2026-11-01T08:00:00Z\",\"source\":\"en/feed-0001\"}",
      "{\"ts\":\"2026-11-01T08:00:00Z\",\"text\":\"\"}",
      "{\"ts\":\"2026-11-01T08:00:00Z\",\"text\":42}",
      "the quick brown fox, but not as JSON",
      "{\"ts\":\"2026-11-01T08:00:00\",\"text\":\"a time without a zone\"}",
      "{\"ts\":\"2026-11-01T08:00:00Z\",\"text\":\"one\",\"text\":\"two\"}",
      "",
  };

  private static final DateTimeFormatter UTC = ISODateTimeFormat.dateTime().withZoneUTC();
  private static final DateTimeFormatter BERLIN_WINTER =
      ISODateTimeFormat.dateTime().withZone(DateTimeZone.forOffsetHours(1));

  @Override
  public void generate(Settings s, Writer out) throws IOException {
    SplittableRandom random = new SplittableRandom(s.seed);
    StringBuilder line = new StringBuilder(160);
    for (long i = 0; i < s.events; i++) {
      if (s.badLineRate > 0 && random.nextDouble() < s.badLineRate) {
        out.write(BAD_LINES[random.nextInt(BAD_LINES.length)]);
        out.write('\n');
        continue;
      }
      int lang = language(random.nextDouble());
      String text = variant(sentence(LANGUAGES[lang], random), lang, random);
      long arrival = START_MILLIS + i * MILLIS_PER_LINE;
      long delay = s.maxDisorderMillis == 0 ? 0 : random.nextLong(s.maxDisorderMillis + 1);
      long ts = Math.max(START_MILLIS, arrival - delay);
      String source = LANGUAGE_CODES[lang] + "/feed-"
          + String.format(Locale.ROOT, "%04d", random.nextInt(s.keys));
      line.setLength(0);
      line.append("{\"ts\":");
      if (random.nextInt(10) == 0) {
        line.append(ts);
      } else {
        line.append('"').append((lang == 1 ? BERLIN_WINTER : UTC).print(ts)).append('"');
      }
      line.append(",\"text\":\"").append(text).append("\",\"source\":\"").append(source)
          .append("\"}\n");
      out.append(line);
    }
  }

  private static int language(double u) {
    int i = 0;
    while (u >= LANGUAGE_SHARE[i]) {
      i++;
    }
    return i;
  }

  /** Earlier sentences of a corpus are more popular: the minimum of two uniform picks. */
  private static String sentence(String[] corpus, SplittableRandom random) {
    return corpus[Math.min(random.nextInt(corpus.length), random.nextInt(corpus.length))];
  }

  /** Latin-script lines are sometimes shouted or written in full-width letters. */
  private static String variant(String text, int lang, SplittableRandom random) {
    if (lang > 1) {
      return text;
    }
    int v = random.nextInt(20);
    if (v == 0) {
      return text.toUpperCase(Locale.ROOT);
    }
    if (v == 1) {
      return fullWidth(text);
    }
    return text;
  }

  private static String fullWidth(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      b.append(c >= '!' && c <= '~' && c != '"' && c != '\\' ? (char) (c - '!' + '\uFF01') : c);
    }
    return b.toString();
  }
}
