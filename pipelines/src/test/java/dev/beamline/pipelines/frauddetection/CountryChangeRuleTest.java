package dev.beamline.pipelines.frauddetection;

import static dev.beamline.pipelines.frauddetection.Transactions.tx;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.joda.time.Duration;
import org.junit.Test;

/** The country-change rule as a function of the previous transaction and this one. */
public class CountryChangeRuleTest {
  private static final CountryChangeRule WITHIN_AN_HOUR =
      CountryChangeRule.within(Duration.standardHours(1));

  private static Map<FraudRule, String> check(Transaction previous, Transaction tx) {
    Map<FraudRule, String> evidence = new EnumMap<>(FraudRule.class);
    WITHIN_AN_HOUR.check(previous, tx, evidence);
    return evidence;
  }

  @Test
  public void anotherCountrySoonAfterThePreviousTransactionFiresWithItAsEvidence() {
    assertEquals("{\"previousTxId\":\"t1\",\"previousCountry\":\"DE\",\"previousTs\":"
            + "\"2026-11-02T10:00:00.000Z\",\"secondsSincePrevious\":1800.5}",
        check(tx("t1", "a", 0, 10, "DE"),
            new Transaction("t2", "a", 10, "EUR", "OXXO", "MX",
                Transactions.at(1800).getMillis() + 500)).get(FraudRule.COUNTRY_CHANGE));
  }

  @Test
  public void theSameCountryAChangeAfterALongGapOrNoPreviousTransactionDoNotFire() {
    assertTrue(check(tx("t1", "a", 0, 10, "DE"), tx("t2", "a", 60, 10, "DE")).isEmpty());
    assertTrue(check(tx("t1", "a", 0, 10, "DE"), tx("t2", "a", 3601, 10, "MX")).isEmpty());
    assertTrue(check(null, tx("t2", "a", 60, 10, "MX")).isEmpty());
  }

  @Test
  public void aChangeExactlyAtTheIntervalStillFires() {
    assertEquals(1, check(tx("t1", "a", 0, 10, "DE"), tx("t2", "a", 3600, 10, "MX")).size());
  }
}
