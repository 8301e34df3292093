package dev.beamline.transforms.join;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StructuredCoder;

/**
 * {@link JoinedPair} from the coders of its sides: one byte saying which sides are present (bit 0
 * left, bit 1 right), then each present side with its own coder. Deterministic when both side
 * coders are.
 */
public final class JoinedPairCoder<L, R> extends StructuredCoder<JoinedPair<L, R>> {
  private static final int LEFT = 1;
  private static final int RIGHT = 2;

  private final Coder<L> leftCoder;
  private final Coder<R> rightCoder;

  private JoinedPairCoder(Coder<L> leftCoder, Coder<R> rightCoder) {
    this.leftCoder = leftCoder;
    this.rightCoder = rightCoder;
  }

  public static <L, R> JoinedPairCoder<L, R> of(Coder<L> leftCoder, Coder<R> rightCoder) {
    return new JoinedPairCoder<>(leftCoder, rightCoder);
  }

  /**
   * Makes {@code @DefaultCoder} on {@link JoinedPair} work: Beam builds the coder from the sides'
   * coders through {@link #of(Coder, Coder)}.
   */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.fromStaticMethods(JoinedPair.class, JoinedPairCoder.class);
  }

  public Coder<L> leftCoder() {
    return leftCoder;
  }

  public Coder<R> rightCoder() {
    return rightCoder;
  }

  @Override
  public void encode(JoinedPair<L, R> value, OutputStream out) throws IOException {
    int flags = (value.hasLeft() ? LEFT : 0) | (value.hasRight() ? RIGHT : 0);
    out.write(flags);
    if (value.hasLeft()) {
      leftCoder.encode(value.left(), out);
    }
    if (value.hasRight()) {
      rightCoder.encode(value.right(), out);
    }
  }

  @Override
  public JoinedPair<L, R> decode(InputStream in) throws IOException {
    int flags = in.read();
    if (flags < LEFT || flags > (LEFT | RIGHT)) {
      throw new CoderException("not a joined pair: side flags " + flags);
    }
    L left = (flags & LEFT) != 0 ? leftCoder.decode(in) : null;
    R right = (flags & RIGHT) != 0 ? rightCoder.decode(in) : null;
    return JoinedPair.ofNullable(left, right);
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(leftCoder, rightCoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(this, "both sides' coders must be deterministic", leftCoder, rightCoder);
  }

  @Override
  public boolean consistentWithEquals() {
    return leftCoder.consistentWithEquals() && rightCoder.consistentWithEquals();
  }
}
