package dev.beamline.pipelines.frauddetection;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.clean.JsonLineEventTime;
import dev.beamline.transforms.parse.InvalidRecordException;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Instant;
import org.junit.Test;

/** A Kafka source stamps transactions with the same event time the cleaner gives them. */
public class CleanTransactionsEventTimeTest {
  private static final JsonLineEventTime EVENT_TIME =
      SerializableUtils.clone(CleanTransactions.RULES.jsonLineEventTime());
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(CleanTransactions.RULES);

  private static String line(String ts) {
    return "{\"txId\":\"t\",\"accountId\":\"a\",\"amount\":1,\"currency\":\"EUR\","
        + "\"merchant\":\"m\",\"country\":\"DE\",\"ts\":" + ts + "}";
  }

  @Test
  public void everyAcceptedFormGivesTheCleanersTimestamp() throws Exception {
    for (String ts : new String[] {"\"2026-11-02T10:00:00.125Z\"",
        "\"2026-11-02T11:00:00.125+01:00\"", "1793613600125"}) {
      assertEquals(ts, Instant.parse("2026-11-02T10:00:00.125Z"), EVENT_TIME.parse(line(ts)));
      assertEquals(ts, EVENT_TIME.parse(line(ts)),
          CLEANER.clean(line(ts)).getDateTime("ts").toInstant());
    }
  }

  @Test
  public void aTimeTheCleanerRefusesIsRefusedToo() {
    assertEquals("field 'ts' is not a timestamp in any accepted format (ISO-8601 or epoch"
            + " milliseconds): \"2026-11-02 10:00:00\" (rule: convert to timestamp (ISO-8601 or"
            + " epoch milliseconds))",
        assertThrows(InvalidRecordException.class,
            () -> EVENT_TIME.parse(line("\"2026-11-02 10:00:00\""))).getMessage());
  }

  @Test
  public void otherFieldsDoNotMatterForTheTime() throws Exception {
    assertEquals(new Instant(1793613600125L),
        EVENT_TIME.parse("{\"ts\":1793613600125,\"amount\":\"not checked here\"}"));
  }
}
