package dev.beamline.pipelines.frauddetection;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.transforms.clean.CleanRecords;
import dev.beamline.transforms.join.ReferenceTable;
import java.io.IOException;
import java.util.Locale;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The account-profile reference table: one JSON object per line with {@code accountId}, {@code
 * homeCountry} (ISO 3166 alpha-2), the card's {@code currency} (ISO 4217) and its {@code
 * cardLimit}. Read into a side input by the library's {@link ReferenceTable}; a bad line or a
 * repeated account is a dead letter (stage {@code reference}) and left out of the table.
 */
final class AccountProfiles {
  static final String KEY = "accountId";

  static final Schema SCHEMA = Schema.builder()
      .addStringField(KEY)
      .addStringField("homeCountry")
      .addStringField("currency")
      .addDoubleField("cardLimit")
      .build();

  static final CleanRecords RULES = CleanRecords.of(SCHEMA)
      .allowedValues("homeCountry", (Object[]) Locale.getISOCountries())
      .allowedValues("currency", (Object[]) CleanTransactions.isoCurrencies())
      .range("cardLimit", 0.0, 10_000_000.0);

  private AccountProfiles() {}

  /** The table over the JSON Lines files matching {@code filepattern}, keyed by account. */
  static ReferenceTable table(String filepattern) {
    return ReferenceTable.jsonLines(filepattern, RULES, KEY);
  }

  /** The profile's attributes (not its key) as fields of a JSON object, for an alert. */
  static void writeProfileFields(Row profile, JsonGenerator g) throws IOException {
    g.writeStringField("homeCountry", profile.getString("homeCountry"));
    g.writeStringField("currency", profile.getString("currency"));
    g.writeNumberField("cardLimit", profile.getDouble("cardLimit"));
  }
}
