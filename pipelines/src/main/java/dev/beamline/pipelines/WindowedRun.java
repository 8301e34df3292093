package dev.beamline.pipelines;

import dev.beamline.pipelines.io.ReadInput;
import dev.beamline.pipelines.io.SinkOptions;
import dev.beamline.pipelines.io.SourceOptions;
import dev.beamline.pipelines.io.WriteOutput;
import dev.beamline.transforms.windowing.WindowingSpec;

/**
 * The start-up checks and the run plan that every windowed pipeline of the catalogue shares, so
 * that each pipeline's {@code validate} only adds what is its own.
 */
public final class WindowedRun {
  private WindowedRun() {}

  /**
   * An endless read runs in streaming mode; the runner must be able to do {@code spec}'s windowing
   * and to split off late data (event-time timers). Throws {@link IllegalArgumentException} with
   * the message for the user.
   */
  public static void check(SourceOptions o, WindowingSpec spec) {
    ReadInput.streamingIfEndless(o);
    RunnerCapabilities.checkWindowing(o, spec);
    RunnerCapabilities.checkLateDataAccounting(o, !ReadInput.isBounded(o));
  }

  /** Refuses a negative {@code --numShards}. */
  public static void checkShards(int numShards) {
    if (numShards < 0) {
      throw new IllegalArgumentException("--numShards must be >= 0, was " + numShards);
    }
  }

  /**
   * Refuses discarding panes when the trigger fires more than once per window: each pane would
   * then hold only what arrived since the previous one, and {@code whyItMatters} says what that
   * would break for this pipeline's results.
   */
  public static void checkAccumulatingIfRefired(WindowingSpec spec, String whyItMatters) {
    boolean refires = spec.earlyFiringsEvery() != null || spec.hasLateFirings()
        || spec.triggerSpec().isCount();
    if (!spec.isAccumulating() && refires) {
      throw new IllegalArgumentException("--accumulation=discarding with a trigger that fires more "
          + "than once per window (--trigger=" + spec.triggerSpec().toText() + "): "
          + whyItMatters + ". Use --accumulation=accumulating (each pane restates the window).");
    }
  }

  /**
   * The plan the launcher prints: {@code firstLine} (input, what the run computes, its windows),
   * then the Kafka sink's line with {@code sinkExtra} appended, then the runner's notes, each on
   * its own line when there is one.
   */
  public static <O extends SourceOptions & SinkOptions> String plan(O o, String firstLine,
      WindowingSpec spec, String sinkExtra) {
    String output = WriteOutput.describe(o, ReadInput.isBounded(o), true);
    String notes = RunnerCapabilities.notes(o, spec);
    return firstLine + (output.isEmpty() ? "" : "\n" + output + sinkExtra)
        + (notes.isEmpty() ? "" : "\n" + notes);
  }

  /** {@link #plan(SourceOptions, String, WindowingSpec, String)} without a sink extra. */
  public static <O extends SourceOptions & SinkOptions> String plan(O o, String firstLine,
      WindowingSpec spec) {
    return plan(o, firstLine, spec, "");
  }
}
