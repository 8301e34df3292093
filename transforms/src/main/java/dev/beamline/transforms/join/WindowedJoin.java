package dev.beamline.transforms.join;

import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.IncompatibleWindowException;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * Joins two keyed streams per key and window: {@code left.apply("Join", WindowedJoin.inner(right))}
 * gives one {@code KV<K, JoinedPair<L, R>>} per matching (left, right) pair of a key in a window,
 * computed with a {@link CoGroupByKey}. {@link #left} also keeps each left value without a match as
 * {@link JoinedPair#leftOnly}, {@link #fullOuter} also each unmatched right value as {@link
 * JoinedPair#rightOnly}. Both sides must already be windowed alike (same WindowFn, trigger, allowed
 * lateness and accumulation mode); with sliding windows a pair is emitted in every window both
 * values fall into; with session windows the sessions of both sides merge.
 *
 * <p><b>Panes.</b> Each firing of the window's trigger emits the join of the pane's grouped
 * values, stamped with the end of the window (the GroupByKey's timestamp). With one firing per
 * window (the default trigger and no allowed lateness) the output is the window's join, once. With
 * early or late firings the panes must accumulate, and each pane then restates the window's whole
 * join so far: an early pane may hold a {@code leftOnly} pair that a later pane replaces by the
 * matched pair (Beam has no retractions), so downstream should keep the latest pane per key and
 * window, not add panes up. Discarding panes with more than one firing would silently miss every
 * pair whose sides arrive in different panes; {@code expand} refuses them. Data later than the
 * allowed lateness is dropped by the GroupByKey before it is joined (count it with the late-data
 * transforms).
 *
 * <p><b>Counters</b> (per emitted pane, so restating panes count again): {@code joined} pairs,
 * {@code unmatched_left} and {@code unmatched_right} values without a match (counted for inner
 * joins too, where they are not emitted).
 *
 * <p><b>Runners.</b> A CoGroupByKey runs everywhere. Spark's classic runner in streaming mode has
 * neither allowed lateness nor accumulating panes across firings, so {@code expand} refuses those
 * windowing strategies there instead of emitting incomplete joins.
 */
public final class WindowedJoin<K, L, R>
    extends PTransform<PCollection<KV<K, L>>, PCollection<KV<K, JoinedPair<L, R>>>> {
  public static final String JOINED = "joined";
  public static final String UNMATCHED_LEFT = "unmatched_left";
  public static final String UNMATCHED_RIGHT = "unmatched_right";

  /** Which unmatched values a join keeps. */
  public enum Kind {
    INNER,
    LEFT,
    FULL_OUTER
  }

  private final Kind kind;
  private final PCollection<KV<K, R>> right;
  private final String counterNamespace;

  private WindowedJoin(Kind kind, PCollection<KV<K, R>> right, String counterNamespace) {
    this.kind = kind;
    this.right = Objects.requireNonNull(right, "right");
    this.counterNamespace = counterNamespace;
  }

  /** Only matched pairs. */
  public static <K, L, R> WindowedJoin<K, L, R> inner(PCollection<KV<K, R>> right) {
    return new WindowedJoin<>(Kind.INNER, right, "beamline");
  }

  /** Matched pairs and left values without a match. */
  public static <K, L, R> WindowedJoin<K, L, R> left(PCollection<KV<K, R>> right) {
    return new WindowedJoin<>(Kind.LEFT, right, "beamline");
  }

  /** Matched pairs and values of either side without a match. */
  public static <K, L, R> WindowedJoin<K, L, R> fullOuter(PCollection<KV<K, R>> right) {
    return new WindowedJoin<>(Kind.FULL_OUTER, right, "beamline");
  }

  /** Counters go to this Beam metrics namespace (default {@code beamline}). */
  public WindowedJoin<K, L, R> withCounterNamespace(String namespace) {
    return new WindowedJoin<>(kind, right, Objects.requireNonNull(namespace, "namespace"));
  }

  /** The right side is an input of this transform too. */
  @Override
  public Map<TupleTag<?>, PValue> getAdditionalInputs() {
    return Map.of(new TupleTag<KV<K, R>>("right"), right);
  }

  @Override
  public PCollection<KV<K, JoinedPair<L, R>>> expand(PCollection<KV<K, L>> left) {
    KvCoder<K, L> leftCoder = kvCoder(left, "left");
    KvCoder<K, R> rightCoder = kvCoder(right, "right");
    if (!leftCoder.getKeyCoder().equals(rightCoder.getKeyCoder())) {
      throw new IllegalArgumentException("WindowedJoin needs the same key coder on both sides: left "
          + leftCoder.getKeyCoder() + ", right " + rightCoder.getKeyCoder());
    }
    checkWindowing(left.getWindowingStrategy(), right.getWindowingStrategy());
    checkRunner(left);

    TupleTag<L> leftTag = new TupleTag<>("left");
    TupleTag<R> rightTag = new TupleTag<>("right");
    Coder<K> keyCoder = leftCoder.getKeyCoder();
    return KeyedPCollectionTuple.of(leftTag, left)
        .and(rightTag, right)
        .apply("CoGroupByKey", CoGroupByKey.create())
        .apply("Pair", ParDo.of(new PairFn<>(kind, leftTag, rightTag, counterNamespace)))
        .setCoder(KvCoder.of(keyCoder,
            JoinedPairCoder.of(leftCoder.getValueCoder(), rightCoder.getValueCoder())));
  }

  @SuppressWarnings("unchecked")
  private static <K, V> KvCoder<K, V> kvCoder(PCollection<KV<K, V>> side, String name) {
    if (!(side.getCoder() instanceof KvCoder)) {
      throw new IllegalArgumentException("WindowedJoin needs a KvCoder on the " + name + " side, got "
          + side.getCoder());
    }
    return (KvCoder<K, V>) side.getCoder();
  }

  private static void checkWindowing(WindowingStrategy<?, ?> l, WindowingStrategy<?, ?> r) {
    boolean same = compatible(l.getWindowFn(), r.getWindowFn())
        && l.getTrigger().isCompatible(r.getTrigger())
        && l.getAllowedLateness().equals(r.getAllowedLateness())
        && l.getMode() == r.getMode();
    if (!same) {
      throw new IllegalArgumentException("WindowedJoin needs both sides windowed alike; left: "
          + describe(l) + "; right: " + describe(r));
    }
    if (l.getMode() == WindowingStrategy.AccumulationMode.DISCARDING_FIRED_PANES
        && !firesOncePerWindow(l)) {
      throw new IllegalArgumentException("WindowedJoin with discarding panes and a trigger that can"
          + " fire more than once per window (" + describe(l) + ") would miss every pair whose"
          + " sides arrive in different panes. Use accumulatingFiredPanes(): each pane then"
          + " restates the window's join so far.");
    }
  }

  private static boolean compatible(WindowFn<?, ?> l, WindowFn<?, ?> r) {
    try {
      l.verifyCompatibility(r);
      return true;
    } catch (IncompatibleWindowException e) {
      return false;
    }
  }

  /**
   * A watermark trigger without early firings and without allowed lateness (so no late firings):
   * one pane per window. Anything else is taken to fire more than once.
   */
  static boolean firesOncePerWindow(WindowingStrategy<?, ?> ws) {
    if (ws.getAllowedLateness().getMillis() > 0) {
      return false;
    }
    Trigger t = ws.getTrigger();
    if (t instanceof Repeatedly) {
      t = ((Repeatedly) t).getRepeatedTrigger();
    }
    return t instanceof DefaultTrigger || t instanceof AfterWatermark.FromEndOfWindow;
  }

  private static String describe(WindowingStrategy<?, ?> ws) {
    return ws.getWindowFn().getClass().getSimpleName() + ", trigger " + ws.getTrigger()
        + ", allowed lateness " + ws.getAllowedLateness() + ", "
        + (ws.getMode() == WindowingStrategy.AccumulationMode.DISCARDING_FIRED_PANES
            ? "discarding" : "accumulating") + " panes";
  }

  private static void checkRunner(PCollection<?> left) {
    if (!RunnerFacts.isSpark(left) || !RunnerFacts.isStreaming(left)) {
      return;
    }
    WindowingStrategy<?, ?> ws = left.getWindowingStrategy();
    if (ws.getAllowedLateness().getMillis() > 0) {
      throw new IllegalArgumentException(RunnerFacts.runnerName(left) + " in streaming mode does not"
          + " support allowed lateness (" + ws.getAllowedLateness() + "): late values would be"
          + " dropped without being joined. Use no allowed lateness, batch mode or the Flink runner.");
    }
    if (ws.getMode() == WindowingStrategy.AccumulationMode.ACCUMULATING_FIRED_PANES
        && !firesOncePerWindow(ws)) {
      throw new IllegalArgumentException(RunnerFacts.runnerName(left) + " in streaming mode does not"
          + " accumulate panes across firings, so a pane would not restate the window's join."
          + " Use a trigger that fires once per window, batch mode or the Flink runner.");
    }
  }

  /** Emits the pairs of one key's co-grouped values and counts what matched and what did not. */
  static final class PairFn<K, L, R> extends DoFn<KV<K, CoGbkResult>, KV<K, JoinedPair<L, R>>> {
    private final Kind kind;
    private final TupleTag<L> leftTag;
    private final TupleTag<R> rightTag;
    private final Counter joined;
    private final Counter unmatchedLeft;
    private final Counter unmatchedRight;

    PairFn(Kind kind, TupleTag<L> leftTag, TupleTag<R> rightTag, String namespace) {
      this.kind = kind;
      this.leftTag = leftTag;
      this.rightTag = rightTag;
      this.joined = Metrics.counter(namespace, JOINED);
      this.unmatchedLeft = Metrics.counter(namespace, UNMATCHED_LEFT);
      this.unmatchedRight = Metrics.counter(namespace, UNMATCHED_RIGHT);
    }

    @ProcessElement
    public void process(@Element KV<K, CoGbkResult> grouped,
        OutputReceiver<KV<K, JoinedPair<L, R>>> out) {
      K key = grouped.getKey();
      Iterable<L> lefts = grouped.getValue().getAll(leftTag);
      Iterable<R> rights = grouped.getValue().getAll(rightTag);
      boolean anyLeft = lefts.iterator().hasNext();
      boolean anyRight = rights.iterator().hasNext();
      if (anyLeft && anyRight) {
        long pairs = 0;
        for (L l : lefts) {
          for (R r : rights) {
            out.output(KV.of(key, JoinedPair.of(l, r)));
            pairs++;
          }
        }
        joined.inc(pairs);
      } else if (anyLeft) {
        for (L l : lefts) {
          unmatchedLeft.inc();
          if (kind != Kind.INNER) {
            out.output(KV.of(key, JoinedPair.leftOnly(l)));
          }
        }
      } else {
        for (R r : rights) {
          unmatchedRight.inc();
          if (kind == Kind.FULL_OUTER) {
            out.output(KV.of(key, JoinedPair.rightOnly(r)));
          }
        }
      }
    }
  }
}
