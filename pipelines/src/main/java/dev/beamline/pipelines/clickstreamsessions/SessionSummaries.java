package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.RestatedPanes;
import dev.beamline.pipelines.ResultPane;
import dev.beamline.transforms.late.LateElement;
import dev.beamline.transforms.late.SplitLateData;
import dev.beamline.transforms.windowing.WindowSpec;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Sessions;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Per user, sessions of activity separated by at least a gap of event time without events (Beam's
 * {@link Sessions}: each event opens a window [t, t + gap) and overlapping windows of a user
 * merge), each summarised by {@link SessionStatsFn}: start and end (first and last event),
 * duration, events, distinct pages, first and last page, converted. Events later than the
 * allowed lateness are split off with the session window they missed ({@link SplitLateData}).
 *
 * <p>Output: a tuple of {@link #SESSIONS} and {@link #LATE}; counters {@code windowed_events} and
 * {@code dropped_late} add up to the events in. Input elements must carry their event time as
 * their timestamp.
 *
 * <p><b>Late events merge sessions.</b> An event within the allowed lateness that falls between
 * two sessions of its user less than a gap from each bridges them: Beam merges the three windows,
 * and the merged session is emitted in a late pane with the figures of all its events (panes must
 * accumulate; discarding panes with several firings per session are refused, since a late pane
 * would then hold only the late event). The panes already emitted for the two parts are not
 * retracted (Beam has no retractions), and the merged session is a new window whose panes are
 * counted afresh (its first pane has index 0, timing LATE): a reader drops, per user, every
 * earlier result whose time span a later result covers. The same holds for an early pane of a
 * session that later events grew. An event later than the allowed lateness cannot merge anything:
 * its own window [t, t + gap) has expired, so it goes to {@link #LATE} with that window.
 *
 * <p><b>Runners.</b> Merging windows need the runner to merge window state: Direct, Flink (batch
 * and streaming) and Spark in batch give the same sessions (measured on the sample; Flink and
 * Spark batch report pane timing UNKNOWN). A pane without events (the Flink runner in streaming
 * mode can fire one when a watermark step passes a window's end and allowed lateness at once) is
 * skipped and counted in {@code empty_panes_skipped}. The SparkRunner in streaming mode cannot run the
 * late-data split (no event-time timers, apache/beam#33237): {@code expand} refuses it.
 */
public final class SessionSummaries extends PTransform<PCollection<ClickEvent>, PCollectionTuple> {
  /** Per user, session and pane: the summary. */
  public static final TupleTag<SessionSummary> SESSIONS = new TupleTag<SessionSummary>() {};
  /** Events later than the allowed lateness, with the session window each missed. */
  public static final TupleTag<LateElement<ClickEvent>> LATE =
      new TupleTag<LateElement<ClickEvent>>() {};

  private final WindowingSpec windowing;

  private SessionSummaries(WindowingSpec windowing) {
    if (windowing.window().kind() != WindowSpec.Kind.SESSION) {
      throw new IllegalArgumentException("SessionSummaries needs session windows "
          + "(--window=session:<gap>), got " + windowing.window().toText());
    }
    this.windowing = windowing;
  }

  /** Sessions, trigger, allowed lateness and pane accumulation as {@code windowing} says. */
  public static SessionSummaries of(WindowingSpec windowing) {
    return new SessionSummaries(Objects.requireNonNull(windowing, "windowing"));
  }

  @Override
  public PCollectionTuple expand(PCollection<ClickEvent> events) {
    PCollection<ClickEvent> windowed = events.apply("SessionWindows", windowing.<ClickEvent>toWindow());
    RestatedPanes.requireAccumulatingWhenRefired(windowed.getWindowingStrategy(),
        "SessionSummaries");
    SplitLateData.Result<ClickEvent> split = windowed.apply("SplitLateData",
        SplitLateData.<ClickEvent>create().withCounterNamespace(BeamlinePipeline.COUNTER_NAMESPACE));
    PCollection<SessionSummary> sessions = split.accepted()
        .apply("KeyByUser", WithKeys.of(ClickEvent::userId).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ClickEventCoder.of()))
        .apply("SummarisePerSession", Combine.perKey(SessionStatsFn.create()))
        .apply("AttachPane", ParDo.of(new ToSessionSummaryFn()))
        .setCoder(SessionSummaryCoder.of());
    return PCollectionTuple.of(SESSIONS, sessions).and(LATE, split.late());
  }

  /** Skips empty panes; counted in {@code empty_panes_skipped}. */
  static final class ToSessionSummaryFn extends DoFn<KV<String, SessionStats>, SessionSummary> {
    private final Counter emptyPanes =
        Metrics.counter(BeamlinePipeline.COUNTER_NAMESPACE, "empty_panes_skipped");

    @ProcessElement
    public void process(@Element KV<String, SessionStats> kv, PaneInfo pane,
        OutputReceiver<SessionSummary> out) {
      if (kv.getValue().isEmpty()) {
        emptyPanes.inc();
        return;
      }
      out.output(new SessionSummary(kv.getKey(), kv.getValue(), ResultPane.of(pane)));
    }
  }
}
