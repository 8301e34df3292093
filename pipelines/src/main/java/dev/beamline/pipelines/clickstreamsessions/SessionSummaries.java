package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.pipelines.RestatedPanes;
import dev.beamline.pipelines.ResultPane;
import dev.beamline.transforms.windowing.Durations;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Sessions;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Per user, sessions of activity separated by at least {@code gap} of event time without events
 * (Beam's {@link Sessions}: each event opens a window [t, t + gap) and overlapping windows of a
 * user merge), each summarised by {@link SessionStatsFn}: start and end (first and last event),
 * duration, events, distinct pages, first and last page, converted.
 *
 * <p><b>Late events merge sessions.</b> An event within the allowed lateness that falls between
 * two sessions of its user less than a gap from each bridges them: Beam merges the three windows,
 * and the merged session is emitted in a late pane with the figures of all its events (panes must
 * accumulate; discarding panes with several firings per session are refused, since a late pane
 * would then hold only the late event). The panes already emitted for the two parts are not
 * retracted (Beam has no retractions), and the merged session is a new window whose panes are
 * counted afresh (its first pane has index 0, timing LATE): a reader drops, per user, every
 * earlier result whose time span a later result covers. The same holds for an early pane of a
 * session that later events grew. An event later than the allowed lateness is dropped by Beam
 * before it can merge anything (its own window [t, t + gap) has expired).
 *
 * <p><b>Runners.</b> Merging windows need the runner to merge window state. Direct and Flink
 * (batch and streaming) do, and Spark in batch (its combine merges session accumulators); see
 * the pipeline's runner checks for what is refused.
 */
public final class SessionSummaries
    extends PTransform<PCollection<ClickEvent>, PCollection<SessionSummary>> {
  private final Duration gap;
  private final WindowingSpec triggering;

  private SessionSummaries(Duration gap, WindowingSpec triggering) {
    if (gap.getMillis() <= 0) {
      throw new IllegalArgumentException("the session gap must be positive, was "
          + Durations.format(gap));
    }
    this.gap = gap;
    this.triggering = Objects.requireNonNull(triggering, "triggering");
  }

  /**
   * Sessions closed by {@code gap}; the trigger, allowed lateness and pane accumulation come from
   * {@code triggering} (its window size is not used).
   */
  public static SessionSummaries of(Duration gap, WindowingSpec triggering) {
    return new SessionSummaries(gap, triggering);
  }

  @Override
  public PCollection<SessionSummary> expand(PCollection<ClickEvent> events) {
    Window<ClickEvent> sessions = Window.<ClickEvent>into(Sessions.withGapDuration(gap))
        .triggering(triggering.trigger())
        .withAllowedLateness(triggering.allowedLateness());
    sessions = triggering.isAccumulating()
        ? sessions.accumulatingFiredPanes() : sessions.discardingFiredPanes();
    PCollection<ClickEvent> windowed = events.apply("SessionWindows", sessions);
    RestatedPanes.requireAccumulatingWhenRefired(windowed.getWindowingStrategy(),
        "SessionSummaries");
    return windowed
        .apply("KeyByUser", WithKeys.of(ClickEvent::userId).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ClickEventCoder.of()))
        .apply("SummarisePerSession", Combine.perKey(SessionStatsFn.create()))
        .apply("AttachPane", ParDo.of(new ToSessionSummaryFn()))
        .setCoder(SessionSummaryCoder.of());
  }

  static final class ToSessionSummaryFn extends DoFn<KV<String, SessionStats>, SessionSummary> {
    @ProcessElement
    public void process(@Element KV<String, SessionStats> kv, PaneInfo pane,
        OutputReceiver<SessionSummary> out) {
      out.output(new SessionSummary(kv.getKey(), kv.getValue(), ResultPane.of(pane)));
    }
  }
}
