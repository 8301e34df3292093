package dev.beamline.pipelines.frauddetection;

import dev.beamline.transforms.clean.CleanRecords;
import dev.beamline.transforms.clean.Conversion;
import dev.beamline.transforms.clean.TimestampFormat;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.SourcedLine;
import java.util.Currency;
import java.util.Locale;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * JSON Lines card transactions in, clean {@link Transaction}s (timestamped with their {@code ts})
 * and dead letters out. The contract is the library's {@link CleanRecords} over one {@link Schema}:
 * strict JSON, every field present, {@code amount} a JSON number from 0.01 to 1,000,000,
 * {@code currency} an ISO 4217 code, {@code country} an ISO 3166 alpha-2 code, {@code ts} ISO-8601
 * with an offset or epoch milliseconds. Each refused line keeps its file, line number and the
 * reason {@link CleanRecords} gives (stage {@code parse} or {@code clean}).
 *
 * <p>Why {@link CleanRecords} rather than a hand-written parser: the rules are declared in a few
 * lines, their reasons are the ones every catalogue pipeline gives (and docs/transforms.md lists),
 * and the typed {@link Transaction} that follows keeps the rules' code free of field names.
 * Runners: as {@link CleanRecords} (stateless; Spark streaming over bounded input is refused).
 */
public final class CleanTransactions
    extends PTransform<PCollection<SourcedLine>, WithFailures.Result<PCollection<Transaction>, DeadLetter>> {

  static final Schema SCHEMA = Schema.builder()
      .addStringField("txId")
      .addStringField("accountId")
      .addDoubleField("amount")
      .addStringField("currency")
      .addStringField("merchant")
      .addStringField("country")
      .addDateTimeField("ts")
      .build();

  /** How {@code ts} is read; {@code RULES.jsonLineEventTime()} reads it the same way for Kafka. */
  static final Conversion TS_FORMAT = Conversion.timestamp(
      TimestampFormat.anyOf(TimestampFormat.ISO_8601, TimestampFormat.EPOCH_MILLIS));

  /** Every non-nullable field is required; fields are checked in schema order. */
  static final CleanRecords RULES = CleanRecords.of(SCHEMA)
      .range("amount", 0.01, 1_000_000.0)
      .allowedValues("currency", (Object[]) isoCurrencies())
      .allowedValues("country", (Object[]) Locale.getISOCountries())
      .convert("ts", TS_FORMAT)
      .withEventTime("ts");

  private CleanTransactions() {}

  public static CleanTransactions create() {
    return new CleanTransactions();
  }

  @Override
  public WithFailures.Result<PCollection<Transaction>, DeadLetter> expand(
      PCollection<SourcedLine> lines) {
    WithFailures.Result<PCollection<Row>, DeadLetter> rows =
        lines.apply("CleanJsonLines", RULES.fromJsonLines());
    PCollection<Transaction> transactions = rows.output()
        .apply("ToTransaction", MapElements.into(TypeDescriptor.of(Transaction.class))
            .via(Transaction::fromRow))
        .setCoder(TransactionCoder.of());
    return WithFailures.Result.of(transactions, rows.failures());
  }

  /** ISO 4217 codes of real currencies (pseudo-currencies such as XXX or XAU have no minor unit). */
  static String[] isoCurrencies() {
    return Currency.getAvailableCurrencies().stream()
        .filter(c -> c.getDefaultFractionDigits() >= 0)
        .map(Currency::getCurrencyCode)
        .sorted()
        .toArray(String[]::new);
  }
}
