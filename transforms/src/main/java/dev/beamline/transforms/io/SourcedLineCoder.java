package dev.beamline.transforms.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Compact binary coder for {@link SourcedLine}: source, var-int line number, flag, text. */
public final class SourcedLineCoder extends AtomicCoder<SourcedLine> {
  private static final SourcedLineCoder INSTANCE = new SourcedLineCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final BooleanCoder BOOL = BooleanCoder.of();

  public static SourcedLineCoder of() {
    return INSTANCE;
  }

  /**
   * Makes {@code @DefaultCoder} on {@link SourcedLine} work: Beam looks this static method up on the
   * annotated coder class and cannot infer the coder without it.
   */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SourcedLine.class), INSTANCE);
  }

  private SourcedLineCoder() {}

  @Override
  public void encode(SourcedLine value, OutputStream out) throws IOException {
    STRING.encode(value.source(), out);
    LONG.encode(value.lineNumber(), out);
    BOOL.encode(value.malformedEncoding(), out);
    STRING.encode(value.text(), out);
  }

  @Override
  public SourcedLine decode(InputStream in) throws IOException {
    String source = STRING.decode(in);
    long line = LONG.decode(in);
    boolean malformed = BOOL.decode(in);
    String text = STRING.decode(in);
    return new SourcedLine(source, line, text, malformed);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
