package dev.beamline.transforms.state;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.testing.RunnerLimits;
import java.util.function.Consumer;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * The event-time fold over values of any type, named by lateness case. The fold is a "change of
 * value" rule over strings (a card's country, say): it emits {@code "previous>current"} whenever a
 * key's value differs from its previous value in event-time order, so any ordering mistake shows
 * as a wrong or missing change.
 */
public class FoldValuesInEventTimeOrderTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final KvCoder<String, String> KV_CODER =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Emits "previous>current" on every change; the state is the last value. */
  static final class Changes implements EventTimeValueFold<String, String, String> {
    @Override
    public Coder<String> stateCoder() {
      return StringUtf8Coder.of();
    }

    @Override
    public Coder<String> outputCoder() {
      return StringUtf8Coder.of();
    }

    @Override
    public String fold(@Nullable String last, Instant eventTime, String value, Consumer<String> out) {
      if (last != null && !last.equals(value)) {
        out.accept(last + ">" + value);
      }
      return value;
    }
  }

  private static Instant at(int seconds) {
    return T0.plus(Duration.standardSeconds(seconds));
  }

  private static TimestampedValue<KV<String, String>> v(String key, int seconds, String value) {
    return TimestampedValue.of(KV.of(key, value), at(seconds));
  }

  private static FoldValuesInEventTimeOrder<String, String, String, String> changes() {
    return FoldValuesInEventTimeOrder.of(new Changes(), "changes");
  }

  private static TestStream.Builder<KV<String, String>> stream() {
    return TestStream.create(KV_CODER).advanceWatermarkTo(T0);
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeShuffledValuesAreFoldedInEventTimeOrder() {
    TestStream<KV<String, String>> events = stream()
        .addElements(v("a", 3, "FR"), v("b", 2, "US"))
        .addElements(v("a", 1, "DE"), v("a", 2, "DE"), v("b", 1, "US"))
        .advanceWatermarkTo(at(3))
        .addElements(v("a", 5, "DE"), v("a", 4, "FR"))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<KV<String, String>>, DeadLetter> r =
        p.apply(events).apply(changes());

    PAssert.that(r.output()).containsInAnyOrder(KV.of("a", "DE>FR"), KV.of("a", "FR>DE"));
    PAssert.that(r.failures()).empty();
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeEqualEventTimesFollowTheGivenTieOrder() {
    // "DE" and "FR" at the same instant: reversed alphabetical order folds FR first, then DE.
    PCollection<KV<String, String>> input = p.apply(Create.timestamped(
        v("a", 1, "DE"), v("a", 1, "FR"), v("a", 0, "IT")).withCoder(KV_CODER));

    PAssert.that(input.apply(changes().withTieOrder((x, y) -> y.compareTo(x))).output())
        .containsInAnyOrder(KV.of("a", "IT>FR"), KV.of("a", "FR>DE"));
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void onTimeEqualEventTimesWithoutATieOrderFollowTheirEncodedBytes() {
    // StringUtf8Coder's bytes order "DE" before "FR", whatever order they arrive in.
    PCollection<KV<String, String>> input = p.apply(Create.timestamped(
        v("a", 1, "FR"), v("a", 1, "DE"), v("a", 0, "IT")).withCoder(KV_CODER));

    PAssert.that(input.apply(changes()).output())
        .containsInAnyOrder(KV.of("a", "IT>DE"), KV.of("a", "DE>FR"));
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateBehindTheWatermarkButNotBehindItsKeyIsStillFolded() {
    TestStream<KV<String, String>> events = stream()
        .addElements(v("a", 1, "DE"))
        .advanceWatermarkTo(at(60))
        .addElements(v("a", 30, "FR")) // 30 s behind the watermark, after the key's last value
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<KV<String, String>>, DeadLetter> r =
        p.apply(events).apply(changes());

    PAssert.that(r.output()).containsInAnyOrder(KV.of("a", "DE>FR"));
    PAssert.that(r.failures()).empty();
    p.run();
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void lateForItsKeyIsADeadLetterShowingTheValueAsJson() {
    TestStream<KV<String, String>> events = stream()
        .addElements(v("a", 10, "DE"))
        .advanceWatermarkTo(at(60))
        .addElements(v("a", 5, "FR")) // "a" already folded 10 s: would rewrite history
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<KV<String, String>>, DeadLetter> r = p.apply(events)
        .apply(changes().withValueJson(country -> "{\"country\":\"" + country + "\"}"));

    PAssert.that(r.output()).empty();
    PAssert.that(r.failures()).containsInAnyOrder(new DeadLetter("changes",
        "late for key: event time 2026-11-01T00:00:05.000Z is before the key's last folded event "
            + "time 2026-11-01T00:00:10.000Z",
        "a", -1,
        "{\"key\":\"a\",\"eventTime\":\"2026-11-01T00:00:05.000Z\",\"value\":{\"country\":\"FR\"}}"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "beamline", "late_for_key"));
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category({UsesTestStream.class, RunnerLimits.NotOnSparkStreaming.class})
  public void onTimeValuesRefusedByTheValueCheckNeverReachTheFold() {
    TestStream<KV<String, String>> events = stream()
        .addElements(v("a", 1, "DE"), v("a", 2, "??"), v("a", 3, "DE"))
        .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<KV<String, String>>, DeadLetter> r = p.apply(events)
        .apply(changes().withValueCheck(c -> c.equals("??") ? "unknown country" : null,
            "unknown_countries"));

    PAssert.that(r.output()).empty(); // DE, DE: no change once "??" is kept out
    PAssert.that(r.failures()).containsInAnyOrder(new DeadLetter("changes", "unknown country",
        "a", -1, "{\"key\":\"a\",\"eventTime\":\"2026-11-01T00:00:02.000Z\",\"value\":\"??\"}"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "beamline", "unknown_countries"));
  }

  // NotOnSparkStreaming: SparkRunner in streaming mode has no event-time timers in stateful DoFns, and the transform refuses it at construction (apache/beam#33237)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void aNonDeterministicValueCoderNeedsATieOrder() {
    PCollection<KV<String, StringBuilder>> input = p.apply(Create.timestamped(
            TimestampedValue.of(KV.of("a", new StringBuilder("DE")), at(1)))
        .withCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(StringBuilder.class))));
    EventTimeValueFold<StringBuilder, String, String> fold =
        new EventTimeValueFold<StringBuilder, String, String>() {
          @Override
          public Coder<String> stateCoder() {
            return StringUtf8Coder.of();
          }

          @Override
          public Coder<String> outputCoder() {
            return StringUtf8Coder.of();
          }

          @Override
          public String fold(@Nullable String s, Instant t, StringBuilder v, Consumer<String> out) {
            return v.toString();
          }
        };

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> input.apply(
        FoldValuesInEventTimeOrder.<String, StringBuilder, String, String>of(fold, "changes")));
    assertEquals("changes orders values with equal event times by their encoding, but "
        + SerializableCoder.of(StringBuilder.class) + " is not deterministic: give a tie order"
        + " with withTieOrder(...)", e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }
}
