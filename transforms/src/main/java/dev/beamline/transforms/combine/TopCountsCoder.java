package dev.beamline.transforms.combine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.KV;

/**
 * {@link TopCounts} as var-ints: total, distinct, the number of entries, then each element (with its
 * coder) and its count.
 */
public final class TopCountsCoder<T> extends StructuredCoder<TopCounts<T>> {
  private static final VarIntCoder SIZE = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private final Coder<T> elementCoder;

  private TopCountsCoder(Coder<T> elementCoder) {
    this.elementCoder = elementCoder;
  }

  public static <T> TopCountsCoder<T> of(Coder<T> elementCoder) {
    return new TopCountsCoder<>(elementCoder);
  }

  @Override
  public void encode(TopCounts<T> c, OutputStream out) throws IOException {
    LONG.encode(c.total(), out);
    LONG.encode(c.distinct(), out);
    SIZE.encode(c.top().size(), out);
    for (KV<T, Long> e : c.top()) {
      elementCoder.encode(e.getKey(), out);
      LONG.encode(e.getValue(), out);
    }
  }

  @Override
  public TopCounts<T> decode(InputStream in) throws IOException {
    long total = LONG.decode(in);
    long distinct = LONG.decode(in);
    int n = SIZE.decode(in);
    if (n < 0) {
      throw new CoderException("negative size " + n);
    }
    List<KV<T, Long>> top = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      T element = elementCoder.decode(in);
      top.add(KV.of(element, LONG.decode(in)));
    }
    try {
      return new TopCounts<>(top, total, distinct);
    } catch (IllegalArgumentException e) {
      throw new CoderException(e.getMessage());
    }
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return Collections.singletonList(elementCoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(this, "the element coder must be deterministic", elementCoder);
  }
}
