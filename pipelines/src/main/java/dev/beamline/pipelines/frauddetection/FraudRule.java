package dev.beamline.pipelines.frauddetection;

/** The rules an alert can list, in the order alerts list them. */
public enum FraudRule {
  /** The amount is far from the account's exponentially weighted mean in that currency. */
  AMOUNT_ANOMALY,
  /** More transactions than allowed in one sliding window of the account's activity. */
  VELOCITY,
  /** Another country than the account's previous transaction, too soon after it. */
  COUNTRY_CHANGE
}
