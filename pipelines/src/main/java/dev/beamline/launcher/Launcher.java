package dev.beamline.launcher;

import dev.beamline.pipelines.PipelineFlags;
import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.OutputFolders;
import dev.beamline.pipelines.PipelineOutput;
import dev.beamline.pipelines.RunnerCapabilities;
import dev.beamline.pipelines.io.SinkOptions;
import dev.beamline.pipelines.io.WriteOutput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code ./beamline} commands: {@code list}, {@code help <pipeline>} and
 * {@code run <pipeline> [--profile=<name>] [--option=value ...]}. Returns an exit code instead of
 * exiting so that tests can drive it: 0 done, 1 the run failed (or its ledger did not balance),
 * 2 a usage mistake, reported as one line on stderr without a stack trace.
 */
public final class Launcher {
  static final int OK = 0;
  static final int RUN_FAILED = 1;
  static final int USAGE = 2;

  private final PrintStream out;
  private final PrintStream err;
  private final RunnerProfiles profiles;

  public Launcher(PrintStream out, PrintStream err, @Nullable Path home) {
    this.out = out;
    this.err = err;
    this.profiles = new RunnerProfiles(home);
  }

  public int run(String... args) {
    try {
      if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
        out.print(usage());
        return args.length == 0 ? USAGE : OK;
      }
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      switch (args[0]) {
        case "list":
          return list();
        case "help":
          if (rest.length != 1) {
            throw new UsageException("usage: beamline help <pipeline>");
          }
          return help(rest[0]);
        case "run":
          if (rest.length == 0) {
            throw new UsageException("usage: beamline run <pipeline> [--profile=<name>] [--option=value ...]");
          }
          return runPipeline(pipeline(rest[0]), Arrays.copyOfRange(rest, 1, rest.length));
        case "generate":
          if (rest.length == 0) {
            throw new UsageException("usage: beamline generate <pipeline> --events N --seed S [--keys K] "
                + "[--maxDisorder 10s] [--badRate 0.001] [--output FILE]");
          }
          return GenerateCommand.run(pipeline(rest[0]), Arrays.copyOfRange(rest, 1, rest.length), out, err);
        default:
          throw new UsageException("unknown command '" + args[0] + "'; commands: list, help, run, generate");
      }
    } catch (UsageException e) {
      err.println("beamline: " + e.getMessage());
      return USAGE;
    }
  }

  private int list() {
    for (BeamlinePipeline<?> p : PipelineCatalog.all()) {
      out.printf("%-22s %s%n", p.name(), p.description());
    }
    return OK;
  }

  private int help(String name) {
    BeamlinePipeline<?> p = pipeline(name);
    out.printf("%s: %s%n%nUsage: ./beamline run %s [--profile=<name>] [--option=value ...]%n%nOptions:%n",
        p.name(), p.description(), p.name());
    out.print(OptionsHelp.describe(p.optionsClass(), p.refusedFlags()));
    return OK;
  }

  private static BeamlinePipeline<?> pipeline(String name) {
    return PipelineCatalog.find(name).orElseThrow(() -> new UsageException(
        "unknown pipeline '" + name + "'; run './beamline list' to see them"));
  }

  private <O extends PipelineOptions> int runPipeline(BeamlinePipeline<O> pipeline, String[] args) {
    String profile = RunnerProfiles.DEFAULT_PROFILE;
    List<String> user = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--profile=")) {
        profile = a.substring("--profile=".length());
      } else if (a.equals("--help")) {
        return help(pipeline.name());
      } else if (!a.startsWith("--")) {
        throw new UsageException("unexpected argument '" + a + "': options look like --name=value");
      } else {
        user.add(a);
      }
    }
    List<String> merged = RunnerProfiles.merge(profiles.load(profile), user);
    refuseRefusedFlags(pipeline, merged);
    O options = parseOptions(pipeline, merged);
    LocalPaths.absolutize(options, pipeline.optionsClass());
    if (user.stream().noneMatch(a -> a.startsWith("--appName="))) {
      // Names the job in the Flink and Spark UIs (the default would be "Launcher").
      options.as(org.apache.beam.sdk.options.ApplicationNameOptions.class)
          .setAppName("beamline-" + pipeline.name());
    }
    // A stopped cluster is reported before anything else about the run.
    ClusterReachability.check(options);
    String plan;
    try {
      plan = pipeline.validate(options);
    } catch (IllegalArgumentException e) {
      throw new UsageException(oneLine(e.getMessage()));
    }
    String runner = RunnerCapabilities.runnerName(options)
        + (RunnerCapabilities.isStreaming(options) ? " (streaming)" : " (batch)");
    err.printf("beamline: running %s on %s, profile %s%n", pipeline.name(), runner, profile);
    err.printf("beamline: %s%n", plan);

    boolean kafkaSink = WriteOutput.isKafka(options.as(SinkOptions.class));
    List<PipelineOutput> outputs = pipeline.outputs(options);
    if (!kafkaSink) {
      outputs.forEach(output -> OutputFolders.clearParts(output.folder()));
    }
    long start = System.nanoTime();
    PipelineResult result;
    PipelineResult.State state;
    try {
      Pipeline p = Pipeline.create(options);
      pipeline.build(p, options);
      result = p.run();
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      err.println("beamline: " + pipeline.name() + " failed on " + runner + ": " + rootCause(e));
      if (System.getenv("BEAMLINE_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("beamline: set BEAMLINE_DEBUG=1 for the stack trace");
      }
      return RUN_FAILED;
    }
    long wallMillis = (System.nanoTime() - start) / 1_000_000;
    RunSummary summary = RunSummary.of(pipeline, result);
    out.print(summary.render(pipeline.name(), runner, state, wallMillis,
        pipeline.ledger().isEmpty() ? pipeline.counters().get(0) : pipeline.ledger().get(0).get(0),
        outputs.stream().map(output -> output.describe(kafkaSink)).toList()));
    if (state != PipelineResult.State.DONE) {
      err.println("beamline: " + pipeline.name() + " ended in state " + state);
      return RUN_FAILED;
    }
    if (!summary.ledgerOk) {
      err.println("beamline: the ledger does not balance: " + summary.mismatches());
      return RUN_FAILED;
    }
    return OK;
  }

  /**
   * A flag the pipeline refuses (one of a shared options interface that it does not use) is a
   * usage error, even with an empty value: Beam would accept it and the run would ignore it.
   */
  private static void refuseRefusedFlags(BeamlinePipeline<?> pipeline, List<String> args) {
    for (String a : args) {
      String name = RunnerProfiles.optionName(a).substring(2);
      if (pipeline.refusedFlags().contains(name)) {
        throw new UsageException("--" + name + " does not apply to " + pipeline.name() + ": "
            + pipeline.refusedFlagsReason());
      }
    }
  }

  private static <O extends PipelineOptions> O parseOptions(BeamlinePipeline<O> pipeline, List<String> args) {
    PipelineFlags.forgetOtherPipelinesOptions();
    try {
      return PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
          .withValidation()
          .as(pipeline.optionsClass());
    } catch (IllegalArgumentException e) {
      throw new UsageException(culprit(pipeline, args) + userFacing(oneLine(e.getMessage())));
    }
  }

  /**
   * Beam's message for a bad value does not say which flag it was: find the flag that fails on its
   * own (only on the error path) and return it as a prefix, e.g. {@code "--numShards=many: "}.
   */
  private static String culprit(BeamlinePipeline<?> pipeline, List<String> args) {
    for (String a : args) {
      try {
        PipelineOptionsFactory.fromArgs(a).as(pipeline.optionsClass());
      } catch (IllegalArgumentException e) {
        String msg = String.valueOf(e.getMessage());
        return msg.contains(RunnerProfiles.optionName(a).substring(2)) ? "" : a + ": ";
      }
    }
    return "";
  }

  private static final java.util.regex.Pattern MISSING_PROPERTY = java.util.regex.Pattern.compile(
      "Class interface \\S+ missing a property named '([^']*)'\\.\\s*(.*)");

  /** Beam's "Class interface X missing a property named 'y'" becomes "unknown option --y". */
  static String userFacing(String beamMessage) {
    java.util.regex.Matcher m = MISSING_PROPERTY.matcher(beamMessage);
    if (m.matches()) {
      return ("unknown option --" + m.group(1) + ". " + m.group(2)).strip();
    }
    int source = beamMessage.indexOf(" at [Source:");
    return source < 0 ? beamMessage : beamMessage.substring(0, source);
  }

  private static String rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return oneLine(c.getClass().getSimpleName() + ": " + c.getMessage());
  }

  static String oneLine(@Nullable String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  private String usage() {
    return "Beamline: event-time stream analytics on Apache Beam (Direct, Flink, Spark).\n\n"
        + "Usage:\n"
        + "  ./beamline list                       pipelines, one line each\n"
        + "  ./beamline help <pipeline>            a pipeline's options and defaults\n"
        + "  ./beamline run <pipeline> [--profile=<name>] [--option=value ...]\n"
        + "  ./beamline generate <pipeline> --events N --seed S [--output FILE]\n"
        + "  ./beamline kafka start|stop|status|produce|consume   a local Kafka broker and its tools\n"
        + "  ./beamline cluster flink|spark start|stop|status     local Flink and Spark clusters\n"
        + "  ./beamline bench [--events N] [--keys K] [--runs R] [--suite ...]   (see docs/benchmarks.md)\n\n"
        + "Profiles: " + profiles.names() + "\n";
  }
}
