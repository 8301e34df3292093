package dev.beamline.pipelines.frauddetection;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.InputFiles;
import dev.beamline.pipelines.PipelineOutput;
import dev.beamline.pipelines.RunnerCapabilities;
import dev.beamline.pipelines.SampleGenerator;
import dev.beamline.pipelines.WindowedRun;
import dev.beamline.pipelines.io.ReadInput;
import dev.beamline.pipelines.io.WriteOutput;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.dedup.DeduplicateById;
import dev.beamline.transforms.join.JoinedPair;
import dev.beamline.transforms.join.ReferenceSnapshot;
import dev.beamline.transforms.join.ReferenceTable;
import dev.beamline.transforms.join.RefreshTicks;
import dev.beamline.transforms.windowing.Durations;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * fraud-detection: card transactions in; repeated txIds dropped; each transaction given its
 * account's profile; per account, in event-time order, an amount-anomaly, a velocity and a
 * country-change rule; one alert per suspicious transaction (every rule that fired, its evidence,
 * the profile) out; every bad line and bad profile line to the dead letters, every transaction too
 * late for its account to the late data, with its reason. Files or Kafka in and out.
 */
public final class FraudDetectionPipeline implements BeamlinePipeline<FraudDetectionOptions> {
  public static final String NAME = "fraud-detection";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Card-fraud alerts per transaction: amount anomaly (EWMA), velocity (sliding window), "
        + "country change, with account profiles";
  }

  @Override
  public Class<FraudDetectionOptions> optionsClass() {
    return FraudDetectionOptions.class;
  }

  @Override
  public String validate(FraudDetectionOptions o) {
    ReadInput.streamingIfEndless(o);
    // Deduplication and the per-account rules are stateful DoFns with event-time timers.
    String runner = RunnerCapabilities.runnerName(o);
    if (runner.contains("SparkStructuredStreaming")) {
      throw new IllegalArgumentException(runner + " cannot run " + NAME + ": it has no state and"
          + " timers, which deduplication and the per-account rules need. Use --runner=SparkRunner"
          + " (--profile=spark-local) or --profile=flink-local.");
    }
    if (RunnerCapabilities.isSpark(o) && RunnerCapabilities.isStreaming(o)) {
      throw new IllegalArgumentException(runner + " in streaming mode cannot run " + NAME
          + ": deduplication and the per-account rules need event-time timers in stateful"
          + " DoFns, which it does not support. Use --streaming=false on Spark, or"
          + " --profile=flink-local --streaming=true.");
    }
    WindowedRun.checkShards(o.getNumShards());
    MissingProfile.parse(o.getMissingProfile());
    dedup(o);
    FraudRules rules = rules(o);
    String input = ReadInput.describe(o, "input", o.getInput());
    int profileFiles = InputFiles.requireMatch("accounts", o.getAccounts(), o);
    String output = WriteOutput.describe(o, ReadInput.isBounded(o), true);
    return input + "; accounts " + o.getAccounts() + " (" + profileFiles
        + (profileFiles == 1 ? " file" : " files") + ", read once); rules: " + rules
        + (output.isEmpty() ? "" : "\n" + output);
  }

  @Override
  public void build(Pipeline p, FraudDetectionOptions o) {
    WithFailures.Result<PCollection<Transaction>, DeadLetter> transactions = p
        .apply("ReadLines", ReadInput.of(o, o.getInput(), CleanTransactions.RULES.jsonLineEventTime()))
        .apply("CleanTransactions", CleanTransactions.create());

    PCollection<Transaction> unique = transactions.output()
        .apply("DropRepeatedTxIds", dedup(o));

    ReferenceTable accounts = AccountProfiles.table(o.getAccounts());
    WithFailures.Result<PCollectionView<ReferenceSnapshot>, DeadLetter> profiles = p
        .apply("ReadProfilesOnce", RefreshTicks.once())
        .apply("LoadAccountProfiles", accounts);

    WithFailures.Result<PCollection<KV<String, JoinedPair<Transaction, Row>>>, DeadLetter> profiled =
        unique.apply("AttachProfiles", AttachProfiles.from(accounts, profiles.output(),
            MissingProfile.parse(o.getMissingProfile())));

    WithFailures.Result<PCollection<FraudAlert>, DeadLetter> alerts = profiled.output()
        .apply("FraudRules", rules(o));

    alerts.output()
        .apply("WriteAlerts", WriteOutput.of(o, o.getOutput(), "outputTopic", o.getOutputTopic(),
                FraudAlert::toJson)
            .withKey(a -> a.transaction().accountId())
            .withCounter("alerts_written")
            .withNumShards(o.getNumShards()));

    // Transactions older than their account's last scored one: late data, not bad input.
    alerts.failures()
        .apply("WriteLateData", WriteOutput.lateData(o, o.getLateData(), DeadLetter::toJson)
            .withKey(DeadLetter::source)
            .withNumShards(o.getNumShards()));

    PCollectionList.of(transactions.failures())
        .and(profiles.failures())
        .and(profiled.failures())
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", WriteOutput.deadLetters(o, o.getDeadLetters())
            .withNumShards(o.getNumShards()));
  }

  /**
   * A redelivered transaction repeats its txId and account: ids are remembered per account, one
   * timer per account instead of one per transaction.
   */
  static DeduplicateById<Transaction, String> dedup(FraudDetectionOptions o) {
    Duration span = duration("dedupWithin", o.getDedupWithin());
    if (span.getMillis() <= 0) {
      throw new IllegalArgumentException("--dedupWithin must be positive, was " + o.getDedupWithin());
    }
    return DeduplicateById.of(Transaction::txId, StringUtf8Coder.of())
        .within(span)
        .perGroup(Transaction::accountId, StringUtf8Coder.of());
  }

  static FraudRules rules(FraudDetectionOptions o) {
    String[] window = o.getVelocityWindow().split("/", -1);
    if (window.length > 2) {
      throw new IllegalArgumentException("--velocityWindow: '" + o.getVelocityWindow()
          + "' is not size/slide, e.g. 10m/1m");
    }
    Duration size = duration("velocityWindow", window[0]);
    Duration slide = window.length == 2 ? duration("velocityWindow", window[1]) : size;
    AmountAnomalyRule amount;
    try {
      amount = AmountAnomalyRule.of(o.getAnomalyAlpha(), o.getAnomalyThreshold(),
          o.getAnomalyWarmUp());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--anomalyAlpha/--anomalyThreshold/--anomalyWarmUp: "
          + e.getMessage(), e);
    }
    VelocityRule velocity;
    try {
      velocity = VelocityRule.of(size, slide, o.getMaxTransactions());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--velocityWindow/--maxTransactions: " + e.getMessage(), e);
    }
    return FraudRules.of(amount, velocity,
            CountryChangeRule.within(duration("countryChangeWithin", o.getCountryChangeWithin())))
        .withAccountIdleTimeout(duration("accountIdleTimeout", o.getAccountIdleTimeout()));
  }

  private static Duration duration(String flag, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + flag + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> counters() {
    return List.of("lines_read", "records_cleaned", "records_dead_lettered", "duplicates_dropped",
        "reference_lines_rejected", "enriched", "enrichment_misses", "profile_misses_dead_lettered",
        "transactions_scored", "late_for_key", "alerts_raised", "fired_amount_anomaly",
        "fired_velocity", "fired_country_change", "alerts_written", "dead_letters_written",
        "late_data_written");
  }

  /** Every line is clean or a dead letter; every clean transaction is dropped or scored. */
  @Override
  public List<List<String>> ledger() {
    return List.of(
        List.of("lines_read", "records_cleaned", "records_dead_lettered"),
        List.of("records_cleaned", "duplicates_dropped", "profile_misses_dead_lettered",
            "late_for_key", "transactions_scored"));
  }

  @Override
  public List<PipelineOutput> outputs(FraudDetectionOptions o) {
    return List.of(
        PipelineOutput.of("alerts", o.getOutput(), o.getOutputTopic()),
        PipelineOutput.of("dead letters", o.getDeadLetters(), o.getDeadLetterTopic()),
        PipelineOutput.of("late data", o.getLateData(), o.getLateDataTopic()));
  }

  @Override
  public Optional<SampleGenerator> generator() {
    return Optional.of(new TransactionGenerator());
  }
}
