package dev.beamline.transforms.late;

import dev.beamline.transforms.combine.CombineInBundleFn;
import dev.beamline.transforms.combine.MergeAccumulatorsFn;
import java.util.Objects;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * {@code Combine.perKey} in event-time windows that fire once, when the watermark passes the end of
 * the window, with the droppably-late elements in their own output: Flink's window operator with a
 * late side output, as one Beam transform.
 *
 * <p>Input: elements in the global window, timestamped with their event time (before any
 * {@code Window.into}: the transform assigns the windows of {@code windowFn} itself). Outputs:
 * {@link Result#results()}, one {@code KV<key, output>} per key and window that received at least
 * one element, in that window, timestamped with the window's end, in its only pane (ON_TIME, index
 * 0, last); its windowing strategy is {@code windowFn} with the default trigger and no allowed
 * lateness. {@link Result#late()}: a {@link LateElement} for every element and window it arrived
 * too late for (the input watermark had passed the end of the window), as {@link SplitLateData}
 * gives it. Counters {@code windowed_events} (elements accepted into at least one window) and
 * {@code dropped_late} (elements that missed all of theirs) add up to the input.
 *
 * <p>Why it exists: {@code SplitLateData} followed by {@code Combine.perKey} gives the same results
 * on every runner, but costs two shuffles of every element where a runner does not lift combiners
 * in streaming mode (the FlinkRunner): one to read the watermark, one to group. Here one keyed,
 * stateful step does both: per key it keeps an accumulator per open window, adds each element to
 * it on arrival, and emits the window's output from an event-time timer at the window's end. An
 * element is late when the input watermark has passed the end of its window (Beam's own test with
 * zero allowed lateness), or when its window has already fired for its key.
 *
 * <p>Where no watermark moves before the input is read (batch on the Flink and Spark runners, see
 * {@link SplitLateData}), nothing can be late: the transform is then {@code Window.into} plus a
 * lifted combine, whose partial accumulators are folded per bundle first ({@link
 * CombineInBundleFn}), with an empty late output.
 *
 * <p>Memory: one accumulator and one timer per key and open window, and one timestamp per key
 * (the end of the last window it fired). Runner caveats: the SparkRunner in streaming mode rejects event-time
 * timers (apache/beam#33237): refused at construction, as in {@link SplitLateData}. Only
 * non-merging windows (fixed, sliding); use {@code SplitLateData} and {@code Combine} for sessions
 * and for triggers with early or late firings. An accumulator read from state is never updated in
 * place (the Flink runner's {@code --fasterCopy} turns its heap state backend's copy-on-write for
 * asynchronous checkpoints into sharing): each element is added to a fresh accumulator merged from
 * the stored one, so {@code combineFn} must merge into the first accumulator it is given, as Beam's
 * own combine functions do.
 */
public final class OnTimeCombinePerKey<InputT, K, AccumT, OutputT>
    extends PTransform<PCollection<InputT>, OnTimeCombinePerKey.Result<InputT, K, OutputT>> {
  private final WindowFn<Object, BoundedWindow> windowFn;
  private final SerializableFunction<InputT, K> keyFn;
  private final Coder<K> keyCoder;
  private final CombineFn<InputT, AccumT, OutputT> combineFn;
  private final String counterNamespace;

  private OnTimeCombinePerKey(WindowFn<Object, BoundedWindow> windowFn,
      SerializableFunction<InputT, K> keyFn, Coder<K> keyCoder,
      CombineFn<InputT, AccumT, OutputT> combineFn, String counterNamespace) {
    this.windowFn = windowFn;
    this.keyFn = keyFn;
    this.keyCoder = keyCoder;
    this.combineFn = combineFn;
    this.counterNamespace = counterNamespace;
  }

  /**
   * Combines the elements of each key ({@code keyFn}, encoded with {@code keyCoder}) in each window
   * of {@code windowFn} with {@code combineFn}.
   */
  @SuppressWarnings("unchecked")
  public static <InputT, K, AccumT, OutputT> OnTimeCombinePerKey<InputT, K, AccumT, OutputT> of(
      WindowFn<?, ?> windowFn, SerializableFunction<InputT, K> keyFn, Coder<K> keyCoder,
      CombineFn<InputT, AccumT, OutputT> combineFn) {
    Objects.requireNonNull(windowFn, "windowFn");
    if (!windowFn.isNonMerging()) {
      throw new IllegalArgumentException("OnTimeCombinePerKey needs non-merging windows (fixed, "
          + "sliding), not " + windowFn.getClass().getSimpleName()
          + ": use SplitLateData and Combine.perKey for merging windows such as sessions");
    }
    return new OnTimeCombinePerKey<>((WindowFn<Object, BoundedWindow>) windowFn,
        Objects.requireNonNull(keyFn, "keyFn"), Objects.requireNonNull(keyCoder, "keyCoder"),
        Objects.requireNonNull(combineFn, "combineFn"), "beamline");
  }

  public OnTimeCombinePerKey<InputT, K, AccumT, OutputT> withCounterNamespace(String namespace) {
    return new OnTimeCombinePerKey<>(windowFn, keyFn, keyCoder, combineFn,
        Objects.requireNonNull(namespace, "namespace"));
  }

  @Override
  public Result<InputT, K, OutputT> expand(PCollection<InputT> input) {
    if (!(input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException("OnTimeCombinePerKey assigns the windows itself: apply it "
          + "to elements in the global window (before Window.into), not to elements in "
          + input.getWindowingStrategy().getWindowFn().getClass().getSimpleName());
    }
    PipelineOptions options = input.getPipeline().getOptions();
    boolean unbounded = input.isBounded() == PCollection.IsBounded.UNBOUNDED;
    String refusal = SplitLateData.unsupportedBy("OnTimeCombinePerKey", options, unbounded);
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
    Coder<InputT> inputCoder = input.getCoder();
    CoderRegistry registry = input.getPipeline().getCoderRegistry();
    Coder<AccumT> accumCoder;
    Coder<OutputT> outputCoder;
    try {
      accumCoder = combineFn.getAccumulatorCoder(registry, inputCoder);
      outputCoder = combineFn.getDefaultOutputCoder(registry, inputCoder);
    } catch (CannotProvideCoderException e) {
      throw new IllegalArgumentException("OnTimeCombinePerKey: " + e.getMessage(), e);
    }
    KvCoder<K, OutputT> resultCoder = KvCoder.of(keyCoder, outputCoder);
    return SplitLateData.runsWithoutWatermark(options, unbounded)
        ? combineInBatch(input, inputCoder, accumCoder, resultCoder)
        : foldOnWatermark(input, inputCoder, accumCoder, resultCoder);
  }

  /** One keyed step: accumulate on arrival, emit at the window's end, route what is late. */
  private Result<InputT, K, OutputT> foldOnWatermark(PCollection<InputT> input,
      Coder<InputT> inputCoder, Coder<AccumT> accumCoder, KvCoder<K, OutputT> resultCoder) {
    TupleTag<KV<K, OutputT>> resultsTag = new TupleTag<KV<K, OutputT>>() {};
    TupleTag<LateElement<InputT>> lateTag = new TupleTag<LateElement<InputT>>() {};
    PCollectionTuple folded = input
        .apply("KeyInGlobalWindow", ParDo.of(new KeyFn<>(keyFn)))
        .setCoder(KvCoder.of(keyCoder, inputCoder))
        .apply("FoldUntilWindowEnd", ParDo.of(new FoldInWindowsFn<>(windowFn, combineFn,
                windowFn.windowCoder(), accumCoder, counterNamespace, resultsTag, lateTag))
            .withOutputTags(resultsTag, TupleTagList.of(lateTag)));
    // The fold emits results into their windows itself: its main output carries the windows.
    PCollection<KV<K, OutputT>> results = folded.get(resultsTag).setCoder(resultCoder);
    results.setWindowingStrategyInternal(WindowingStrategy.of(windowFn));
    PCollection<LateElement<InputT>> late = folded.get(lateTag)
        .setCoder(LateElementCoder.of(inputCoder));
    return new Result<>(input.getPipeline(), resultsTag, results, lateTag, late);
  }

  /** Batch on Flink and Spark: nothing is late; a combine lifted into per-bundle partials. */
  private Result<InputT, K, OutputT> combineInBatch(PCollection<InputT> input,
      Coder<InputT> inputCoder, Coder<AccumT> accumCoder, KvCoder<K, OutputT> resultCoder) {
    PCollection<KV<K, OutputT>> results = input
        .apply("KeyAndCount", ParDo.of(new KeyAndCountFn<>(keyFn, counterNamespace)))
        .setCoder(KvCoder.of(keyCoder, inputCoder))
        .apply("Window", Window.<KV<K, InputT>>into(windowFn))
        .apply("CombineInBundle", ParDo.of(new CombineInBundleFn<>(combineFn)))
        .setCoder(KvCoder.of(keyCoder, accumCoder))
        .apply("MergePerKey", Combine.perKey(MergeAccumulatorsFn.of(combineFn, accumCoder,
            resultCoder.getValueCoder())))
        .setCoder(resultCoder);
    TupleTag<KV<K, OutputT>> resultsTag = new TupleTag<KV<K, OutputT>>() {};
    TupleTag<LateElement<InputT>> lateTag = new TupleTag<LateElement<InputT>>() {};
    PCollection<LateElement<InputT>> late =
        SplitLateData.noLateDataInBatch(input.getPipeline(), inputCoder);
    return new Result<>(input.getPipeline(), resultsTag, results, lateTag, late);
  }

  /** Keys each element; it stays in the global window, where a stateful DoFn drops nothing. */
  static final class KeyFn<InputT, K> extends DoFn<InputT, KV<K, InputT>> {
    private final SerializableFunction<InputT, K> keyFn;

    KeyFn(SerializableFunction<InputT, K> keyFn) {
      this.keyFn = keyFn;
    }

    @ProcessElement
    public void process(@Element InputT e, OutputReceiver<KV<K, InputT>> out) {
      out.output(KV.of(keyFn.apply(e), e));
    }
  }

  /** The batch form of the keying: every element is windowed (nothing is late before the end). */
  static final class KeyAndCountFn<InputT, K> extends DoFn<InputT, KV<K, InputT>> {
    private final SerializableFunction<InputT, K> keyFn;
    private final Counter windowed;
    private final Counter droppedLate;

    KeyAndCountFn(SerializableFunction<InputT, K> keyFn, String namespace) {
      this.keyFn = keyFn;
      this.windowed = Metrics.counter(namespace, "windowed_events");
      this.droppedLate = Metrics.counter(namespace, "dropped_late");
    }

    @StartBundle
    public void startBundle(StartBundleContext c) {
      SplitLateData.refuseStreaming("OnTimeCombinePerKey", c.getPipelineOptions());
      droppedLate.inc(0); // reported as 0, as in streaming, rather than missing
    }

    @ProcessElement
    public void process(@Element InputT e, OutputReceiver<KV<K, InputT>> out) {
      out.output(KV.of(keyFn.apply(e), e));
      windowed.inc();
    }
  }

  /** The two outputs of {@link OnTimeCombinePerKey}. */
  public static final class Result<InputT, K, OutputT>
      extends WithLateOutput<KV<K, OutputT>, InputT> {
    Result(Pipeline pipeline, TupleTag<KV<K, OutputT>> resultsTag,
        PCollection<KV<K, OutputT>> results, TupleTag<LateElement<InputT>> lateTag,
        PCollection<LateElement<InputT>> late) {
      super(pipeline, resultsTag, results, lateTag, late);
    }

    /** One output per key and window, in its window, in the window's only (on-time) pane. */
    public PCollection<KV<K, OutputT>> results() {
      return main();
    }
  }
}
