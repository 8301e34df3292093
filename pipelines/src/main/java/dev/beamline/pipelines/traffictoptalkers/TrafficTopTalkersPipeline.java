package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.InputFiles;
import dev.beamline.pipelines.OutputFolders;
import dev.beamline.pipelines.RunnerCapabilities;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.ReadLinesWithSource;
import dev.beamline.transforms.io.WriteJsonLines;
import dev.beamline.transforms.windowing.WindowingSpec;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * traffic-top-talkers: JSON Lines flow records in; per event-time window, the top sources by
 * bytes, the totals per protocol and the port-scan suspects out; every bad line to the
 * dead-letter folder with its reason.
 */
public final class TrafficTopTalkersPipeline implements BeamlinePipeline<TrafficTopTalkersOptions> {
  public static final String NAME = "traffic-top-talkers";
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
        + "sliding window";
  }

  @Override
  public Class<TrafficTopTalkersOptions> optionsClass() {
    return TrafficTopTalkersOptions.class;
  }

  @Override
  public String validate(TrafficTopTalkersOptions o) {
    WindowingSpec spec = WindowingSpec.fromOptions(o);
    RunnerCapabilities.checkWindowing(o, spec);
    if (!spec.isAccumulating() && (spec.earlyFiringsEvery() != null || spec.hasLateFirings())) {
      throw new IllegalArgumentException("--paneAccumulation=discarding with early or late "
          + "firings: each pane would rank and count only what arrived since the previous one, "
          + "not the window. Use --paneAccumulation=accumulating (each pane restates the window).");
    }
    if (o.getTopK() < 1) {
      throw new IllegalArgumentException("--topK must be >= 1, was " + o.getTopK());
    }
    if (o.getPortScanThreshold() < 1 || o.getPortScanThreshold() > 65536) {
      throw new IllegalArgumentException("--portScanThreshold must be between 1 and 65536 "
          + "distinct ports, was " + o.getPortScanThreshold());
    }
    if (o.getNumShards() < 0) {
      throw new IllegalArgumentException("--numShards must be >= 0, was " + o.getNumShards());
    }
    int files = InputFiles.requireMatch("input", o.getInput(), o);
    String notes = RunnerCapabilities.notes(o, spec);
    return "input " + o.getInput() + " (" + files + (files == 1 ? " file" : " files") + "); windows: "
        + spec.describe() + "; top " + o.getTopK() + " sources; port-scan threshold "
        + o.getPortScanThreshold() + " ports" + (notes.isEmpty() ? "" : "\n" + notes);
  }

  @Override
  public void build(Pipeline p, TrafficTopTalkersOptions o) {
    WithFailures.Result<PCollection<FlowRecord>, DeadLetter> flows = p
        .apply("ReadLines", ReadLinesWithSource.from(o.getInput()).withCounterNamespace(COUNTER_NAMESPACE))
        .apply("CleanFlowRecords", CleanFlowRecords.create());

    PCollection<FlowRecord> windowed = flows.output()
        .apply("Window", WindowingSpec.fromOptions(o).<FlowRecord>toWindow());

    windowed
        .apply("TopTalkers", TopTalkers.of(o.getTopK()))
        .apply("TopTalkersToJson", MapElements.into(TypeDescriptors.strings()).via(TopTalkersWindow::toJson))
        .apply("WriteTopTalkers", write(o, TOP_TALKERS, "top_talker_rankings_written"));
    windowed
        .apply("ProtocolTotals", ProtocolTotals.create())
        .apply("TotalsToJson", MapElements.into(TypeDescriptors.strings()).via(ProtocolWindowTotals::toJson))
        .apply("WriteProtocolTotals", write(o, PROTOCOL_TOTALS, "protocol_totals_written"));
    windowed
        .apply("PortScanSuspects", PortScanSuspects.atLeast(o.getPortScanThreshold()))
        .apply("SuspectsToJson", MapElements.into(TypeDescriptors.strings()).via(PortScanSuspect::toJson))
        .apply("WritePortScanSuspects", write(o, PORT_SCAN_SUSPECTS, "port_scan_suspects_written"));

    flows.failures()
        .apply("DeadLettersToJson", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::toJson))
        .apply("WriteDeadLetters", WriteJsonLines.to(o.getDeadLetters())
            .withCounter(COUNTER_NAMESPACE, "dead_letters_written")
            .withNumShards(o.getNumShards()));
  }

  private static WriteJsonLines write(TrafficTopTalkersOptions o, String folder, String counter) {
    return WriteJsonLines.to(folder(o, folder))
        .withCounter(COUNTER_NAMESPACE, counter)
        .withNumShards(o.getNumShards());
  }

  static String folder(TrafficTopTalkersOptions o, String name) {
    String base = o.getOutput();
    return base.endsWith("/") ? base + name : base + "/" + name;
  }

  @Override
  public List<String> counters() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered",
        "top_talker_rankings_written", "protocol_totals_written", "port_scan_suspects_written",
        "dead_letters_written");
  }

  @Override
  public List<String> ledger() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered");
  }

  @Override
  public List<String> outputs(TrafficTopTalkersOptions o) {
    return List.of("top talkers: " + folder(o, TOP_TALKERS),
        "protocol totals: " + folder(o, PROTOCOL_TOTALS),
        "port-scan suspects: " + folder(o, PORT_SCAN_SUSPECTS),
        "dead letters: " + o.getDeadLetters());
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new FlowRecordGenerator());
  }

  @Override
  public void clearPreviousOutputs(TrafficTopTalkersOptions o) {
    OutputFolders.clearParts(folder(o, TOP_TALKERS));
    OutputFolders.clearParts(folder(o, PROTOCOL_TOTALS));
    OutputFolders.clearParts(folder(o, PORT_SCAN_SUSPECTS));
    OutputFolders.clearParts(o.getDeadLetters());
  }
}
