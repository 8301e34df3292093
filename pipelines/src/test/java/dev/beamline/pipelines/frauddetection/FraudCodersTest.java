package dev.beamline.pipelines.frauddetection;

import static dev.beamline.pipelines.frauddetection.Transactions.tx;

import dev.beamline.transforms.state.AnomalyAlert;
import dev.beamline.transforms.state.AnomalyDetector;
import dev.beamline.transforms.state.EventTimeFold;
import dev.beamline.transforms.state.EwStats;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

/** Round trips and determinism of the pipeline's coders, edge values included. */
public class FraudCodersTest {
  @Test
  public void transactionCoder() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(TransactionCoder.of(),
        new Transaction("tx-1", "acc-1", 12.5, "EUR", "Café de Flore ☕", "FR", 1793613600000L));
    CoderProperties.coderDeterministic(TransactionCoder.of(), tx("a", "b", 0, 1e6, "DE"),
        tx("a", "b", 0, 1e6, "DE"));
    CoderProperties.coderConsistentWithEquals(TransactionCoder.of(), tx("a", "b", 0, 1, "DE"),
        tx("a", "b", 0, 1, "DE"));
  }

  @Test
  public void accountStateCoder() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(AccountStateCoder.of(), AccountState.EMPTY);
    EventTimeFold<EwStats, AnomalyAlert> detector = AnomalyDetector.<String>of(0.5, 3).fold();
    Map<String, EwStats> stats = new TreeMap<>();
    stats.put("EUR", detector.fold(detector.fold(null, Transactions.at(0), 10, a -> { }),
        Transactions.at(1), 12, a -> { }));
    stats.put("GBP", detector.fold(null, Transactions.at(2), 7, a -> { }));
    AccountState s = new AccountState(new TreeMap<>(stats),
        List.of(Transactions.at(0).getMillis(), Transactions.at(1).getMillis()),
        tx("t2", "a", 1, 12, "DE"));
    CoderProperties.coderDecodeEncodeEqual(AccountStateCoder.of(), s);
  }

  @Test
  public void fraudAlertCoder() throws Exception {
    Map<FraudRule, String> evidence = new EnumMap<>(FraudRule.class);
    evidence.put(FraudRule.COUNTRY_CHANGE, "{\"previousCountry\":\"DE\"}");
    evidence.put(FraudRule.AMOUNT_ANOMALY, "{\"zScore\":\"Infinity\"}");
    CoderProperties.coderDecodeEncodeEqual(FraudAlertCoder.of(),
        new FraudAlert(tx("t1", "a", 0, 10, "MX"), evidence, null));
    CoderProperties.coderDecodeEncodeEqual(FraudAlertCoder.of(),
        new FraudAlert(tx("t1", "a", 0, 10, "MX"), evidence, "{\"homeCountry\":\"DE\"}"));
  }
}
