package dev.beamline.transforms.late;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeParameter;
import org.joda.time.Instant;

/**
 * Binary coder for {@link LateElement}: the value with its own coder, then the event time and the
 * window start as 8-byte instants and the window length as a var-int (2 bytes for a one-minute
 * window). Deterministic when the value coder is.
 */
public final class LateElementCoder<T> extends StructuredCoder<LateElement<T>> {
  private static final InstantCoder INSTANT = InstantCoder.of();
  private static final VarLongCoder LENGTH = VarLongCoder.of();

  private final Coder<T> valueCoder;

  private LateElementCoder(Coder<T> valueCoder) {
    this.valueCoder = valueCoder;
  }

  public static <T> LateElementCoder<T> of(Coder<T> valueCoder) {
    return new LateElementCoder<>(valueCoder);
  }

  /**
   * Makes {@code @DefaultCoder} on {@link LateElement} work: Beam builds the coder from the value's
   * coder through {@link #of(Coder)}.
   */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.fromStaticMethods(LateElement.class, LateElementCoder.class);
  }

  public Coder<T> getValueCoder() {
    return valueCoder;
  }

  @Override
  public void encode(LateElement<T> e, OutputStream out) throws IOException {
    if (e == null) {
      throw new CoderException("cannot encode a null LateElement");
    }
    valueCoder.encode(e.value(), out);
    INSTANT.encode(e.timestamp(), out);
    INSTANT.encode(e.windowStart(), out);
    LENGTH.encode(e.windowEnd().getMillis() - e.windowStart().getMillis(), out);
  }

  @Override
  public LateElement<T> decode(InputStream in) throws IOException {
    T value = valueCoder.decode(in);
    Instant timestamp = INSTANT.decode(in);
    Instant start = INSTANT.decode(in);
    long length = LENGTH.decode(in);
    return new LateElement<>(value, timestamp, start, start.plus(org.joda.time.Duration.millis(length)));
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(valueCoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(this, "the value coder must be deterministic", valueCoder);
  }

  @Override
  public boolean consistentWithEquals() {
    return valueCoder.consistentWithEquals();
  }

  @Override
  public TypeDescriptor<LateElement<T>> getEncodedTypeDescriptor() {
    return new TypeDescriptor<LateElement<T>>() {}
        .where(new TypeParameter<T>() {}, valueCoder.getEncodedTypeDescriptor());
  }
}
