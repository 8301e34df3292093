package dev.beamline.transforms.deadletter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Binary coder for {@link DeadLetter}; positions are zig-zag free var-ints (-1 costs 10 bytes). */
public final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
  private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static DeadLetterCoder of() {
    return INSTANCE;
  }

  /**
   * Makes {@code @DefaultCoder} on {@link DeadLetter} work: Beam looks this static method up on the
   * annotated coder class and cannot infer the coder without it.
   */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(DeadLetter.class), INSTANCE);
  }

  private DeadLetterCoder() {}

  @Override
  public void encode(DeadLetter value, OutputStream out) throws IOException {
    STRING.encode(value.stage(), out);
    STRING.encode(value.reason(), out);
    STRING.encode(value.source(), out);
    LONG.encode(value.position(), out);
    STRING.encode(value.payload(), out);
  }

  @Override
  public DeadLetter decode(InputStream in) throws IOException {
    String stage = STRING.decode(in);
    String reason = STRING.decode(in);
    String source = STRING.decode(in);
    long position = LONG.decode(in);
    String payload = STRING.decode(in);
    return new DeadLetter(stage, reason, source, position, payload);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
