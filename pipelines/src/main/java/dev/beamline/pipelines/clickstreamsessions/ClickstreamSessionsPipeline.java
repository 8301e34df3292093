package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.PipelineOutput;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.pipelines.WindowedRun;
import dev.beamline.pipelines.io.ReadInput;
import dev.beamline.pipelines.io.WriteOutput;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.windowing.Durations;
import dev.beamline.transforms.windowing.WindowSpec;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/**
 * clickstream-sessions: JSON Lines click events in (files or a Kafka topic); per user, sessions
 * split by an event-time gap, each with start, end, duration, events, distinct pages, first and
 * last page and whether it converted; every bad line to the dead letters with its reason; every
 * event later than the allowed lateness to the late data. The ledger accounts for every line:
 * {@code lines_read = records_cleaned + records_dead_lettered} and
 * {@code records_cleaned = windowed_events + dropped_late}.
 */
public final class ClickstreamSessionsPipeline
    implements BeamlinePipeline<ClickstreamSessionsOptions> {
  public static final String NAME = "clickstream-sessions";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Click events: per-user sessions (gap-based) with duration, pages, first/last page and "
        + "conversion";
  }

  @Override
  public Class<ClickstreamSessionsOptions> optionsClass() {
    return ClickstreamSessionsOptions.class;
  }

  @Override
  public String validate(ClickstreamSessionsOptions o) {
    WindowingSpec spec = windowing(o);
    WindowedRun.check(o, spec);
    WindowedRun.checkAccumulatingIfRefired(spec, "a pane of a session that grew or merged would "
        + "hold only its newest events");
    WindowedRun.checkShards(o.getNumShards());
    return WindowedRun.plan(o, ReadInput.describe(o, "input", o.getInput()) + "; windows: "
        + spec.describe(), spec);
  }

  /**
   * The windows are always sessions: the shared window flags are refused by the launcher, and
   * left out of help.
   */
  @Override
  public Set<String> refusedFlags() {
    return Set.of("window", "windowSize", "windowSlide");
  }

  @Override
  public String refusedFlagsReason() {
    return "its windows are always sessions; set their gap with --sessionGap";
  }

  /**
   * Sessions of {@code --sessionGap} with the trigger, lateness and accumulation flags (the window
   * flags of {@code WindowingOptions} are among the {@link #refusedFlags()}).
   */
  static WindowingSpec windowing(ClickstreamSessionsOptions o) {
    Duration gap;
    try {
      gap = Durations.parse(o.getSessionGap());
      return WindowingSpec.fromOptions(o).withWindow(WindowSpec.session(gap));
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(m.startsWith("--") ? m : "--sessionGap: " + m, e);
    }
  }

  @Override
  public void build(Pipeline p, ClickstreamSessionsOptions o) {
    WithFailures.Result<PCollection<ClickEvent>, DeadLetter> events = p
        .apply("ReadLines", ReadInput.of(o, o.getInput(), CleanClickEvents.RULES.jsonLineEventTime()))
        .apply("CleanClickEvents", CleanClickEvents.create());

    PCollectionTuple sessions = events.output()
        .apply("SessionSummaries", SessionSummaries.of(windowing(o)));

    sessions.get(SessionSummaries.SESSIONS)
        .apply("WriteSessions", WriteOutput.of(o, o.getOutput(), "outputTopic", o.getOutputTopic(),
                SessionSummary::toJson)
            .withKey(SessionSummary::userId)
            .withCounter("sessions_written")
            .withNumShards(o.getNumShards()));
    sessions.get(SessionSummaries.LATE)
        .apply("WriteLateData", WriteOutput.lateData(o, o.getLateData(), LateClickJson::of)
            .withKey(late -> late.value().userId())
            .withNumShards(o.getNumShards()));

    events.failures()
        .apply("WriteDeadLetters", WriteOutput.deadLetters(o, o.getDeadLetters())
            .withNumShards(o.getNumShards()));
  }

  @Override
  public List<String> counters() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered", "windowed_events",
        "dropped_late", "sessions_written", "dead_letters_written", "late_data_written");
  }

  @Override
  public List<List<String>> ledger() {
    return List.of(
        List.of("lines_read", "records_cleaned", "records_dead_lettered"),
        List.of("records_cleaned", "windowed_events", "dropped_late"));
  }

  @Override
  public List<PipelineOutput> outputs(ClickstreamSessionsOptions o) {
    return List.of(
        PipelineOutput.of("sessions", o.getOutput(), o.getOutputTopic()),
        PipelineOutput.of("dead letters", o.getDeadLetters(), o.getDeadLetterTopic()),
        PipelineOutput.of("late data", o.getLateData(), o.getLateDataTopic()));
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new ClickEventGenerator());
  }
}
