package dev.beamline.pipelines.clickstreamsessions;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.beamline.pipelines.ResultPane;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

/**
 * The session summary combiner outside a pipeline: the same answer for any arrival and merge
 * order, first and last pages by time with ties by page, conversion, distinct pages exact below
 * the sample size and bounded above it; and the coders of the clickstream values.
 */
public class SessionStatsFnTest {
  @SuppressWarnings("unchecked")
  private static final SessionStatsFn<Object> FN = (SessionStatsFn<Object>) SessionStatsFn.create();

  private static ClickEvent e(String page, String action, long millis) {
    return new ClickEvent("u1", page, action, millis);
  }

  private static SessionStats summarise(List<ClickEvent> events, int parts) {
    List<SessionStatsFn.Accumulator<Object>> accumulators = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      accumulators.add(FN.createAccumulator());
    }
    for (int i = 0; i < events.size(); i++) {
      FN.addInput(accumulators.get(i % parts), events.get(i));
    }
    return FN.extractOutput(FN.mergeAccumulators(accumulators));
  }

  @Test
  public void anyArrivalAndMergeOrderGivesTheSameSession() {
    List<ClickEvent> events = new ArrayList<>(List.of(e("/home", "view", 1000),
        e("/p/1", "view", 5000), e("/cart", "add_to_cart", 9000), e("/checkout/confirm",
            "purchase", 12000), e("/p/1", "click", 7000), e("/a", "view", 1000)));
    SessionStats expected = new SessionStats(1000, 12000, "/a", "/checkout/confirm", 6, 5, true);
    Random random = new Random(3);
    for (int round = 0; round < 20; round++) {
      Collections.shuffle(events, random);
      assertEquals(expected, summarise(events, 1 + round % 4));
    }
  }

  @Test
  public void lastPageTiesAreBrokenByTheLargerPage() {
    assertEquals(new SessionStats(0, 5, "/a", "/z", 3, 3, false),
        summarise(List.of(e("/z", "view", 5), e("/a", "view", 0), e("/m", "view", 5)), 2));
  }

  @Test
  public void distinctPagesAreExactBelowTheSampleSizeAndEstimatedAbove() {
    List<ClickEvent> few = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      few.add(e("/p/" + (i % 500), "view", i));
    }
    assertEquals(500, summarise(few, 3).distinctPages());
    List<ClickEvent> many = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      many.add(e("/p/" + i, "view", i));
    }
    long estimate = summarise(many, 3).distinctPages();
    assertTrue("estimate " + estimate, Math.abs(estimate - 20_000) < 20_000 * 0.063 * 2);
  }

  @Test
  public void theAccumulatorCoderRoundTripsAndStaysBounded() throws Exception {
    Coder<SessionStatsFn.Accumulator<Object>> coder =
        FN.getAccumulatorCoder(CoderRegistry.createDefault(), ClickEventCoder.of());
    SessionStatsFn.Accumulator<Object> a = FN.createAccumulator();
    for (int i = 0; i < 5000; i++) {
      FN.addInput(a, e("/p/" + i, i == 4999 ? "purchase" : "view", i));
    }
    SessionStatsFn.Accumulator<Object> decoded = CoderUtils.clone(coder, a);
    assertEquals(FN.extractOutput(a), FN.extractOutput(decoded));
    // 1,024 hashes of 8 bytes and a few fields: about 8 KiB, however many pages.
    int size = CoderUtils.encodeToByteArray(coder, a).length;
    assertTrue("size " + size, size < 8_300);
    // An empty accumulator (no page yet) round-trips too.
    assertTrue(CoderUtils.clone(coder, FN.createAccumulator()).isEmpty());
  }

  @Test
  public void valueCoders() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(ClickEventCoder.of(),
        new ClickEvent("ユーザー-7", "/cart", "purchase", 1793491200125L));
    SessionStats stats = new SessionStats(0, 60_000, "/home", "/cart", 4, 3, true);
    CoderProperties.coderDecodeEncodeEqual(SessionStatsCoder.of(), stats);
    CoderProperties.coderDecodeEncodeEqual(SessionSummaryCoder.of(),
        new SessionSummary("u1", stats, new ResultPane(Timing.LATE, 0, false)));
  }

  @Test
  public void summariesAsJson() {
    assertEquals("{\"userId\":\"u1\",\"sessionStart\":\"1970-01-01T00:00:00.000Z\","
        + "\"sessionEnd\":\"1970-01-01T00:01:00.000Z\",\"durationMillis\":60000,\"events\":4,"
        + "\"distinctPages\":3,\"firstPage\":\"/home\",\"lastPage\":\"/cart\",\"converted\":true,"
        + "\"pane\":{\"timing\":\"LATE\",\"index\":0,\"final\":false}}",
        new SessionSummary("u1", new SessionStats(0, 60_000, "/home", "/cart", 4, 3, true),
            new ResultPane(Timing.LATE, 0, false)).toJson());
  }
}
