package dev.beamline.pipelines.frauddetection;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** {@link Transaction} as five strings, the amount's 8 bytes and a var-int timestamp. */
public final class TransactionCoder extends AtomicCoder<Transaction> {
  private static final TransactionCoder INSTANCE = new TransactionCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static TransactionCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link Transaction} work (Beam looks this method up). */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Transaction.class), INSTANCE);
  }

  private TransactionCoder() {}

  @Override
  public void encode(Transaction t, OutputStream out) throws IOException {
    STRING.encode(t.txId(), out);
    STRING.encode(t.accountId(), out);
    new DataOutputStream(out).writeDouble(t.amount());
    STRING.encode(t.currency(), out);
    STRING.encode(t.merchant(), out);
    STRING.encode(t.country(), out);
    LONG.encode(t.timestampMillis(), out);
  }

  @Override
  public Transaction decode(InputStream in) throws IOException {
    String txId = STRING.decode(in);
    String accountId = STRING.decode(in);
    double amount = new DataInputStream(in).readDouble();
    String currency = STRING.decode(in);
    String merchant = STRING.decode(in);
    String country = STRING.decode(in);
    long ts = LONG.decode(in);
    return new Transaction(txId, accountId, amount, currency, merchant, country, ts);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
