package dev.beamline.transforms.stats;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class MergeNumericSummariesFnTest {
  private final MergeNumericSummariesFn fn = MergeNumericSummariesFn.of();

  @Test
  public void partialsMergeToTheSummaryOfAllValues() {
    NumericSummary a = NumericSummary.ofValues(20, 22);
    NumericSummary b = NumericSummary.ofValues(24);
    NumericSummary c = NumericSummary.ofValues(26, 18, 30);
    NumericSummary acc = fn.addInput(fn.addInput(fn.createAccumulator(), a), b);
    NumericSummary other = fn.addInput(fn.createAccumulator(), c);
    NumericSummary out = fn.extractOutput(fn.mergeAccumulators(List.of(acc, other)));
    NumericSummary all = NumericSummary.ofValues(20, 22, 24, 26, 18, 30);
    assertEquals(all.count(), out.count());
    assertEquals(all.min(), out.min(), 0.0);
    assertEquals(all.max(), out.max(), 0.0);
    assertEquals(all.mean(), out.mean(), 1e-12);
    assertEquals(all.populationStddev(), out.populationStddev(), 1e-12);
  }

  @Test
  public void inputsAreNotModified() {
    NumericSummary partial = NumericSummary.ofValues(1, 2, 3);
    NumericSummary before = partial.copy();
    NumericSummary acc = fn.addInput(fn.addInput(fn.createAccumulator(), partial), partial);
    assertEquals(before, partial);
    assertEquals(6, acc.count());
  }

  @Test
  public void extractOutputIsACopyTheRunnerCanKeepMerging() {
    NumericSummary acc = fn.addInput(fn.createAccumulator(), NumericSummary.ofValues(5));
    NumericSummary fired = fn.extractOutput(acc);
    fn.addInput(acc, NumericSummary.ofValues(7));
    assertEquals(1, fired.count());
    assertEquals(2, acc.count());
  }

  @Test
  public void noPartialsGiveAnEmptySummary() {
    assertEquals(0, fn.extractOutput(fn.mergeAccumulators(List.of())).count());
  }
}
