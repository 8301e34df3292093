package dev.beamline.transforms.join;

import dev.beamline.transforms.clean.RowJson;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.deadletter.DeadLetterCoder;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Looks each element's key up in a {@link ReferenceTable} side input: {@code KV<key, value>} becomes
 * {@code KV<key, JoinedPair<value, entry>>}, a left join against the newest snapshot of the table
 * at the time the element is processed (not at its event time: a slowly changing table has no
 * history). A key the table does not have is, by default, passed through as {@link
 * JoinedPair#leftOnly} (no enrichment) and counted in {@code enrichment_misses}; with {@link
 * #deadLetteringMisses()} it becomes a dead letter instead (stage {@code enrich}, reason naming the
 * key and the table, payload the element). Hits are counted in {@code enriched}.
 *
 * <p>Runners: a ParDo with a side input; see {@link ReferenceTable} for how each runner serves a
 * refreshed table. Spark in streaming mode is refused for bounded input (Beam 2.70's runner fails
 * with a NullPointerException on multi-output ParDos there).
 */
public final class EnrichFromReference<T>
    extends PTransform<PCollection<KV<String, T>>,
        WithFailures.Result<PCollection<KV<String, JoinedPair<T, Row>>>, DeadLetter>> {
  public static final String STAGE = "enrich";
  public static final String ENRICHED = "enriched";
  public static final String ENRICHMENT_MISSES = "enrichment_misses";

  private final ReferenceTable table;
  private final PCollectionView<ReferenceSnapshot> view;
  private final boolean deadLetterMisses;
  private final @Nullable SerializableFunction<T, String> payload;
  private final String counterNamespace;

  private EnrichFromReference(ReferenceTable table, PCollectionView<ReferenceSnapshot> view,
      boolean deadLetterMisses, @Nullable SerializableFunction<T, String> payload,
      String counterNamespace) {
    this.table = table;
    this.view = view;
    this.deadLetterMisses = deadLetterMisses;
    this.payload = payload;
    this.counterNamespace = counterNamespace;
  }

  /** Enriches from {@code view}, the side input that {@code table} produced. */
  public static <T> EnrichFromReference<T> of(ReferenceTable table,
      PCollectionView<ReferenceSnapshot> view) {
    return new EnrichFromReference<>(Objects.requireNonNull(table, "table"),
        Objects.requireNonNull(view, "view"), false, null, "beamline");
  }

  /** A missing key makes the element a dead letter instead of a {@code leftOnly} pair. */
  public EnrichFromReference<T> deadLetteringMisses() {
    return new EnrichFromReference<>(table, view, true, payload, counterNamespace);
  }

  /**
   * How a dead letter shows the element; by default a {@code Row} as JSON ({@link RowJson}) and
   * anything else by {@code toString()}.
   */
  public EnrichFromReference<T> withPayload(SerializableFunction<T, String> fn) {
    return new EnrichFromReference<>(table, view, deadLetterMisses,
        Objects.requireNonNull(fn, "fn"), counterNamespace);
  }

  /** Counters go to this Beam metrics namespace (default {@code beamline}). */
  public EnrichFromReference<T> withCounterNamespace(String namespace) {
    return new EnrichFromReference<>(table, view, deadLetterMisses, payload,
        Objects.requireNonNull(namespace, "namespace"));
  }

  @Override
  public WithFailures.Result<PCollection<KV<String, JoinedPair<T, Row>>>, DeadLetter> expand(
      PCollection<KV<String, T>> input) {
    if (!(input.getCoder() instanceof KvCoder)) {
      throw new IllegalArgumentException(
          "EnrichFromReference needs a KvCoder on its input, got " + input.getCoder());
    }
    RunnerFacts.checkMultiOutputPossible(input, "EnrichFromReference");
    @SuppressWarnings("unchecked")
    KvCoder<String, T> inputCoder = (KvCoder<String, T>) input.getCoder();
    TupleTag<KV<String, JoinedPair<T, Row>>> enriched =
        new TupleTag<KV<String, JoinedPair<T, Row>>>() {};
    TupleTag<DeadLetter> misses = new TupleTag<DeadLetter>() {};
    PCollectionTuple out = input.apply("LookUp",
        ParDo.of(new LookUpFn<>(view, table.filepattern(), deadLetterMisses, payload,
                counterNamespace, enriched, misses))
            .withSideInputs(view)
            .withOutputTags(enriched, TupleTagList.of(misses)));
    PCollection<KV<String, JoinedPair<T, Row>>> pairs = out.get(enriched).setCoder(KvCoder.of(
        inputCoder.getKeyCoder(),
        JoinedPairCoder.of(inputCoder.getValueCoder(), RowCoder.of(table.schema()))));
    // Always consumed (by a one-input Flatten): Spark's runner (2.70) puts every output of a
    // multi-output ParDo into its main output when the others are unconsumed leaves
    // (apache/beam#33772), so a caller ignoring dead-lettered misses would get them as pairs.
    PCollection<DeadLetter> failures = PCollectionList
        .of(out.get(misses).setCoder(DeadLetterCoder.of()))
        .apply("Misses", Flatten.pCollections());
    return WithFailures.Result.of(pairs, failures);
  }

  static final class LookUpFn<T> extends DoFn<KV<String, T>, KV<String, JoinedPair<T, Row>>> {
    private final PCollectionView<ReferenceSnapshot> view;
    private final String tableName;
    private final boolean deadLetterMisses;
    private final @Nullable SerializableFunction<T, String> payload;
    private final TupleTag<KV<String, JoinedPair<T, Row>>> enrichedTag;
    private final TupleTag<DeadLetter> missTag;
    private final Counter enriched;
    private final Counter misses;

    LookUpFn(PCollectionView<ReferenceSnapshot> view, String tableName, boolean deadLetterMisses,
        @Nullable SerializableFunction<T, String> payload, String namespace,
        TupleTag<KV<String, JoinedPair<T, Row>>> enrichedTag, TupleTag<DeadLetter> missTag) {
      this.view = view;
      this.tableName = tableName;
      this.deadLetterMisses = deadLetterMisses;
      this.payload = payload;
      this.enrichedTag = enrichedTag;
      this.missTag = missTag;
      this.enriched = Metrics.counter(namespace, ENRICHED);
      this.misses = Metrics.counter(namespace, ENRICHMENT_MISSES);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      KV<String, T> element = c.element();
      Row entry = c.sideInput(view).get(element.getKey());
      if (entry != null) {
        enriched.inc();
        c.output(KV.of(element.getKey(), JoinedPair.of(element.getValue(), entry)));
        return;
      }
      misses.inc();
      if (!deadLetterMisses) {
        c.output(KV.of(element.getKey(), JoinedPair.leftOnly(element.getValue())));
        return;
      }
      c.output(missTag, new DeadLetter(STAGE, "no entry for key \"" + element.getKey()
          + "\" in reference table " + tableName, "unknown", -1, render(element.getValue())));
    }

    private String render(T value) {
      if (payload != null) {
        return payload.apply(value);
      }
      return value instanceof Row ? RowJson.toJson((Row) value) : String.valueOf(value);
    }
  }
}
