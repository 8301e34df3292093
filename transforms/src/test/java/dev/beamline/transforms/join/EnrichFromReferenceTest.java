package dev.beamline.transforms.join;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;

import dev.beamline.transforms.clean.CleanRecords;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.testing.RunnerLimits;
import dev.beamline.transforms.testing.SparkRunnerStandIn;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.testing.UsesTestStream;
import org.apache.beam.sdk.testing.UsesTriggeredSideInputs;
import org.apache.beam.sdk.testing.UsesUnboundedSplittableParDo;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.PeriodicImpulse;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Enrichment from a reference file: read once in batch, and re-read on each refresh tick in
 * streaming after the file was rewritten.
 */
@RunWith(JUnit4.class)
public class EnrichFromReferenceTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  static final Schema ACCOUNT = Schema.builder()
      .addStringField("accountId")
      .addStringField("homeCountry")
      .addDoubleField("limit")
      .build();
  static final CleanRecords ACCOUNT_ROWS = CleanRecords.of(ACCOUNT).range("limit", 0, 1e6);

  private static Row account(String id, String country, double limit) {
    return Row.withSchema(ACCOUNT).addValues(id, country, limit).build();
  }

  private File write(String name, String... lines) throws IOException {
    File f = new File(folder.getRoot(), name);
    Files.write(f.toPath(), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    return f;
  }

  /** Orders as (account, order id) pairs. */
  private PCollection<KV<String, String>> orders(String... accountThenOrder) {
    List<KV<String, String>> orders = new ArrayList<>();
    for (int i = 0; i < accountThenOrder.length; i += 2) {
      orders.add(KV.of(accountThenOrder[i], accountThenOrder[i + 1]));
    }
    return p.apply("Orders",
        Create.of(orders).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
  }

  // NotOnSparkStreaming: EnrichFromReference refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void batch_theTableIsReadOnceAndMissesPassThrough() throws IOException {
    File f = write("accounts.jsonl",
        "{\"accountId\":\"a1\",\"homeCountry\":\"DE\",\"limit\":1000}",
        "{\"accountId\":\"a2\",\"homeCountry\":\"FR\",\"limit\":500}");
    ReferenceTable accounts = ReferenceTable.jsonLines(f.getPath(), ACCOUNT_ROWS, "accountId");
    PCollectionView<ReferenceSnapshot> table =
        p.apply("Once", RefreshTicks.once()).apply("LoadAccounts", accounts).output();

    WithFailures.Result<PCollection<KV<String, JoinedPair<String, Row>>>, DeadLetter> enriched =
        orders("a1", "o1", "a2", "o2", "a9", "o3", "a1", "o4")
            .apply("Enrich", EnrichFromReference.<String>of(accounts, table));

    PAssert.that(enriched.output()).containsInAnyOrder(
        KV.of("a1", JoinedPair.of("o1", account("a1", "DE", 1000))),
        KV.of("a2", JoinedPair.of("o2", account("a2", "FR", 500))),
        KV.of("a9", JoinedPair.leftOnly("o3")),
        KV.of("a1", JoinedPair.of("o4", account("a1", "DE", 1000))));
    PAssert.that(enriched.failures()).empty();
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, counter(run, "beamline", ReferenceTable.REFERENCE_LOADS));
    assertEquals(3, counter(run, "beamline", EnrichFromReference.ENRICHED));
    assertEquals(1, counter(run, "beamline", EnrichFromReference.ENRICHMENT_MISSES));
  }

  // NotOnSparkStreaming: EnrichFromReference refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void batch_missesCanBeDeadLettered() throws IOException {
    File f = write("accounts.jsonl", "{\"accountId\":\"a1\",\"homeCountry\":\"DE\",\"limit\":1}");
    ReferenceTable accounts = ReferenceTable.jsonLines(f.getPath(), ACCOUNT_ROWS, "accountId");
    PCollectionView<ReferenceSnapshot> table =
        p.apply("Once", RefreshTicks.once()).apply("LoadAccounts", accounts).output();

    WithFailures.Result<PCollection<KV<String, JoinedPair<String, Row>>>, DeadLetter> enriched =
        orders("a1", "o1", "a9", "o2")
            .apply("Enrich", EnrichFromReference.<String>of(accounts, table).deadLetteringMisses());

    PAssert.that(enriched.output()).containsInAnyOrder(
        KV.of("a1", JoinedPair.of("o1", account("a1", "DE", 1))));
    PAssert.that(enriched.failures()).containsInAnyOrder(new DeadLetter("enrich",
        "no entry for key \"a9\" in reference table " + f.getPath(), "unknown", -1, "o2"));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, counter(run, "beamline", EnrichFromReference.ENRICHMENT_MISSES));
  }

  // NotOnSparkStreaming: EnrichFromReference refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void batch_ignoredDeadLetteredMissesNeverReachTheOutput() throws IOException {
    File f = write("accounts.jsonl", "{\"accountId\":\"a1\",\"homeCountry\":\"DE\",\"limit\":1}");
    ReferenceTable accounts = ReferenceTable.jsonLines(f.getPath(), ACCOUNT_ROWS, "accountId");
    PCollectionView<ReferenceSnapshot> table =
        p.apply("Once", RefreshTicks.once()).apply("LoadAccounts", accounts).output();
    // Failures left unconsumed: on Spark an unconsumed additional output once leaked into the
    // main output (apache/beam#33772).
    PCollection<KV<String, JoinedPair<String, Row>>> enriched = orders("a1", "o1", "a9", "o2")
        .apply("Enrich", EnrichFromReference.<String>of(accounts, table).deadLetteringMisses())
        .output();
    PAssert.that(enriched).containsInAnyOrder(
        KV.of("a1", JoinedPair.of("o1", account("a1", "DE", 1))));
    p.run().waitUntilFinish();
  }

  @Test
  public void sparkStreamingRefusesBoundedInput() {
    org.apache.beam.sdk.Pipeline spark = SparkRunnerStandIn.pipeline(true);
    ReferenceTable accounts = ReferenceTable.jsonLines("ref.jsonl", ACCOUNT_ROWS, "accountId");
    PCollectionView<ReferenceSnapshot> table = SparkRunnerStandIn.pipeline(false)
        .apply(RefreshTicks.once()).apply(accounts).output();
    PCollection<KV<String, String>> bounded = spark.apply(
        Create.empty(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    assertEquals("SparkRunnerStandIn in streaming mode fails on EnrichFromReference over bounded"
            + " input: its ParDo with a dead-letter output hits a NullPointerException in Beam"
            + " 2.70's Spark runner (EvaluationContext.isLeaf). Run bounded input in batch mode"
            + " (--streaming=false).",
        org.junit.Assert.assertThrows(IllegalArgumentException.class,
            () -> bounded.apply(EnrichFromReference.<String>of(accounts, table))).getMessage());
  }

  // NotOnSpark: ReferenceTable refuses unbounded ticks on the SparkRunner, whose streaming side input from an unbounded input is empty until its first micro-batch; PeriodicImpulse is a splittable DoFn it cannot run in streaming (CreateStreamingSparkView, StreamingTransformTranslator, Beam 2.70)
  // NotOnSparkStreaming: ReferenceTable refuses unbounded ticks on the SparkRunner, whose streaming side input from an unbounded input is empty until its first micro-batch (CreateStreamingSparkView, Beam 2.70)
  @Test
  @Category({UsesUnboundedSplittableParDo.class, UsesTriggeredSideInputs.class,
      RunnerLimits.NotOnSpark.class, RunnerLimits.NotOnSparkStreaming.class})
  public void streaming_periodicImpulseTicksFeedTheTable() throws IOException {
    // RefreshTicks.every(...) is PeriodicImpulse; ticks in the past are emitted at once, so this
    // run is finite and needs no waiting. The file does not change: every snapshot is the same.
    File f = write("accounts.jsonl", "{\"accountId\":\"a1\",\"homeCountry\":\"DE\",\"limit\":7}");
    ReferenceTable accounts = ReferenceTable.jsonLines(f.getPath(), ACCOUNT_ROWS, "accountId");
    Instant start = Instant.parse("2020-01-01T00:00:00Z");
    PCollectionView<ReferenceSnapshot> table = p
        .apply("Ticks", PeriodicImpulse.create().startAt(start)
            .stopAt(start.plus(org.joda.time.Duration.standardSeconds(3)))
            .withInterval(org.joda.time.Duration.standardSeconds(1)))
        .apply("LoadAccounts", accounts).output();
    PCollection<KV<String, JoinedPair<String, Row>>> enriched = orders("a1", "o1", "a2", "o2")
        .apply("Enrich", EnrichFromReference.<String>of(accounts, table)).output();

    PAssert.that(enriched).containsInAnyOrder(
        KV.of("a1", JoinedPair.of("o1", account("a1", "DE", 7))), KV.of("a2", JoinedPair.leftOnly("o2")));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(4, counter(run, "beamline", ReferenceTable.REFERENCE_LOADS));
  }

  // ---- Streaming: one TestStream drives both the orders and the refresh ticks, so that each tick
  // is processed (and the side input updated) before the next event; the file is rewritten by the
  // tick's own DoFn just before it emits the tick, so the reload cannot miss the new content.

  private static final String TICK = "tick";
  private static final String REWRITE_THEN_TICK = "rewrite then tick";

  /** Ticks of the test stream; rewrites the reference file (atomically) when told to. */
  static final class TicksFn extends DoFn<String, Instant> {
    private final String path;
    private final String newContent;

    TicksFn(String path, String newContent) {
      this.path = path;
      this.newContent = newContent;
    }

    @ProcessElement
    public void process(@Element String event, @Timestamp Instant at, OutputReceiver<Instant> out) {
      if (event.equals(REWRITE_THEN_TICK)) {
        try {
          Path target = Path.of(path);
          Path tmp = Files.createTempFile(target.getParent(), "accounts", ".tmp");
          Files.write(tmp, newContent.getBytes(StandardCharsets.UTF_8));
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (event.equals(TICK) || event.equals(REWRITE_THEN_TICK)) {
        out.output(at);
      }
    }
  }

  /** Orders of the test stream: {@code order <id> <account>}. */
  static final class OrdersFn extends DoFn<String, KV<String, String>> {
    @ProcessElement
    public void process(@Element String event, OutputReceiver<KV<String, String>> out) {
      if (event.startsWith("order ")) {
        String[] parts = event.split(" ");
        out.output(KV.of(parts[2], parts[1]));
      }
    }
  }

  private static TimestampedValue<String> at(String event, long second) {
    return TimestampedValue.of(event, new Instant(second * 1000));
  }

  // NotOnFlink: the FlinkRunner gives no order between a side-input update and main-input elements, so which table o3 sees is a race there (the DirectRunner runs each TestStream event to quiescence first) (Flink runner side-input handling, by design)
  // NotOnSpark: ReferenceTable refuses unbounded ticks on the SparkRunner, whose streaming side input from an unbounded input is empty until its first micro-batch (CreateStreamingSparkView, Beam 2.70)
  // NotOnSparkStreaming: ReferenceTable refuses unbounded ticks on the SparkRunner, whose streaming side input from an unbounded input is empty until its first micro-batch (CreateStreamingSparkView, Beam 2.70)
  @Test
  @Category({UsesTestStream.class, UsesTriggeredSideInputs.class, RunnerLimits.NotOnFlink.class,
      RunnerLimits.NotOnSpark.class, RunnerLimits.NotOnSparkStreaming.class})
  public void streaming_eachTickRereadsTheRewrittenFile() throws IOException {
    File f = write("accounts.jsonl", "{\"accountId\":\"a1\",\"homeCountry\":\"DE\",\"limit\":1000}");
    String v2 = "{\"accountId\":\"a1\",\"homeCountry\":\"PT\",\"limit\":2000}\n"
        + "{\"accountId\":\"a9\",\"homeCountry\":\"NL\",\"limit\":10}\n";
    ReferenceTable accounts = ReferenceTable.jsonLines(f.getPath(), ACCOUNT_ROWS, "accountId");

    TestStream<String> events = TestStream.create(StringUtf8Coder.of())
        .addElements(at(TICK, 0))
        .addElements(at("order o1 a1", 1), at("order o2 a9", 1))
        .addElements(at(REWRITE_THEN_TICK, 2))
        .addElements(at("order o3 a1", 3), at("order o4 a9", 3))
        .advanceWatermarkToInfinity();
    PCollection<String> stream = p.apply(events);
    PCollectionView<ReferenceSnapshot> table = stream
        .apply("Ticks", ParDo.of(new TicksFn(f.getPath(), v2))).setCoder(InstantCoder.of())
        .apply("LoadAccounts", accounts).output();
    WithFailures.Result<PCollection<KV<String, JoinedPair<String, Row>>>, DeadLetter> enriched =
        stream.apply("Orders", ParDo.of(new OrdersFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .apply("Enrich", EnrichFromReference.<String>of(accounts, table));

    PAssert.that(enriched.output()).containsInAnyOrder(
        KV.of("a1", JoinedPair.of("o1", account("a1", "DE", 1000))),
        KV.of("a9", JoinedPair.leftOnly("o2")),
        KV.of("a1", JoinedPair.of("o3", account("a1", "PT", 2000))),
        KV.of("a9", JoinedPair.of("o4", account("a9", "NL", 10))));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(2, counter(run, "beamline", ReferenceTable.REFERENCE_LOADS));
    assertEquals(1, counter(run, "beamline", EnrichFromReference.ENRICHMENT_MISSES));
  }
}
