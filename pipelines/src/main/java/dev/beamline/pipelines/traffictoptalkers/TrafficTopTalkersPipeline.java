package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.PipelineOutput;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.pipelines.WindowedRun;
import dev.beamline.pipelines.io.ReadInput;
import dev.beamline.pipelines.io.WriteOutput;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.windowing.WindowSpec;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/**
 * traffic-top-talkers: JSON Lines flow records in (files or a Kafka topic); per event-time window
 * (sliding by default), the top sources by bytes, the totals per protocol and the port-scan
 * suspects out; every bad line to the dead letters with its reason; every flow later than the
 * allowed lateness to the late data with the window it missed. The ledger accounts for every line:
 * {@code lines_read = records_cleaned + records_dead_lettered} and
 * {@code records_cleaned = windowed_events + dropped_late}.
 */
public final class TrafficTopTalkersPipeline implements BeamlinePipeline<TrafficTopTalkersOptions> {
  public static final String NAME = "traffic-top-talkers";
  /** The windows when no window flag is given: five minutes, sliding every minute. */
  static final WindowSpec DEFAULT_WINDOW =
      WindowSpec.sliding(Duration.standardMinutes(5), Duration.standardMinutes(1));
  static final String TOP_TALKERS = "top-talkers";
  static final String PROTOCOL_TOTALS = "protocol-totals";
  static final String PORT_SCAN_SUSPECTS = "port-scan-suspects";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Network flows: top sources by bytes, per-protocol totals and port-scan suspects per "
        + "sliding window (default --window=sliding:5m/1m)";
  }

  @Override
  public Class<TrafficTopTalkersOptions> optionsClass() {
    return TrafficTopTalkersOptions.class;
  }

  @Override
  public String validate(TrafficTopTalkersOptions o) {
    WindowingSpec spec = windowing(o);
    WindowedRun.check(o, spec);
    WindowedRun.checkAccumulatingIfRefired(spec, "each pane would rank and count only what "
        + "arrived since the previous one, not the window");
    if (o.getTopK() < 1) {
      throw new IllegalArgumentException("--topK must be >= 1, was " + o.getTopK());
    }
    if (o.getPortScanThreshold() < 1 || o.getPortScanThreshold() > 65536) {
      throw new IllegalArgumentException("--portScanThreshold must be between 1 and 65536 "
          + "distinct ports, was " + o.getPortScanThreshold());
    }
    WindowedRun.checkShards(o.getNumShards());
    String sinkExtra = "";
    if (WriteOutput.isKafka(o)) {
      requireTopic("protocolTotalsTopic", o.getProtocolTotalsTopic());
      requireTopic("portScanSuspectsTopic", o.getPortScanSuspectsTopic());
      sinkExtra = "; protocol totals to " + o.getProtocolTotalsTopic().strip()
          + ", port-scan suspects to " + o.getPortScanSuspectsTopic().strip();
    }
    return WindowedRun.plan(o, ReadInput.describe(o, "input", o.getInput()) + "; windows: "
        + spec.describe() + "; top " + o.getTopK() + " sources; port-scan threshold "
        + o.getPortScanThreshold() + " ports", spec, sinkExtra);
  }

  /** The options' windowing, with {@link #DEFAULT_WINDOW} when no window flag is given. */
  static WindowingSpec windowing(TrafficTopTalkersOptions o) {
    WindowingSpec spec = WindowingSpec.fromOptions(o);
    boolean windowGiven = !o.getWindow().isBlank() || !o.getWindowSize().isBlank()
        || !o.getWindowSlide().isBlank();
    return windowGiven ? spec : spec.withWindow(DEFAULT_WINDOW);
  }

  @Override
  public void build(Pipeline p, TrafficTopTalkersOptions o) {
    WithFailures.Result<PCollection<FlowRecord>, DeadLetter> flows = p
        .apply("ReadLines", ReadInput.of(o, o.getInput(), CleanFlowRecords.RULES.jsonLineEventTime()))
        .apply("CleanFlowRecords", CleanFlowRecords.create());

    PCollectionTuple report = flows.output()
        .apply("TrafficWindows", TrafficWindows.of(windowing(o), o.getTopK(), o.getPortScanThreshold()));

    report.get(TrafficWindows.TOP_TALKERS)
        .apply("WriteTopTalkers", WriteOutput.of(o, folder(o, TOP_TALKERS), "outputTopic",
                o.getOutputTopic(), TopTalkersWindow::toJson)
            .withKey(w -> w.windowStart().toString())
            .withCounter("top_talker_rankings_written")
            .withNumShards(o.getNumShards()));
    report.get(TrafficWindows.PROTOCOL_TOTALS)
        .apply("WriteProtocolTotals", WriteOutput.of(o, folder(o, PROTOCOL_TOTALS),
                "protocolTotalsTopic", o.getProtocolTotalsTopic(), ProtocolWindowTotals::toJson)
            .withKey(ProtocolWindowTotals::protocol)
            .withCounter("protocol_totals_written")
            .withNumShards(o.getNumShards()));
    report.get(TrafficWindows.PORT_SCAN_SUSPECTS)
        .apply("WritePortScanSuspects", WriteOutput.of(o, folder(o, PORT_SCAN_SUSPECTS),
                "portScanSuspectsTopic", o.getPortScanSuspectsTopic(), PortScanSuspect::toJson)
            .withKey(PortScanSuspect::srcIp)
            .withCounter("port_scan_suspects_written")
            .withNumShards(o.getNumShards()));
    report.get(TrafficWindows.LATE)
        .apply("WriteLateData", WriteOutput.lateData(o, o.getLateData(), LateFlowJson::of)
            .withKey(late -> late.value().srcIp())
            .withNumShards(o.getNumShards()));

    flows.failures()
        .apply("WriteDeadLetters", WriteOutput.deadLetters(o, o.getDeadLetters())
            .withNumShards(o.getNumShards()));
  }

  static String folder(TrafficTopTalkersOptions o, String name) {
    String base = o.getOutput();
    return base.endsWith("/") ? base + name : base + "/" + name;
  }

  private static void requireTopic(String flag, String topic) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("--" + flag + " is required with --sink=kafka");
    }
  }

  @Override
  public List<String> counters() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered", "windowed_events",
        "dropped_late", "top_talker_rankings_written", "protocol_totals_written",
        "port_scan_suspects_written", "dead_letters_written", "late_data_written");
  }

  @Override
  public List<List<String>> ledger() {
    return List.of(
        List.of("lines_read", "records_cleaned", "records_dead_lettered"),
        List.of("records_cleaned", "windowed_events", "dropped_late"));
  }

  @Override
  public List<PipelineOutput> outputs(TrafficTopTalkersOptions o) {
    return List.of(
        PipelineOutput.of("top talkers", folder(o, TOP_TALKERS), o.getOutputTopic()),
        PipelineOutput.of("protocol totals", folder(o, PROTOCOL_TOTALS), o.getProtocolTotalsTopic()),
        PipelineOutput.of("port-scan suspects", folder(o, PORT_SCAN_SUSPECTS),
            o.getPortScanSuspectsTopic()),
        PipelineOutput.of("dead letters", o.getDeadLetters(), o.getDeadLetterTopic()),
        PipelineOutput.of("late data", o.getLateData(), o.getLateDataTopic()));
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new FlowRecordGenerator());
  }
}
