package dev.beamline.pipelines.frauddetection;

import static dev.beamline.pipelines.frauddetection.Transactions.tx;
import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.join.JoinedPair;
import dev.beamline.transforms.join.ReferenceSnapshot;
import dev.beamline.transforms.join.ReferenceTable;
import dev.beamline.transforms.join.RefreshTicks;
import dev.beamline.transforms.testing.RunnerLimits;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;

/** Profiles attached from the account file; an account without one under either policy. */
public class AttachProfilesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private static final Transaction KNOWN = tx("t1", "acc-000001", 0, 10, "DE");
  private static final Transaction UNKNOWN = tx("t2", "acc-999999", 1, 20, "FR");
  private static final Row PROFILE = Row.withSchema(AccountProfiles.SCHEMA)
      .addValues("acc-000001", "DE", "EUR", 12000.0).build();

  private WithFailures.Result<PCollection<KV<String, JoinedPair<Transaction, Row>>>, DeadLetter>
      attach(MissingProfile policy) throws IOException {
    File accounts = folder.newFile("accounts.jsonl");
    Files.write(accounts.toPath(), (SyntheticAccounts.profileJson(1) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    ReferenceTable table = AccountProfiles.table(accounts.getPath());
    PCollectionView<ReferenceSnapshot> profiles =
        p.apply("Once", RefreshTicks.once()).apply("Load", table).output();
    return p.apply(Create.of(KNOWN, UNKNOWN).withCoder(TransactionCoder.of()))
        .apply(AttachProfiles.from(table, profiles, policy));
  }

  // NotOnSparkStreaming: ReferenceTable refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void anAccountWithoutAProfileIsScoredWithoutOneByDefault() throws IOException {
    WithFailures.Result<PCollection<KV<String, JoinedPair<Transaction, Row>>>, DeadLetter> r =
        attach(MissingProfile.SCORE);

    PAssert.that(r.output()).containsInAnyOrder(
        KV.of("acc-000001", JoinedPair.of(KNOWN, PROFILE)),
        KV.of("acc-999999", JoinedPair.leftOnly(UNKNOWN)));
    PAssert.that(r.failures()).empty();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "beamline", "enriched"));
    assertEquals(1, counter(result, "beamline", "enrichment_misses"));
  }

  // NotOnSparkStreaming: ReferenceTable refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void anAccountWithoutAProfileIsADeadLetterWhenSoChosen() throws IOException {
    WithFailures.Result<PCollection<KV<String, JoinedPair<Transaction, Row>>>, DeadLetter> r =
        attach(MissingProfile.DEAD_LETTER);

    PAssert.that(r.output()).containsInAnyOrder(KV.of("acc-000001", JoinedPair.of(KNOWN, PROFILE)));
    PAssert.that(r.failures()).containsInAnyOrder(new DeadLetter("enrich",
        "no entry for key \"acc-999999\" in reference table "
            + folder.getRoot() + "/accounts.jsonl", "unknown", -1, UNKNOWN.toJson()));
    p.run();
  }

  @Test
  public void theMissingProfileOptionReadsAsWritten() {
    assertEquals(MissingProfile.SCORE, MissingProfile.parse("score"));
    assertEquals(MissingProfile.DEAD_LETTER, MissingProfile.parse("dead-letter"));
    assertEquals("--missingProfile: 'DEAD_LETTER' is not one of: score, dead-letter",
        org.junit.Assert.assertThrows(IllegalArgumentException.class,
            () -> MissingProfile.parse("DEAD_LETTER")).getMessage());
  }
}
