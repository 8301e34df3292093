package dev.beamline.pipelines;

import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * Refuses discarding panes where a window can fire more than once. A ranking, a distinct count or
 * a threshold over a pane that holds only what arrived since the last firing answers a different
 * question (the top sources of the last few seconds' increments) while looking like the window's
 * answer; with one firing per window, discarding and accumulating are the same.
 */
public final class RestatedPanes {
  private RestatedPanes() {}

  /** Throws {@link IllegalArgumentException} naming {@code transform} when the rule is broken. */
  public static void requireAccumulatingWhenRefired(WindowingStrategy<?, ?> strategy,
      String transform) {
    if (strategy.getMode() != WindowingStrategy.AccumulationMode.DISCARDING_FIRED_PANES) {
      return;
    }
    if (firesMoreThanOnce(strategy)) {
      throw new IllegalArgumentException(transform + " needs accumulating panes when a window "
          + "fires more than once (early firings or allowed lateness): a discarding pane holds "
          + "only what arrived since the previous one, so its ranking or count would not be the "
          + "window's. Use --accumulation=accumulating.");
    }
  }

  static boolean firesMoreThanOnce(WindowingStrategy<?, ?> strategy) {
    Trigger t = strategy.getTrigger();
    boolean lateness = strategy.getAllowedLateness().getMillis() > 0;
    if (t instanceof AfterWatermark.FromEndOfWindow) {
      return false; // fires once, and then the window is done
    }
    if (t instanceof DefaultTrigger) {
      return lateness; // repeats for every late element within the lateness
    }
    return true;
  }
}
