package dev.beamline.pipelines.frauddetection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * One clean card transaction: who ({@code accountId}), how much in which currency, where
 * ({@code merchant}, ISO 3166 {@code country}) and when ({@code ts}, its event time).
 */
@DefaultCoder(TransactionCoder.class)
public final class Transaction {
  private static final JsonFactory JSON = new JsonFactory();

  private final String txId;
  private final String accountId;
  private final double amount;
  private final String currency;
  private final String merchant;
  private final String country;
  private final long timestampMillis;

  public Transaction(String txId, String accountId, double amount, String currency,
      String merchant, String country, long timestampMillis) {
    this.txId = Objects.requireNonNull(txId, "txId");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.amount = amount;
    this.currency = Objects.requireNonNull(currency, "currency");
    this.merchant = Objects.requireNonNull(merchant, "merchant");
    this.country = Objects.requireNonNull(country, "country");
    this.timestampMillis = timestampMillis;
  }

  /** A row cleaned by {@link CleanTransactions#RULES}. */
  static Transaction fromRow(Row row) {
    return new Transaction(row.getString("txId"), row.getString("accountId"),
        row.getDouble("amount"), row.getString("currency"), row.getString("merchant"),
        row.getString("country"), row.getDateTime("ts").getMillis());
  }

  public String txId() {
    return txId;
  }

  public String accountId() {
    return accountId;
  }

  public double amount() {
    return amount;
  }

  public String currency() {
    return currency;
  }

  public String merchant() {
    return merchant;
  }

  public String country() {
    return country;
  }

  public long timestampMillis() {
    return timestampMillis;
  }

  public Instant timestamp() {
    return new Instant(timestampMillis);
  }

  /** The transaction's fields, in input order, as one JSON object. */
  public String toJson() {
    StringWriter w = new StringWriter(160);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      writeFields(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** An object with the transaction's fields; {@link FraudAlert} extends it. */
  void writeFields(JsonGenerator g) throws IOException {
    g.writeStartObject();
    writeFieldsInline(g);
    g.writeEndObject();
  }

  void writeFieldsInline(JsonGenerator g) throws IOException {
    g.writeStringField("txId", txId);
    g.writeStringField("accountId", accountId);
    g.writeNumberField("amount", amount);
    g.writeStringField("currency", currency);
    g.writeStringField("merchant", merchant);
    g.writeStringField("country", country);
    g.writeStringField("ts", timestamp().toString());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Transaction)) {
      return false;
    }
    Transaction t = (Transaction) o;
    return txId.equals(t.txId) && accountId.equals(t.accountId)
        && Double.compare(amount, t.amount) == 0 && currency.equals(t.currency)
        && merchant.equals(t.merchant) && country.equals(t.country)
        && timestampMillis == t.timestampMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(txId, accountId, amount, currency, merchant, country, timestampMillis);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
