package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.InputFiles;
import dev.beamline.pipelines.OutputFolders;
import dev.beamline.pipelines.RunnerCapabilities;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.ReadLinesWithSource;
import dev.beamline.transforms.io.WriteJsonLines;
import dev.beamline.transforms.windowing.Durations;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * clickstream-sessions: JSON Lines click events in; per user, sessions split by an event-time gap,
 * each with start, end, duration, events, distinct pages, first and last page and whether it
 * converted; every bad line to the dead-letter folder with its reason.
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
    Duration gap = gap(o);
    if (!o.getWindowSlide().isBlank()) {
      throw new IllegalArgumentException("--windowSlide does not apply: clickstream-sessions "
          + "always uses session windows; set their gap with --sessionGap");
    }
    WindowingSpec triggering = WindowingSpec.fromOptions(o);
    RunnerCapabilities.checkWindowing(o, triggering);
    if (!triggering.isAccumulating()
        && (triggering.earlyFiringsEvery() != null || triggering.hasLateFirings())) {
      throw new IllegalArgumentException("--paneAccumulation=discarding with early or late "
          + "firings: a pane of a session that grew or merged would hold only its newest events. "
          + "Use --paneAccumulation=accumulating (each pane restates the session).");
    }
    if (o.getNumShards() < 0) {
      throw new IllegalArgumentException("--numShards must be >= 0, was " + o.getNumShards());
    }
    int files = InputFiles.requireMatch("input", o.getInput(), o);
    String notes = RunnerCapabilities.notes(o, triggering);
    return "input " + o.getInput() + " (" + files + (files == 1 ? " file" : " files")
        + "); sessions with gap " + Durations.format(gap) + ", allowed lateness "
        + Durations.format(triggering.allowedLateness())
        + (triggering.earlyFiringsEvery() == null ? ""
            : ", early firings every " + Durations.format(triggering.earlyFiringsEvery()))
        + (triggering.isAccumulating() ? ", accumulating panes" : ", discarding panes")
        + (notes.isEmpty() ? "" : "\n" + notes);
  }

  static Duration gap(ClickstreamSessionsOptions o) {
    Duration gap;
    try {
      gap = Durations.parse(o.getSessionGap());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sessionGap: " + e.getMessage(), e);
    }
    if (gap.getMillis() <= 0) {
      throw new IllegalArgumentException("--sessionGap must be positive, was "
          + Durations.format(gap));
    }
    return gap;
  }

  @Override
  public void build(Pipeline p, ClickstreamSessionsOptions o) {
    WithFailures.Result<PCollection<ClickEvent>, DeadLetter> events = p
        .apply("ReadLines", ReadLinesWithSource.from(o.getInput()).withCounterNamespace(COUNTER_NAMESPACE))
        .apply("CleanClickEvents", CleanClickEvents.create());

    events.output()
        .apply("SessionSummaries", SessionSummaries.of(gap(o), WindowingSpec.fromOptions(o)))
        .apply("SessionsToJson", MapElements.into(TypeDescriptors.strings()).via(SessionSummary::toJson))
        .apply("WriteSessions", WriteJsonLines.to(o.getOutput())
            .withCounter(COUNTER_NAMESPACE, "sessions_written")
            .withNumShards(o.getNumShards()));

    events.failures()
        .apply("DeadLettersToJson", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::toJson))
        .apply("WriteDeadLetters", WriteJsonLines.to(o.getDeadLetters())
            .withCounter(COUNTER_NAMESPACE, "dead_letters_written")
            .withNumShards(o.getNumShards()));
  }

  @Override
  public List<String> counters() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered", "sessions_written",
        "dead_letters_written");
  }

  @Override
  public List<String> ledger() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered");
  }

  @Override
  public List<String> outputs(ClickstreamSessionsOptions o) {
    return List.of("sessions: " + o.getOutput(), "dead letters: " + o.getDeadLetters());
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new ClickEventGenerator());
  }

  @Override
  public void clearPreviousOutputs(ClickstreamSessionsOptions o) {
    OutputFolders.clearParts(o.getOutput());
    OutputFolders.clearParts(o.getDeadLetters());
  }
}
