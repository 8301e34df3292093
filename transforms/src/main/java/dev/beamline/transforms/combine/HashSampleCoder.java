package dev.beamline.transforms.combine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarIntCoder;

/** {@link HashSample} as var-int capacity and size, then 8 bytes a hash: 8k + 4 bytes when full. */
final class HashSampleCoder extends AtomicCoder<HashSample> {
  private static final HashSampleCoder INSTANCE = new HashSampleCoder();
  private static final VarIntCoder INT = VarIntCoder.of();

  static HashSampleCoder of() {
    return INSTANCE;
  }

  private HashSampleCoder() {}

  @Override
  public void encode(HashSample s, OutputStream outStream) throws IOException {
    INT.encode(s.capacity(), outStream);
    INT.encode(s.size(), outStream);
    DataOutputStream out = new DataOutputStream(outStream);
    for (int i = 0; i < s.size(); i++) {
      out.writeLong(s.hash(i));
    }
    out.flush();
  }

  @Override
  public HashSample decode(InputStream inStream) throws IOException {
    int capacity = INT.decode(inStream);
    int size = INT.decode(inStream);
    if (capacity < 2 || size < 0 || size > capacity) {
      throw new CoderException("bad hash sample header: capacity " + capacity + ", size " + size);
    }
    DataInputStream in = new DataInputStream(inStream);
    long[] hashes = new long[Math.max(size, 1)];
    for (int i = 0; i < size; i++) {
      hashes[i] = in.readLong();
    }
    return new HashSample(capacity, hashes, size);
  }

  @Override
  public void verifyDeterministic() {}
}
