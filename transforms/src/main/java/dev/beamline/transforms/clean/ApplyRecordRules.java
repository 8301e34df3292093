package dev.beamline.transforms.clean;

import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.deadletter.DeadLetterCoder;
import dev.beamline.transforms.parse.InvalidRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * The rules of a {@link CleanRecords} applied to traced rows: the stateless rules, then one keyed
 * stateful stage per key field of the last-known fills, then the rows in the target schema.
 */
final class ApplyRecordRules
    extends PTransform<PCollection<TracedRow>, WithFailures.Result<PCollection<Row>, DeadLetter>> {
  private final RecordRules rules;
  private final String namespace;

  ApplyRecordRules(RecordRules rules, String namespace) {
    this.rules = rules;
    this.namespace = namespace;
  }

  @Override
  public WithFailures.Result<PCollection<Row>, DeadLetter> expand(PCollection<TracedRow> input) {
    checkMultiOutputPossible(input, "CleanRecords");
    Map<String, List<FieldRules>> byKey = rules.lastKnownByKey();
    if (!byKey.isEmpty()) {
      checkStatefulFillPossible(input, byKey.keySet().toString());
    }
    TracedRowCoder intermediateCoder = TracedRowCoder.of(RowCoder.of(rules.intermediateSchema()));
    List<PCollection<DeadLetter>> dead = new ArrayList<>();

    TupleTag<TracedRow> cleanTag = new TupleTag<TracedRow>() {};
    TupleTag<DeadLetter> deadTag = new TupleTag<DeadLetter>() {};
    PCollectionTuple stateless = input.apply("StatelessRules",
        ParDo.of(new CleanFn(rules, namespace, cleanTag, deadTag))
            .withOutputTags(cleanTag, TupleTagList.of(deadTag)));
    PCollection<TracedRow> rows = stateless.get(cleanTag).setCoder(intermediateCoder);
    dead.add(stateless.get(deadTag).setCoder(DeadLetterCoder.of()));

    for (Map.Entry<String, List<FieldRules>> stage : byKey.entrySet()) {
      String key = stage.getKey();
      TupleTag<TracedRow> filledTag = new TupleTag<TracedRow>() {};
      TupleTag<DeadLetter> unfilledTag = new TupleTag<DeadLetter>() {};
      PCollectionTuple filled = rows
          .apply("KeyBy_" + key, ParDo.of(new KeyByFn(key)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), intermediateCoder))
          .apply("FillLastKnownPer_" + key, ParDo.of(new FillLastKnownFn(key, stage.getValue(),
                  rules.intermediateSchema(), filledTag, unfilledTag, namespace))
              .withOutputTags(filledTag, TupleTagList.of(unfilledTag)));
      rows = filled.get(filledTag).setCoder(intermediateCoder);
      dead.add(filled.get(unfilledTag).setCoder(DeadLetterCoder.of()));
    }

    PCollection<Row> clean = rows
        .apply("ToSchema", ParDo.of(new FinishFn(rules, namespace)))
        .setRowSchema(rules.schema());
    // Always through a Flatten, even for one input: Spark's runner (2.70) puts every output of a
    // multi-output ParDo into its main output when the other outputs are unconsumed leaves
    // (apache/beam#33772), so a caller ignoring failures would get dead letters as rows.
    PCollection<DeadLetter> failures =
        PCollectionList.of(dead).apply("AllDeadLetters", Flatten.pCollections());
    return WithFailures.Result.of(clean, failures);
  }

  /**
   * Refuses what would give wrong fills: a windowed input (state would be per window, so values
   * would not carry across windows) and Spark streaming (no event-time timers).
   */
  private static void checkStatefulFillPossible(PCollection<?> input, String keys) {
    if (!(input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException("CleanRecords fills last known values per key " + keys
          + " with state kept per key and window, so its input must be in the global window; it is"
          + " in " + input.getWindowingStrategy().getWindowFn().getClass().getSimpleName()
          + ". Apply CleanRecords before Window.into.");
    }
    PipelineOptions options = input.getPipeline().getOptions();
    String runner = options.getRunner().getSimpleName();
    boolean streaming = options.as(StreamingOptions.class).isStreaming()
        || input.isBounded() == PCollection.IsBounded.UNBOUNDED;
    if (runner.contains("Spark") && streaming) {
      throw new IllegalArgumentException(runner + " in streaming mode does not support event-time"
          + " timers, which CleanRecords needs to fill last known values per key " + keys
          + " in event-time order. Use batch mode, the Flink runner, or a default value instead.");
    }
  }

  /**
   * Refuses bounded input on Spark in streaming mode: Beam 2.70's Spark runner translates bounded
   * parts of a streaming pipeline with its batch translator but never counts their consumers, so
   * every ParDo with a dead-letter output fails there with a NullPointerException
   * (EvaluationContext.isLeaf). Unbounded input takes the streaming translator and works.
   */
  static void checkMultiOutputPossible(PCollection<?> input, String transform) {
    PipelineOptions options = input.getPipeline().getOptions();
    String runner = options.getRunner().getSimpleName();
    if (runner.contains("Spark") && options.as(StreamingOptions.class).isStreaming()
        && input.isBounded() == PCollection.IsBounded.BOUNDED) {
      throw new IllegalArgumentException(runner + " in streaming mode fails on " + transform
          + " over bounded input: its ParDos with a dead-letter output hit a NullPointerException"
          + " in Beam 2.70's Spark runner (EvaluationContext.isLeaf). Run bounded input in batch"
          + " mode (--streaming=false); unbounded input works in streaming mode.");
    }
  }

  /** The stateless rules; the record's event time becomes its timestamp. */
  static final class CleanFn extends DoFn<TracedRow, TracedRow> {
    private final RecordRules rules;
    private final TupleTag<TracedRow> cleanTag;
    private final TupleTag<DeadLetter> deadTag;
    private final Counter deadLetters;
    private final Counter defaultsFilled;

    CleanFn(RecordRules rules, String namespace, TupleTag<TracedRow> cleanTag,
        TupleTag<DeadLetter> deadTag) {
      this.rules = rules;
      this.cleanTag = cleanTag;
      this.deadTag = deadTag;
      this.deadLetters = Metrics.counter(namespace, CleanRecords.RECORDS_DEAD_LETTERED);
      this.defaultsFilled = Metrics.counter(namespace, CleanRecords.VALUES_FILLED_DEFAULT);
    }

    @ProcessElement
    public void process(@Element TracedRow in, MultiOutputReceiver out) {
      String reason;
      try {
        RecordRules.Cleaned cleaned = rules.clean(in.row());
        defaultsFilled.inc(cleaned.defaultsFilled);
        TracedRow result = in.withRow(cleaned.row);
        Instant eventTime = rules.eventTime(cleaned.row);
        if (eventTime == null) {
          out.get(cleanTag).output(result);
        } else {
          out.get(cleanTag).outputWithTimestamp(result, eventTime);
        }
        return;
      } catch (InvalidRecordException e) {
        reason = e.getMessage();
      } catch (RuntimeException e) {
        // A bug in a rule must not take the pipeline down; the record is kept for replay.
        reason = "cleaner failure: " + e;
      }
      deadLetters.inc();
      out.get(deadTag).output(
          new DeadLetter(CleanRecords.STAGE, reason, in.source(), in.position(), in.payload()));
    }
  }

  /** Keys a row by the text of its key field (always present: checked when the rules compile). */
  static final class KeyByFn extends DoFn<TracedRow, KV<String, TracedRow>> {
    private final String keyField;

    KeyByFn(String keyField) {
      this.keyField = keyField;
    }

    @ProcessElement
    public void process(@Element TracedRow in, OutputReceiver<KV<String, TracedRow>> out) {
      Object key = in.row().getValue(keyField);
      out.output(KV.of(String.valueOf(key), in));
    }
  }

  /** Rows of the intermediate schema to rows of the target schema (all fields now filled). */
  static final class FinishFn extends DoFn<TracedRow, Row> {
    private final RecordRules rules;
    private final Counter cleaned;

    FinishFn(RecordRules rules, String namespace) {
      this.rules = rules;
      this.cleaned = Metrics.counter(namespace, CleanRecords.RECORDS_CLEANED);
    }

    @ProcessElement
    public void process(@Element TracedRow in, OutputReceiver<Row> out) {
      cleaned.inc();
      out.output(Row.withSchema(rules.schema()).addValues(in.row().getValues()).build());
    }
  }
}
