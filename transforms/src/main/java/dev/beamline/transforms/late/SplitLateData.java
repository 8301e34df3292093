package dev.beamline.transforms.late;

import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.ValueInSingleWindow;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Gives droppably-late data its own output instead of letting Beam drop it silently: what Flink
 * calls a late side output.
 *
 * <p>Apply it to an already windowed collection (after {@code Window.into(...)}, for example
 * {@code WindowingSpec.toWindow()}), before the aggregation. Each element, in each of its windows,
 * goes to exactly one of two outputs:
 *
 * <ul>
 *   <li>{@link Result#accepted()}: elements whose window has not expired, unchanged (value,
 *       timestamp, window, pane), with the input's windowing strategy, ready for the
 *       aggregation. Elements late within the allowed lateness are here: they update late panes.
 *   <li>{@link Result#late()}: a {@link LateElement} (value, event time, the window it missed) for
 *       every element that arrived when the input watermark had passed the end of its window plus
 *       the allowed lateness, the test Beam's own late-data dropping applies
 *       ({@code window.maxTimestamp() + allowedLateness < inputWatermark}). In the global window,
 *       timestamped with the element's event time.
 * </ul>
 *
 * <p>Counters (namespace {@code beamline} unless {@link #withCounterNamespace}): {@code
 * windowed_events}, elements accepted into at least one window, and {@code dropped_late}, elements
 * that missed every window they belong to; the two add up to the input. With overlapping (sliding)
 * windows an element can miss its older windows and still count in its newer ones: the late output
 * then has one record per missed window, and the element counts once, as windowed.
 *
 * <p>How it knows: one step reifies each element's window, timestamp and pane into the value,
 * moves it into the global window (where a stateful DoFn never drops anything: nothing in it
 * expires before the end of time) and spreads it over keys; a stateful DoFn (stateful only to get
 * at the watermark, which is why the input must be keyed and shuffled) compares each window's
 * expiry with its input watermark, the same test as Beam's {@code LateDataDroppingDoFnRunner}
 * ({@code LateDataUtils.garbageCollectionTime(window, lateness).isBefore(inputWatermark)}). It
 * reads the input watermark through an event-time timer that it never sets: for an event-time
 * timer, {@link Timer#getCurrentRelativeTime()} is {@code
 * timerInternals.currentInputWatermarkTime()}, the time that {@code setRelative()} counts from
 * (runners-core {@code SimpleDoFnRunner}, which the Direct, Flink and Spark runners all use). The
 * DoFn keeps no state and sets no timer: nothing to clean up, no watermark held, no per-window
 * memory. It emits accepted elements straight back into their own windows.
 *
 * <p>Why nothing passed on can be dropped downstream: an element is passed on only when its
 * window's expiry is not before this DoFn's input watermark. A transform's output watermark never
 * passes its input watermark, and a consumer sees the element before any later watermark: the
 * DirectRunner holds a consumer's input watermark at the timestamps of its pending elements, and
 * Flink sends watermarks in-band after the records emitted before them. So the aggregation downstream judges the element against a watermark no later than
 * the one it was judged against here. (No timer hold is needed. The obvious stateful design, key
 * by window and set a timer at its expiry that marks it closed, misses a window whose first
 * element arrives after it expired: no timer has fired for it yet, so that element would be passed
 * on and then dropped downstream.)
 *
 * <p>Which elements are late is decided by the watermark where this transform runs, so it can
 * differ between runners for the same input order: the Flink runner forwards a watermark only
 * between bundles, so elements read right after a watermark in the same bundle are seen before it,
 * are not late, and are not late downstream either (the tests run Flink with {@code
 * --maxBundleSize=1} to reproduce TestStream's order).
 *
 * <p>It does not see elements a finished trigger discards before the window expires (a trigger
 * without late firings closes the window at its on-time pane): use late firings when allowed
 * lateness is above zero, as {@code WindowingSpec} does.
 *
 * <p>Runner caveats: the SparkRunner in streaming mode (which it picks by itself for any unbounded
 * input) rejects event-time timers (apache/beam#33237), so this transform refuses it in {@link
 * #expand} with the reason. In batch, on any runner, the watermark does not move before the input
 * is read, so nothing is late; on the Flink and Spark runners in batch (bounded input, no
 * {@code --streaming}) the transform is therefore a counting pass-through with an empty late
 * output, without the shuffle (the DirectRunner always runs the routing step). Measured per
 * runner in {@code docs/capabilities.md}.
 */
public final class SplitLateData<T> extends PTransform<PCollection<T>, SplitLateData.Result<T>> {
  /** How many keys the DoFn spreads its input over; it keeps no per-key state. */
  static final int SHARDS = 64;

  private final String counterNamespace;

  private SplitLateData(String counterNamespace) {
    this.counterNamespace = counterNamespace;
  }

  public static <T> SplitLateData<T> create() {
    return new SplitLateData<>("beamline");
  }

  public SplitLateData<T> withCounterNamespace(String namespace) {
    return new SplitLateData<>(namespace);
  }

  @Override
  public Result<T> expand(PCollection<T> input) {
    PipelineOptions options = input.getPipeline().getOptions();
    boolean unbounded = input.isBounded() == PCollection.IsBounded.UNBOUNDED;
    String refusal = unsupportedBy(options, unbounded);
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
    @SuppressWarnings("unchecked")
    WindowingStrategy<Object, BoundedWindow> strategy =
        (WindowingStrategy<Object, BoundedWindow>) input.getWindowingStrategy();
    Coder<T> coder = input.getCoder();
    return runsWithoutWatermark(options, unbounded)
        ? passThrough(input, strategy, coder)
        : routeByWatermark(input, strategy, coder);
  }

  /**
   * Batch on the Flink and Spark runners: every stage reads all of its input before the watermark
   * moves (their stateful steps see {@code TIMESTAMP_MIN_VALUE} until the end, and their batch
   * grouping drops nothing), so no element is late and the keyed routing step would only cost a
   * shuffle of every element. Elements pass on unchanged and are counted; the late output is empty.
   */
  private Result<T> passThrough(PCollection<T> input,
      WindowingStrategy<Object, BoundedWindow> strategy, Coder<T> coder) {
    PCollection<T> acceptedOut = input
        .apply("CountWindowed", ParDo.of(new CountWindowedFn<T>(strategy.getWindowFn(),
            counterNamespace)))
        .setCoder(coder);
    acceptedOut.setWindowingStrategyInternal(strategy);
    PCollection<LateElement<T>> lateOut = noLateDataInBatch(input.getPipeline(), coder);
    return new Result<>(input.getPipeline(), new TupleTag<T>() {}, acceptedOut,
        new TupleTag<LateElement<T>>() {}, lateOut);
  }

  private Result<T> routeByWatermark(PCollection<T> input,
      WindowingStrategy<Object, BoundedWindow> strategy, Coder<T> coder) {
    Coder<ValueInSingleWindow<T>> reifiedCoder =
        ValueInSingleWindow.Coder.of(coder, strategy.getWindowFn().windowCoder());
    TupleTag<T> accepted = new TupleTag<T>() {};
    TupleTag<LateElement<T>> late = new TupleTag<LateElement<T>>() {};
    PCollection<KV<Integer, ValueInSingleWindow<T>>> spread = input
        .apply("SpreadOverKeysInGlobalWindow", ParDo.of(new SpreadFn<T>()))
        .setCoder(KvCoder.of(VarIntCoder.of(), reifiedCoder));
    // SpreadFn moved every element into the global window itself (one step instead of Reify,
    // Window.into and a keying step): its output's strategy says so.
    spread.setWindowingStrategyInternal(WindowingStrategy.globalDefault());
    PCollectionTuple routed = spread
        .apply("RouteByWindowExpiry", ParDo.of(new RouteFn<T>(strategy.getWindowFn(),
                strategy.getAllowedLateness(), counterNamespace, accepted, late))
            .withOutputTags(accepted, TupleTagList.of(late)));
    // The routing step puts accepted elements back into their own windows: its main output has
    // the input's coder and windowing strategy, the late output stays in the global window.
    PCollection<T> acceptedOut = routed.get(accepted).setCoder(coder);
    acceptedOut.setWindowingStrategyInternal(strategy);
    PCollection<LateElement<T>> lateOut = routed.get(late);
    lateOut.setCoder(LateElementCoder.of(coder));
    return new Result<>(input.getPipeline(), accepted, acceptedOut, late, lateOut);
  }

  /**
   * True when the pipeline will run in batch on the Flink or Spark runner, where no watermark moves
   * while a stage reads its input. The DirectRunner tracks watermarks in batch too, so it always
   * gets the routing step. (The Flink runner switches a pipeline with an unbounded input to
   * streaming by itself: {@link CountWindowedFn} then fails at start instead of missing late data.)
   */
  static boolean runsWithoutWatermark(PipelineOptions options, boolean unboundedInput) {
    String runner = options.getRunner().getSimpleName();
    boolean batchRunner = runner.contains("Flink") || runner.contains("Spark");
    return batchRunner && !unboundedInput && !options.as(StreamingOptions.class).isStreaming();
  }

  /** The late output of a batch form: empty, since no watermark moves before the input is read. */
  static <T> PCollection<LateElement<T>> noLateDataInBatch(Pipeline pipeline, Coder<T> coder) {
    return PBegin.in(pipeline).apply("NoLateDataInBatch", Create.empty(LateElementCoder.of(coder)));
  }

  /**
   * Fails a batch form at run time when the runner runs the pipeline in streaming mode anyway (the
   * Flink runner switches by itself when another input is unbounded), where it would miss late data.
   */
  static void refuseStreaming(String transform, PipelineOptions options) {
    if (options.as(StreamingOptions.class).isStreaming()) {
      throw new IllegalStateException(transform + " was built for batch (bounded input, "
          + "--streaming=false), but the runner runs the pipeline in streaming mode (the Flink "
          + "runner switches by itself when another input is unbounded), where late data must "
          + "be told apart by the watermark: pass --streaming=true when building the pipeline.");
    }
  }

  /**
   * Why the pipeline's runner cannot run this transform, or null when it can. The SparkRunner in
   * streaming mode (which it also picks by itself for any unbounded input) rejects event-time
   * timers in stateful DoFns (apache/beam#33237), and this transform reads the watermark through
   * one.
   */
  public static @Nullable String unsupportedBy(PipelineOptions options, boolean unboundedInput) {
    return unsupportedBy("SplitLateData", options, unboundedInput);
  }

  /** {@link #unsupportedBy(PipelineOptions, boolean)} for any transform that reads the watermark. */
  static @Nullable String unsupportedBy(String transform, PipelineOptions options,
      boolean unboundedInput) {
    String runner = options.getRunner().getSimpleName();
    boolean streaming = options.as(StreamingOptions.class).isStreaming() || unboundedInput;
    if (runner.contains("Spark") && streaming) {
      return transform + " cannot run on " + runner + " in streaming mode: it reads the watermark "
          + "through an event-time timer, which the Spark runner does not support in streaming "
          + "(apache/beam#33237), and without it late data cannot be told apart. Run in batch "
          + "(bounded input), or on the Flink or Direct runner.";
    }
    return null;
  }

  /**
   * Keys each element by its event time, modulo {@link #SHARDS} (deterministic and even), with its
   * window, timestamp and pane reified into the value, and moves it into the global window, where a
   * stateful DoFn drops nothing.
   */
  static final class SpreadFn<T> extends DoFn<T, KV<Integer, ValueInSingleWindow<T>>> {
    @ProcessElement
    public void process(@Element T e, @Timestamp Instant ts, BoundedWindow window, PaneInfo pane,
        OutputReceiver<KV<Integer, ValueInSingleWindow<T>>> out) {
      out.outputWindowedValue(
          KV.of((int) Math.floorMod(ts.getMillis(), (long) SHARDS),
              ValueInSingleWindow.of(e, ts, window, pane)),
          ts, GLOBAL, pane);
    }
  }

  private static final List<GlobalWindow> GLOBAL = List.of(GlobalWindow.INSTANCE);

  static final class RouteFn<T>
      extends DoFn<KV<Integer, ValueInSingleWindow<T>>, T> {
    private static final String WATERMARK = "watermark";

    @TimerId(WATERMARK)
    private final TimerSpec watermarkSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final WindowFn<Object, BoundedWindow> windowFn;
    private final Duration allowedLateness;
    private final TupleTag<T> accepted;
    private final TupleTag<LateElement<T>> late;
    private final Counter windowed;
    private final Counter droppedLate;

    RouteFn(WindowFn<Object, BoundedWindow> windowFn, Duration allowedLateness, String namespace,
        TupleTag<T> accepted, TupleTag<LateElement<T>> late) {
      this.windowFn = windowFn;
      this.allowedLateness = allowedLateness;
      this.accepted = accepted;
      this.late = late;
      this.windowed = Metrics.counter(namespace, "windowed_events");
      this.droppedLate = Metrics.counter(namespace, "dropped_late");
    }

    @ProcessElement
    public void process(@Element KV<Integer, ValueInSingleWindow<T>> element,
        @TimerId(WATERMARK) Timer watermark, MultiOutputReceiver out) {
      ValueInSingleWindow<T> v = element.getValue();
      BoundedWindow window = v.getWindow();
      Instant inputWatermark = watermark.getCurrentRelativeTime();
      boolean expired = expiry(window).isBefore(inputWatermark);
      if (expired) {
        out.get(late).output(LateElement.of(v.getValue(), v.getTimestamp(), window));
      } else {
        out.get(accepted).outputWindowedValue(v.getValue(), v.getTimestamp(), List.of(window),
            v.getPaneInfo());
      }
      if (isLastWindowOf(windowFn, v.getValue(), v.getTimestamp(), window)) {
        (expired ? droppedLate : windowed).inc();
      }
    }

    @OnTimer(WATERMARK)
    public void neverSet() {
      // The timer is only read (getCurrentRelativeTime), never set.
    }

    /** When the runner drops the window's state: end of window plus allowed lateness. */
    private Instant expiry(BoundedWindow window) {
      Instant max = window.maxTimestamp();
      Instant last = GlobalWindow.INSTANCE.maxTimestamp();
      return max.isAfter(last.minus(allowedLateness)) ? last : max.plus(allowedLateness);
    }
  }

  /**
   * Whether {@code window} is the last to expire of all the windows {@code element} belongs to, so
   * that each element counts once. Windows of one element all have the same lateness, so the last
   * one has expired only when all have.
   */
  static boolean isLastWindowOf(WindowFn<Object, BoundedWindow> windowFn, Object element,
      Instant timestamp, BoundedWindow window) {
    if (windowFn.assignsToOneWindow() || !windowFn.isNonMerging()) {
      return true;
    }
    Collection<BoundedWindow> all;
    try {
      all = AssignedWindows.of(windowFn, element, timestamp);
    } catch (Exception e) {
      return true;
    }
    if (!all.contains(window)) {
      return true; // windows that do not come from the timestamp (e.g. a grouping's output)
    }
    for (BoundedWindow w : all) {
      if (w.maxTimestamp().isAfter(window.maxTimestamp())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The batch form: passes every element on unchanged and counts it once (in its last window, as
   * {@link RouteFn} does). Refuses to run in streaming mode, where it would miss late data.
   */
  static final class CountWindowedFn<T> extends DoFn<T, T> {
    private final WindowFn<Object, BoundedWindow> windowFn;
    private final Counter windowed;
    private final Counter droppedLate;

    CountWindowedFn(WindowFn<Object, BoundedWindow> windowFn, String namespace) {
      this.windowFn = windowFn;
      this.windowed = Metrics.counter(namespace, "windowed_events");
      this.droppedLate = Metrics.counter(namespace, "dropped_late");
    }

    @StartBundle
    public void startBundle(StartBundleContext c) {
      refuseStreaming("SplitLateData", c.getPipelineOptions());
      droppedLate.inc(0); // reported as 0, as in streaming, rather than missing
    }

    @ProcessElement
    public void process(@Element T e, @Timestamp Instant ts, BoundedWindow window,
        OutputReceiver<T> out) {
      out.output(e);
      if (isLastWindowOf(windowFn, e, ts, window)) {
        windowed.inc();
      }
    }
  }

  /** The two outputs of {@link SplitLateData}. */
  public static final class Result<T> extends WithLateOutput<T, T> {
    Result(Pipeline pipeline, TupleTag<T> acceptedTag, PCollection<T> accepted,
        TupleTag<LateElement<T>> lateTag, PCollection<LateElement<T>> late) {
      super(pipeline, acceptedTag, accepted, lateTag, late);
    }

    /** Elements whose window had not expired, in their windows, for the aggregation. */
    public PCollection<T> accepted() {
      return main();
    }
  }
}
