package dev.beamline.pipelines.frauddetection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One alert per suspicious transaction: the transaction, every rule that fired for it (in {@link
 * FraudRule} order) with that rule's evidence as a JSON object, and the account's profile (a JSON
 * object, or null when the account has none).
 *
 * <pre>{@code
 * {"txId":"tx-00001234","accountId":"acc-000042","amount":1890.0,"currency":"EUR",
 *  "merchant":"MediaMarkt","country":"BR","ts":"2026-11-02T14:03:10.000Z",
 *  "rules":["AMOUNT_ANOMALY","COUNTRY_CHANGE"],
 *  "evidence":{"AMOUNT_ANOMALY":{"mean":48.2,"stddev":19.7,"zScore":93.4,"previousTransactions":31},
 *              "COUNTRY_CHANGE":{"previousTxId":"tx-00001180","previousCountry":"DE",
 *                                "previousTs":"2026-11-02T13:31:52.000Z","secondsSincePrevious":1878.0}},
 *  "profile":{"homeCountry":"DE","currency":"EUR","cardLimit":5000.0}}
 * }</pre>
 */
@DefaultCoder(FraudAlertCoder.class)
public final class FraudAlert {
  private static final JsonFactory JSON = new JsonFactory();

  private final Transaction transaction;
  private final Map<FraudRule, String> evidence;
  private final @Nullable String profileJson;

  FraudAlert(Transaction transaction, Map<FraudRule, String> evidence,
      @Nullable String profileJson) {
    this.transaction = Objects.requireNonNull(transaction, "transaction");
    if (evidence.isEmpty()) {
      throw new IllegalArgumentException("an alert needs at least one rule");
    }
    this.evidence = Collections.unmodifiableMap(new EnumMap<>(evidence));
    this.profileJson = profileJson;
  }

  public Transaction transaction() {
    return transaction;
  }

  public List<FraudRule> rules() {
    return new ArrayList<>(evidence.keySet());
  }

  /** Each rule's evidence as a JSON object, in rule order. */
  public Map<FraudRule, String> evidence() {
    return evidence;
  }

  /** The account's profile as a JSON object, or null when the reference table has none. */
  public @Nullable String profileJson() {
    return profileJson;
  }

  public String toJson() {
    StringWriter w = new StringWriter(512);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      transaction.writeFieldsInline(g);
      g.writeArrayFieldStart("rules");
      for (FraudRule r : evidence.keySet()) {
        g.writeString(r.name());
      }
      g.writeEndArray();
      g.writeObjectFieldStart("evidence");
      for (Map.Entry<FraudRule, String> e : evidence.entrySet()) {
        g.writeFieldName(e.getKey().name());
        g.writeRawValue(e.getValue());
      }
      g.writeEndObject();
      g.writeFieldName("profile");
      if (profileJson == null) {
        g.writeNull();
      } else {
        g.writeRawValue(profileJson);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FraudAlert)) {
      return false;
    }
    FraudAlert a = (FraudAlert) o;
    return transaction.equals(a.transaction) && evidence.equals(a.evidence)
        && Objects.equals(profileJson, a.profileJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(transaction, evidence, profileJson);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
