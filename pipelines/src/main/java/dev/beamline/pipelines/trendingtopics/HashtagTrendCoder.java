package dev.beamline.pipelines.trendingtopics;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Binary coder for {@link HashtagTrend}, laid out so that its bytes sort like the tie order of a
 * trend ranking ({@code TopK} breaks ties by encoded bytes, unsigned): {@code Long.MAX_VALUE -
 * count} as 8 big-endian bytes (more posts first), the hashtag's UTF-8 bytes and a 0 byte (UTF-8
 * bytes sort in code-point order, and the terminator puts a prefix first), then the previous count
 * as a var-long. Deterministic; a hashtag never contains U+0000.
 */
public final class HashtagTrendCoder extends AtomicCoder<HashtagTrend> {
  private static final HashtagTrendCoder INSTANCE = new HashtagTrendCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static HashtagTrendCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link HashtagTrend} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(HashtagTrend.class), INSTANCE);
  }

  private HashtagTrendCoder() {}

  @Override
  public void encode(HashtagTrend t, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeLong(Long.MAX_VALUE - t.count());
    out.write(t.hashtag().getBytes(StandardCharsets.UTF_8));
    out.write(0);
    out.flush();
    LONG.encode(t.previousCount(), outStream);
  }

  @Override
  public HashtagTrend decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    long count = Long.MAX_VALUE - in.readLong();
    ByteArrayOutputStream tag = new ByteArrayOutputStream(32);
    for (int b = in.read(); b != 0; b = in.read()) {
      if (b < 0) {
        throw new CoderException("hashtag without its terminating 0 byte");
      }
      tag.write(b);
    }
    long previous = LONG.decode(inStream);
    try {
      return new HashtagTrend(tag.toString(StandardCharsets.UTF_8), count, previous);
    } catch (IllegalArgumentException e) {
      throw new CoderException(e.getMessage());
    }
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
