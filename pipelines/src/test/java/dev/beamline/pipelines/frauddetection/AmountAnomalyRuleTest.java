package dev.beamline.pipelines.frauddetection;

import static dev.beamline.pipelines.frauddetection.Transactions.tx;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.state.EwStats;
import java.util.EnumMap;
import java.util.Map;
import org.junit.Test;

/**
 * The amount rule is the library's anomaly detector per currency. With alpha = 0.5, the amounts
 * 10 and 12 give mean 11 and variance 1 exactly, so 20 is 9 standard deviations out.
 */
public class AmountAnomalyRuleTest {
  private static final AmountAnomalyRule RULE = AmountAnomalyRule.of(0.5, 3, 2);

  @Test
  public void anAmountFarFromTheWeightedMeanAfterTheWarmUpFiresWithTheMomentsItWasComparedWith() {
    Map<FraudRule, String> evidence = new EnumMap<>(FraudRule.class);
    EwStats s = RULE.score(null, tx("t1", "a", 0, 10, "DE"), evidence);
    s = RULE.score(s, tx("t2", "a", 1, 12, "DE"), evidence);
    assertTrue(evidence.isEmpty());

    EwStats after = RULE.score(s, tx("t3", "a", 2, 20, "DE"), evidence);

    assertEquals("{\"mean\":11.0,\"stddev\":1.0,\"zScore\":9.0,\"previousTransactions\":2}",
        evidence.get(FraudRule.AMOUNT_ANOMALY));
    // Flagged or not, the amount is folded in: mean 15.5.
    assertEquals(3, after.count());
    assertEquals(15.5, after.mean(), 0.0);
  }

  @Test
  public void nothingFiresDuringTheWarmUp() {
    Map<FraudRule, String> evidence = new EnumMap<>(FraudRule.class);
    EwStats s = RULE.score(null, tx("t1", "a", 0, 10, "DE"), evidence);
    RULE.score(s, tx("t2", "a", 1, 1000, "DE"), evidence);
    assertTrue(evidence.isEmpty());
  }

  @Test
  public void equalAmountsSoFarMakeAnyOtherAmountInfinitelyFarAsJsonText() {
    Map<FraudRule, String> evidence = new EnumMap<>(FraudRule.class);
    EwStats s = RULE.score(null, tx("t1", "a", 0, 9.99, "DE"), evidence);
    s = RULE.score(s, tx("t2", "a", 1, 9.99, "DE"), evidence);
    RULE.score(s, tx("t3", "a", 2, 10.99, "DE"), evidence);
    assertEquals("{\"mean\":9.99,\"stddev\":0.0,\"zScore\":\"Infinity\",\"previousTransactions\":2}",
        evidence.get(FraudRule.AMOUNT_ANOMALY));
  }
}
