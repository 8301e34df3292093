package dev.beamline.transforms.combine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;

/**
 * Exact counts of every distinct element (the accumulator is element to count), and at the end the
 * n most frequent with the totals. Ties are ordered by the element's encoded bytes, unsigned, so
 * the answer never depends on arrival or merge order.
 */
final class MostFrequentFn<T> extends CombineFn<T, Map<T, Long>, TopCounts<T>> {
  private final int n;
  private final Coder<T> elementCoder;

  MostFrequentFn(int n, Coder<T> elementCoder) {
    this.n = n;
    this.elementCoder = elementCoder;
  }

  @Override
  public Map<T, Long> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<T, Long> addInput(Map<T, Long> counts, T element) {
    counts.merge(element, 1L, Long::sum);
    return counts;
  }

  @Override
  public Map<T, Long> mergeAccumulators(Iterable<Map<T, Long>> accumulators) {
    Map<T, Long> merged = null;
    List<Map<T, Long>> rest = new ArrayList<>();
    for (Map<T, Long> a : accumulators) {
      // Add the smaller maps into the largest one.
      if (merged == null || a.size() > merged.size()) {
        if (merged != null) {
          rest.add(merged);
        }
        merged = a;
      } else {
        rest.add(a);
      }
    }
    if (merged == null) {
      return createAccumulator();
    }
    for (Map<T, Long> a : rest) {
      for (Map.Entry<T, Long> e : a.entrySet()) {
        merged.merge(e.getKey(), e.getValue(), Long::sum);
      }
    }
    return merged;
  }

  @Override
  public TopCounts<T> extractOutput(Map<T, Long> counts) {
    Comparator<Map.Entry<T, Long>> betterFirst = (a, b) -> {
      int byCount = Long.compare(b.getValue(), a.getValue());
      return byCount != 0 ? byCount
          : Arrays.compareUnsigned(encode(a.getKey()), encode(b.getKey()));
    };
    // A heap of the n best so far whose head is the worst of them.
    PriorityQueue<Map.Entry<T, Long>> best = new PriorityQueue<>(n + 1, betterFirst.reversed());
    long total = 0;
    for (Map.Entry<T, Long> e : counts.entrySet()) {
      total += e.getValue();
      if (best.size() == n && e.getValue() < best.peek().getValue()) {
        continue; // cannot enter, and no need to encode it for a tie
      }
      best.add(e);
      if (best.size() > n) {
        best.poll();
      }
    }
    List<Map.Entry<T, Long>> sorted = new ArrayList<>(best);
    sorted.sort(betterFirst);
    List<KV<T, Long>> top = new ArrayList<>(sorted.size());
    for (Map.Entry<T, Long> e : sorted) {
      top.add(KV.of(e.getKey(), e.getValue()));
    }
    return new TopCounts<>(top, total, counts.size());
  }

  @Override
  public Coder<Map<T, Long>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return MapCoder.of(elementCoder, VarLongCoder.of());
  }

  @Override
  public Coder<TopCounts<T>> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return TopCountsCoder.of(elementCoder);
  }

  private byte[] encode(T element) {
    try {
      return CoderUtils.encodeToByteArray(elementCoder, element);
    } catch (CoderException e) {
      throw new IllegalStateException("cannot encode " + element + " with " + elementCoder, e);
    }
  }
}
