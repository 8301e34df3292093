package dev.beamline.transforms.join;

import static dev.beamline.transforms.join.EnrichFromReferenceTest.ACCOUNT;
import static dev.beamline.transforms.join.EnrichFromReferenceTest.ACCOUNT_ROWS;
import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.clean.CleanRecords;
import dev.beamline.transforms.clean.FillPolicy;
import dev.beamline.transforms.deadletter.DeadLetter;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.transforms.Flatten;
import dev.beamline.transforms.deadletter.DeadLetterCoder;
import dev.beamline.transforms.testing.SparkRunnerStandIn;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import dev.beamline.transforms.testing.RunnerLimits;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Loading a reference table: strict lines, duplicates, globs, compression, what is refused. */
@RunWith(JUnit4.class)
public class ReferenceTableTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private static Row account(String id, String country, double limit) {
    return Row.withSchema(ACCOUNT).addValues(id, country, limit).build();
  }

  private File write(String name, String... lines) throws IOException {
    File f = new File(folder.getRoot(), name);
    Files.write(f.toPath(), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    return f;
  }

  /** Every entry of the loaded snapshot, read through the side input. */
  static final class EntriesFn extends DoFn<String, KV<String, Row>> {
    private final PCollectionView<ReferenceSnapshot> view;

    EntriesFn(PCollectionView<ReferenceSnapshot> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      for (Map.Entry<String, Row> e : c.sideInput(view).entries().entrySet()) {
        c.output(KV.of(e.getKey(), e.getValue()));
      }
    }
  }

  private PCollection<KV<String, Row>> entries(PCollectionView<ReferenceSnapshot> view) {
    return p.apply("One", Create.of("x"))
        .apply("Entries", ParDo.of(new EntriesFn(view)).withSideInputs(view))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(ACCOUNT)));
  }

  // NotOnSparkStreaming: ReferenceTable refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void badLinesAndRepeatedKeysAreLeftOutAsDeadLetters() throws IOException {
    String[] lines = {
        "{\"accountId\":\"a1\",\"homeCountry\":\"DE\",\"limit\":1000}",
        "{\"accountId\":\"a3\",\"homeCountry\":\"IT\"}",
        "{\"accountId\":\"a1\",\"homeCountry\":\"ES\",\"limit\":1}",
        "not json",
        "{\"accountId\":\"a4\",\"homeCountry\":\"AT\",\"limit\":-5}",
        "{\"accountId\":\"a2\",\"homeCountry\":\"FR\",\"limit\":\"500\"}",
    };
    File f = write("accounts.jsonl", lines);
    String path = f.getAbsolutePath();
    WithFailures.Result<PCollectionView<ReferenceSnapshot>, DeadLetter> loaded = p
        .apply("Once", RefreshTicks.once())
        .apply("Load", ReferenceTable.jsonLines(f.getPath(), ACCOUNT_ROWS, "accountId"));

    PAssert.that(entries(loaded.output())).containsInAnyOrder(
        KV.of("a1", account("a1", "DE", 1000)));
    PAssert.that(loaded.failures()).containsInAnyOrder(
        new DeadLetter("reference", "field 'limit' is missing (rule: required)", path, 2, lines[1]),
        new DeadLetter("reference", "duplicate key \"a1\": already defined at " + path + ":1", path,
            3, lines[2]),
        new DeadLetter("reference", "malformed JSON at column 4: Unrecognized token 'not': was"
            + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            path, 4, lines[3]),
        new DeadLetter("reference", "field 'limit' is -5.0, below the minimum 0 (rule: range)", path,
            5, lines[4]),
        new DeadLetter("reference", "field 'limit' must be a number, got a string", path, 6,
            lines[5]));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, counter(run, "beamline", ReferenceTable.REFERENCE_LOADS));
    assertEquals(5, counter(run, "beamline", ReferenceTable.REFERENCE_LINES_REJECTED));
  }

  // NotOnSparkStreaming: ReferenceTable refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void failuresFlattenWithOtherDeadLettersOfThePipeline() throws IOException {
    // The snapshot side input fires per tick; its rejected lines must not carry that trigger, or
    // Flatten refuses them next to the dead letters of a default-windowed input.
    File f = write("accounts.jsonl", "broken");
    PCollection<DeadLetter> rejected = p
        .apply("Once", RefreshTicks.once())
        .apply("Load", ReferenceTable.jsonLines(f.getPath(), ACCOUNT_ROWS, "accountId")).failures();
    DeadLetter other = new DeadLetter("parse", "empty line", "input.jsonl", 1, "");
    PCollection<DeadLetter> all = PCollectionList
        .of(p.apply("OtherDeadLetters", Create.of(other).withCoder(DeadLetterCoder.of())))
        .and(rejected)
        .apply("AllDeadLetters", Flatten.pCollections());

    PAssert.that(all).containsInAnyOrder(other, new DeadLetter("reference",
        "malformed JSON at column 7: Unrecognized token 'broken': was expecting (JSON String,"
            + " Number, Array, Object or token 'null', 'true' or 'false')",
        f.getPath(), 1, "broken"));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: ReferenceTable refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void ignoredFailuresNeverReachTheTable() throws IOException {
    // A caller may ignore the failures; on Spark an unconsumed additional output once leaked into
    // the main output (apache/beam#33772), here the snapshot.
    File f = write("accounts.jsonl", "{\"accountId\":\"a1\",\"homeCountry\":\"DE\",\"limit\":1}",
        "broken");
    PCollectionView<ReferenceSnapshot> view = p
        .apply("Once", RefreshTicks.once())
        .apply("Load", ReferenceTable.jsonLines(f.getPath(), ACCOUNT_ROWS, "accountId")).output();
    PAssert.that(entries(view)).containsInAnyOrder(KV.of("a1", account("a1", "DE", 1)));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: ReferenceTable refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void aGlobReadsEveryFileInPathOrderIncludingCompressedOnes() throws IOException {
    write("accounts-1.jsonl", "{\"accountId\":\"a1\",\"homeCountry\":\"DE\",\"limit\":1}");
    File gz = new File(folder.getRoot(), "accounts-2.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz.toPath()))) {
      out.write(("{\"accountId\":\"a2\",\"homeCountry\":\"FR\",\"limit\":2}\n"
          + "{\"accountId\":\"a1\",\"homeCountry\":\"XX\",\"limit\":3}\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    String first = new File(folder.getRoot(), "accounts-1.jsonl").getAbsolutePath();
    WithFailures.Result<PCollectionView<ReferenceSnapshot>, DeadLetter> loaded = p
        .apply("Once", RefreshTicks.once())
        .apply("Load", ReferenceTable.jsonLines(folder.getRoot() + "/accounts-*", ACCOUNT_ROWS,
            "accountId"));

    PAssert.that(entries(loaded.output())).containsInAnyOrder(
        KV.of("a1", account("a1", "DE", 1)), KV.of("a2", account("a2", "FR", 2)));
    PAssert.that(loaded.failures()).containsInAnyOrder(new DeadLetter("reference",
        "duplicate key \"a1\": already defined at " + first + ":1", gz.getAbsolutePath(), 2,
        "{\"accountId\":\"a1\",\"homeCountry\":\"XX\",\"limit\":3}"));
    p.run().waitUntilFinish();
  }

  // NotOnSparkStreaming: ReferenceTable refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void aPatternMatchingNoFileFailsTheLoad() {
    String missing = folder.getRoot() + "/nothing-*.jsonl";
    PCollectionView<ReferenceSnapshot> view = p
        .apply("Once", RefreshTicks.once())
        .apply("Load", ReferenceTable.jsonLines(missing, ACCOUNT_ROWS, "accountId")).output();
    entries(view);
    Throwable failure = assertThrows(RuntimeException.class, () -> p.run().waitUntilFinish());
    String messages = "";
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages += t.getMessage() + "\n";
    }
    assertTrue(messages, messages.contains("reference table " + missing
        + ": no readable file matches (NOT_FOUND)"));
  }

  @Test
  public void theKeyMustBeARequiredTextOrIntegerField() {
    assertEquals("key field 'id' is not a field of the reference schema [accountId, homeCountry,"
            + " limit]",
        assertThrows(IllegalArgumentException.class,
            () -> ReferenceTable.jsonLines("x", ACCOUNT_ROWS, "id")).getMessage());
    Schema s = Schema.builder().addNullableField("k", Schema.FieldType.STRING).build();
    assertEquals("key field 'k' must be a non-nullable STRING, INT32 or INT64 field, is STRING",
        assertThrows(IllegalArgumentException.class,
            () -> ReferenceTable.jsonLines("x", CleanRecords.of(s), "k")).getMessage());
    // Each reference line stands alone: no last-known fill across lines.
    Schema t = Schema.builder().addStringField("k")
        .addNullableField("v", Schema.FieldType.STRING).build();
    assertThrows(IllegalArgumentException.class, () -> ReferenceTable.jsonLines("x",
        CleanRecords.of(t).fillMissing("v", FillPolicy.lastKnownPerKey("k")), "k"));
  }

  @Test
  public void sparkRefusesUnboundedTicks() {
    Pipeline spark = SparkRunnerStandIn.pipeline(true);
    PCollection<Instant> ticks = spark.apply(
        TestStream.create(InstantCoder.of()).advanceWatermarkToInfinity());
    assertEquals("SparkRunnerStandIn serves a side input computed from an unbounded input as empty"
            + " until its first micro-batch, so lookups in ref.jsonl would miss at start. Read the"
            + " table once (RefreshTicks.once()) or use the Flink runner.",
        assertThrows(IllegalArgumentException.class, () -> ticks.apply(
            ReferenceTable.jsonLines("ref.jsonl", ACCOUNT_ROWS, "accountId"))).getMessage());
    // Read once, the same table is fine on Spark in batch mode...
    SparkRunnerStandIn.pipeline(false).apply(RefreshTicks.once())
        .apply(ReferenceTable.jsonLines("ref.jsonl", ACCOUNT_ROWS, "accountId"));
    // ...but not in streaming mode, where the loader's two-output ParDo over bounded ticks fails.
    PCollection<Instant> once = SparkRunnerStandIn.pipeline(true).apply(RefreshTicks.once());
    assertEquals("SparkRunnerStandIn in streaming mode fails on ReferenceTable over bounded input:"
            + " its ParDo with a dead-letter output hits a NullPointerException in Beam 2.70's Spark"
            + " runner (EvaluationContext.isLeaf). Run bounded input in batch mode"
            + " (--streaming=false).",
        assertThrows(IllegalArgumentException.class, () -> once.apply(
            ReferenceTable.jsonLines("ref.jsonl", ACCOUNT_ROWS, "accountId"))).getMessage());
  }

  @Test
  public void sparkRefusesPeriodicRefresh() {
    Pipeline spark = SparkRunnerStandIn.pipeline(false);
    assertEquals("SparkRunnerStandIn cannot refresh a reference table periodically: PeriodicImpulse"
            + " is an unbounded splittable DoFn, which Spark's runner supports neither in streaming"
            + " nor in batch mode. Read the table once (RefreshTicks.once()) or use the Flink"
            + " runner.",
        assertThrows(IllegalArgumentException.class,
            () -> spark.apply(RefreshTicks.every(Duration.standardMinutes(5)))).getMessage());
  }

  @Test
  public void snapshotCoderRoundTripsInKeyOrder() throws Exception {
    ReferenceSnapshotCoder coder = ReferenceSnapshotCoder.of(RowCoder.of(ACCOUNT));
    ReferenceSnapshot snapshot = new ReferenceSnapshot("ref.jsonl", new Instant(42),
        Map.of("b", account("b", "FR", 2), "a", account("a", "DE", 1)));
    CoderProperties.coderDecodeEncodeEqual(coder, snapshot);
    // Entries are written in key order, whatever order the map was built in.
    assertArrayEquals(CoderUtils.encodeToByteArray(coder, snapshot),
        CoderUtils.encodeToByteArray(coder, new ReferenceSnapshot("ref.jsonl", new Instant(42),
            new java.util.TreeMap<>(Map.of("a", account("a", "DE", 1), "b", account("b", "FR", 2)))
                .descendingMap())));
    CoderProperties.coderDecodeEncodeEqual(coder,
        new ReferenceSnapshot("empty.jsonl", new Instant(0), Map.of()));
  }
}
