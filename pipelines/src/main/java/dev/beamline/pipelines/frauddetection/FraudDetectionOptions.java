package dev.beamline.pipelines.frauddetection;

import dev.beamline.pipelines.LocalPath;
import dev.beamline.pipelines.io.SinkOptions;
import dev.beamline.pipelines.io.SourceOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options of fraud-detection; Kafka source and sink flags come from {@link SourceOptions} and {@link
 * SinkOptions}. It has no output windows (every rule runs per account in event-time order), so it
 * does not take the shared windowing flags; the velocity rule's sliding window is its own option.
 */
public interface FraudDetectionOptions extends StreamingOptions, SourceOptions, SinkOptions {
  @Description("Input: a file or glob of JSON Lines card transactions (txId, accountId, amount, "
      + "currency, merchant, country, ts); compressed files are read by extension.")
  @Default.String("testdata/fraud-detection/sample.jsonl")
  @LocalPath
  String getInput();

  void setInput(String value);

  @Description("Account profiles: a file or glob of JSON Lines (accountId, homeCountry, currency, "
      + "cardLimit), read once into a side input.")
  @Default.String("testdata/fraud-detection/accounts.jsonl")
  @LocalPath
  String getAccounts();

  void setAccounts(String value);

  @Description("Output folder for alerts: one JSON line per suspicious transaction with every rule "
      + "that fired, its evidence and the account's profile.")
  @Default.String("out/fraud-detection/alerts")
  @LocalPath
  String getOutput();

  void setOutput(String value);

  @Description("Output folder for dead letters: bad transaction lines, bad profile lines (and "
      + "transactions without a profile, if so chosen).")
  @Default.String("out/fraud-detection/dead-letters")
  @LocalPath
  String getDeadLetters();

  void setDeadLetters(String value);

  @Description("Output folder for transactions too late to score: older than the last transaction "
      + "their account has already been scored with (each with its reason and the transaction); "
      + "with --sink=kafka they go to --lateDataTopic.")
  @Default.String("out/fraud-detection/late-data")
  @LocalPath
  String getLateData();

  void setLateData(String value);

  @Description("A transaction whose account has no profile: 'score' it anyway (alerts say "
      + "\"profile\":null) or make it a 'dead-letter'.")
  @Default.String("score")
  String getMissingProfile();

  void setMissingProfile(String value);

  @Description("Repeats of a txId are dropped until the watermark passes the first one's time plus "
      + "this (event time).")
  @Default.String("1h")
  String getDedupWithin();

  void setDedupWithin(String value);

  @Description("AMOUNT_ANOMALY: smoothing factor of the per-account, per-currency exponentially "
      + "weighted mean and variance of amounts, in (0, 1).")
  @Default.Double(0.1)
  double getAnomalyAlpha();

  void setAnomalyAlpha(double value);

  @Description("AMOUNT_ANOMALY: fires when an amount is more than this many standard deviations "
      + "from the account's weighted mean.")
  @Default.Double(5.0)
  double getAnomalyThreshold();

  void setAnomalyThreshold(double value);

  @Description("AMOUNT_ANOMALY: an account fires only after this many transactions in a currency.")
  @Default.Integer(10)
  int getAnomalyWarmUp();

  void setAnomalyWarmUp(int value);

  @Description("VELOCITY: sliding window as size/slide (10m/1m), or one size for tumbling windows.")
  @Default.String("10m/1m")
  String getVelocityWindow();

  void setVelocityWindow(String value);

  @Description("VELOCITY: fires for each transaction beyond this many of one account in a window.")
  @Default.Integer(5)
  int getMaxTransactions();

  void setMaxTransactions(int value);

  @Description("COUNTRY_CHANGE: fires when a transaction is in another country than the account's "
      + "previous one (in event-time order) at most this long before it.")
  @Default.String("3h")
  String getCountryChangeWithin();

  void setCountryChangeWithin(String value);

  @Description("An account is forgotten after this much event time without a transaction (it then "
      + "warms up again); at least the velocity window and the country-change interval.")
  @Default.String("7d")
  String getAccountIdleTimeout();

  void setAccountIdleTimeout(String value);

  @Description("Number of output files per folder; 0 lets the runner decide.")
  @Default.Integer(0)
  int getNumShards();

  void setNumShards(int value);
}
