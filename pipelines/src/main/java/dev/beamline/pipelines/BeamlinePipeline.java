package dev.beamline.pipelines;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A runnable pipeline of the catalogue, as the launcher sees it: a name, a one-line description,
 * its options interface, and how to build its graph. Implementations are stateless.
 */
public interface BeamlinePipeline<O extends PipelineOptions> {
  /** The name users type: {@code ./beamline run <name>}. */
  String name();

  /** One line for {@code ./beamline list}. */
  String description();

  Class<O> optionsClass();

  /**
   * Checks the options before anything runs (input exists, durations parse, the runner can do
   * what was asked) and describes the run in one line. Throws {@link IllegalArgumentException} with
   * a message for the user; the launcher prints it and exits with code 2.
   */
  String validate(O options);

  /** Adds the pipeline's transforms to {@code pipeline}. */
  void build(Pipeline pipeline, O options);

  /** The Beam counters (namespace {@link #COUNTER_NAMESPACE}) the run summary prints, in order. */
  List<String> counters();

  /**
   * The accounting identities the run summary checks, each as counter names {@code [total,
   * part, part...]} meaning {@code total = part + part...}; the first identity's total is the
   * throughput counter. Empty when the pipeline has none.
   */
  List<List<String>> ledger();

  /**
   * Where the pipeline writes, in the order the run summary lists them; before a file run the
   * launcher removes the part files a previous run left in these folders.
   */
  List<PipelineOutput> outputs(O options);

  /**
   * Flags of shared option interfaces that this pipeline refuses (for example the window flags of
   * a pipeline whose windows are always sessions), without the {@code --}: the launcher refuses
   * each at start-up, whatever its value, with {@link #refusedFlagsReason()}, and
   * {@code ./beamline help} leaves them out.
   */
  default Set<String> refusedFlags() {
    return Set.of();
  }

  /**
   * Why the {@link #refusedFlags()} do not apply, as the launcher's refusal ends it:
   * {@code "--<flag> does not apply to <name>: <reason>"}.
   */
  default String refusedFlagsReason() {
    return "it does not use it";
  }

  /** The deterministic input generator behind {@code ./beamline generate <name>}, if any. */
  default Optional<SampleGenerator> generator() {
    return Optional.empty();
  }

  String COUNTER_NAMESPACE = "beamline";
}
