package dev.beamline.transforms.combine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
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
import org.apache.beam.sdk.values.KV;

/** {@link Ranking} as a var-int size, then each key (with its coder) and metric (8 bytes). */
public final class RankingCoder<K> extends StructuredCoder<Ranking<K>> {
  private static final VarIntCoder SIZE = VarIntCoder.of();
  private final Coder<K> keyCoder;

  private RankingCoder(Coder<K> keyCoder) {
    this.keyCoder = keyCoder;
  }

  public static <K> RankingCoder<K> of(Coder<K> keyCoder) {
    return new RankingCoder<>(keyCoder);
  }

  @Override
  public void encode(Ranking<K> r, OutputStream outStream) throws IOException {
    SIZE.encode(r.size(), outStream);
    DataOutputStream out = new DataOutputStream(outStream);
    for (KV<K, Double> e : r.entries()) {
      keyCoder.encode(e.getKey(), outStream);
      out.writeDouble(e.getValue());
      out.flush();
    }
  }

  @Override
  public Ranking<K> decode(InputStream inStream) throws IOException {
    int n = SIZE.decode(inStream);
    if (n < 0) {
      throw new CoderException("negative size " + n);
    }
    DataInputStream in = new DataInputStream(inStream);
    List<KV<K, Double>> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      K key = keyCoder.decode(inStream);
      entries.add(KV.of(key, in.readDouble()));
    }
    return new Ranking<>(entries);
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return Collections.singletonList(keyCoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(this, "the key coder must be deterministic", keyCoder);
  }
}
