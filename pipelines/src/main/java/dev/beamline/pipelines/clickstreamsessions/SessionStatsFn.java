package dev.beamline.pipelines.clickstreamsessions;

import dev.beamline.transforms.combine.DistinctCount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Summarises the events of a session in one pass and bounded memory: first and last event (by
 * time, ties by page so that the answer never depends on arrival or merge order), event count,
 * conversion, and distinct pages with the library's {@link DistinctCount} estimate (exact below
 * its sample size of 1,024 distinct pages per session, within about 3% above; a crawler that
 * visits a million pages in one session costs 8 KiB, not a million strings).
 *
 * @param <P> the distinct-page estimator's accumulator
 */
final class SessionStatsFn<P>
    extends CombineFn<ClickEvent, SessionStatsFn.Accumulator<P>, SessionStats> {
  private final CombineFn<String, P, Long> pages;

  private SessionStatsFn(CombineFn<String, P, Long> pages) {
    this.pages = pages;
  }

  static SessionStatsFn<?> create() {
    return of(DistinctCount.combineFn(DistinctCount.DEFAULT_SAMPLE_SIZE, StringUtf8Coder.of()));
  }

  private static <P> SessionStatsFn<P> of(CombineFn<String, P, Long> pages) {
    return new SessionStatsFn<>(pages);
  }

  /** Mutable, as combine accumulators are; empty until the first event. */
  static final class Accumulator<P> {
    long firstMillis;
    String firstPage;
    long lastMillis;
    String lastPage;
    long events;
    boolean converted;
    P pages;

    Accumulator(P pages) {
      this.pages = pages;
    }

    boolean isEmpty() {
      return events == 0;
    }

    /** Takes (millis, page) as the first event if it comes before it (ties: smaller page). */
    void offerFirst(long millis, String page) {
      if (firstPage == null || millis < firstMillis
          || millis == firstMillis && page.compareTo(firstPage) < 0) {
        firstMillis = millis;
        firstPage = page;
      }
    }

    /** Takes (millis, page) as the last event if it comes after it (ties: larger page). */
    void offerLast(long millis, String page) {
      if (lastPage == null || millis > lastMillis
          || millis == lastMillis && page.compareTo(lastPage) > 0) {
        lastMillis = millis;
        lastPage = page;
      }
    }
  }

  @Override
  public Accumulator<P> createAccumulator() {
    return new Accumulator<>(pages.createAccumulator());
  }

  @Override
  public Accumulator<P> addInput(Accumulator<P> a, ClickEvent e) {
    a.offerFirst(e.timestampMillis(), e.page());
    a.offerLast(e.timestampMillis(), e.page());
    a.events++;
    a.converted |= Actions.PURCHASE.equals(e.action());
    a.pages = pages.addInput(a.pages, e.page());
    return a;
  }

  @Override
  public Accumulator<P> mergeAccumulators(Iterable<Accumulator<P>> accumulators) {
    Accumulator<P> merged = createAccumulator();
    List<P> pageAccumulators = new ArrayList<>();
    for (Accumulator<P> a : accumulators) {
      if (a.isEmpty()) {
        continue;
      }
      merged.offerFirst(a.firstMillis, a.firstPage);
      merged.offerLast(a.lastMillis, a.lastPage);
      merged.events += a.events;
      merged.converted |= a.converted;
      pageAccumulators.add(a.pages);
    }
    if (!pageAccumulators.isEmpty()) {
      merged.pages = pages.mergeAccumulators(pageAccumulators);
    }
    return merged;
  }

  /** An empty accumulator (a spurious empty pane) gives {@link SessionStats#EMPTY}. */
  @Override
  public SessionStats extractOutput(Accumulator<P> a) {
    if (a.isEmpty()) {
      return SessionStats.EMPTY;
    }
    return new SessionStats(a.firstMillis, a.lastMillis, a.firstPage, a.lastPage, a.events,
        pages.extractOutput(a.pages), a.converted);
  }

  @Override
  public Coder<Accumulator<P>> getAccumulatorCoder(CoderRegistry registry, Coder<ClickEvent> in)
      throws CannotProvideCoderException {
    return new AccumulatorCoder<>(pages.getAccumulatorCoder(registry, StringUtf8Coder.of()));
  }

  @Override
  public Coder<SessionStats> getDefaultOutputCoder(CoderRegistry registry, Coder<ClickEvent> in) {
    return SessionStatsCoder.of();
  }

  /** First and last (time, page), count, conversion, then the page estimator's accumulator. */
  static final class AccumulatorCoder<P> extends StructuredCoder<Accumulator<P>> {
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final Coder<String> PAGE = NullableCoder.of(StringUtf8Coder.of());
    private static final BooleanCoder BOOL = BooleanCoder.of();
    private final Coder<P> pagesCoder;

    AccumulatorCoder(Coder<P> pagesCoder) {
      this.pagesCoder = pagesCoder;
    }

    @Override
    public void encode(Accumulator<P> a, OutputStream out) throws IOException {
      LONG.encode(a.events, out);
      LONG.encode(a.firstMillis, out);
      PAGE.encode(a.firstPage, out);
      LONG.encode(a.lastMillis, out);
      PAGE.encode(a.lastPage, out);
      BOOL.encode(a.converted, out);
      pagesCoder.encode(a.pages, out);
    }

    @Override
    public Accumulator<P> decode(InputStream in) throws IOException {
      long events = LONG.decode(in);
      long firstMillis = LONG.decode(in);
      String firstPage = PAGE.decode(in);
      long lastMillis = LONG.decode(in);
      String lastPage = PAGE.decode(in);
      boolean converted = BOOL.decode(in);
      Accumulator<P> a = new Accumulator<>(pagesCoder.decode(in));
      a.events = events;
      a.firstMillis = firstMillis;
      a.firstPage = firstPage;
      a.lastMillis = lastMillis;
      a.lastPage = lastPage;
      a.converted = converted;
      return a;
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return Collections.singletonList(pagesCoder);
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      verifyDeterministic(this, "the page estimator's coder must be deterministic", pagesCoder);
    }
  }
}
