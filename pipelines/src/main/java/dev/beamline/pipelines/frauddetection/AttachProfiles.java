package dev.beamline.pipelines.frauddetection;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.deadletter.DeadLetterCoder;
import dev.beamline.transforms.join.EnrichFromReference;
import dev.beamline.transforms.join.JoinedPair;
import dev.beamline.transforms.join.ReferenceSnapshot;
import dev.beamline.transforms.join.ReferenceTable;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keys each transaction by its account and attaches the account's profile from the account
 * reference table (the library's {@link EnrichFromReference} over a {@link ReferenceTable} side
 * input): {@code KV<accountId, JoinedPair<transaction, profile>>}. A transaction whose account has
 * no profile stays {@code leftOnly} and is scored anyway ({@link MissingProfile#SCORE}), or becomes
 * a dead letter (stage {@code enrich}, payload the transaction) with {@link
 * MissingProfile#DEAD_LETTER}. Counters: {@code enriched}, {@code enrichment_misses}, and
 * {@code profile_misses_dead_lettered} (the misses that became dead letters).
 *
 * <p>The profile is the table's newest snapshot when the transaction is processed (a slowly
 * changing table has no history). Runners: as {@link EnrichFromReference}.
 */
public final class AttachProfiles extends PTransform<PCollection<Transaction>,
    WithFailures.Result<PCollection<KV<String, JoinedPair<Transaction, Row>>>, DeadLetter>> {
  private final ReferenceTable table;
  private final PCollectionView<ReferenceSnapshot> profiles;
  private final MissingProfile missing;

  private AttachProfiles(ReferenceTable table, PCollectionView<ReferenceSnapshot> profiles,
      MissingProfile missing) {
    this.table = Objects.requireNonNull(table, "table");
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.missing = Objects.requireNonNull(missing, "missing");
  }

  /** Profiles from {@code profiles}, the side input that {@code table} loaded. */
  public static AttachProfiles from(ReferenceTable table,
      PCollectionView<ReferenceSnapshot> profiles, MissingProfile missing) {
    return new AttachProfiles(table, profiles, missing);
  }

  @Override
  public WithFailures.Result<PCollection<KV<String, JoinedPair<Transaction, Row>>>, DeadLetter>
      expand(PCollection<Transaction> transactions) {
    EnrichFromReference<Transaction> lookUp = EnrichFromReference.<Transaction>of(table, profiles)
        .withPayload(Transaction::toJson);
    WithFailures.Result<PCollection<KV<String, JoinedPair<Transaction, Row>>>, DeadLetter> profiled =
        transactions
            .apply("KeyByAccount", WithKeys.of(Transaction::accountId)
                .withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), TransactionCoder.of()))
            .apply("LookUpProfile", missing == MissingProfile.DEAD_LETTER
                ? lookUp.deadLetteringMisses() : lookUp);
    PCollection<DeadLetter> counted = profiled.failures()
        .apply("CountDeadLettered", ParDo.of(new CountFn()))
        .setCoder(DeadLetterCoder.of());
    return WithFailures.Result.of(profiled.output(), counted);
  }

  /** Counts the transactions that left as dead letters, for the run's ledger. */
  static final class CountFn extends DoFn<DeadLetter, DeadLetter> {
    private final Counter deadLettered =
        Metrics.counter(BeamlinePipeline.COUNTER_NAMESPACE, "profile_misses_dead_lettered");

    @ProcessElement
    public void process(@Element DeadLetter d, OutputReceiver<DeadLetter> out) {
      deadLettered.inc();
      out.output(d);
    }
  }
}
