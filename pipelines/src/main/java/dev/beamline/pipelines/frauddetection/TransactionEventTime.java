package dev.beamline.pipelines.frauddetection;

import dev.beamline.transforms.clean.CleanRecords;
import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.parse.LineParser;
import org.apache.beam.sdk.schemas.Schema;
import org.joda.time.Instant;

/**
 * The event time of a transaction line under exactly the {@code ts} rule of {@link
 * CleanTransactions} (ISO-8601 with an offset, or epoch milliseconds): a Kafka source stamps each
 * record with it before the record is cleaned, so both agree, and a line whose time cannot be read
 * is refused by both.
 */
final class TransactionEventTime implements LineParser<Instant> {
  private static final long serialVersionUID = 1L;
  private static final Schema TS = Schema.builder().addDateTimeField("ts").build();

  private final JsonLineCleaner cleaner = JsonLineCleaner.of(
      CleanRecords.of(TS).convert("ts", CleanTransactions.TS_FORMAT));

  @Override
  public Instant parse(String line) throws InvalidRecordException {
    return cleaner.clean(line).getDateTime("ts").toInstant();
  }

  @Override
  public String toString() {
    return "JSON field 'ts' (ISO-8601 with offset or epoch milliseconds)";
  }
}
