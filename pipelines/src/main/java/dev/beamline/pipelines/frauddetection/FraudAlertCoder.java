package dev.beamline.pipelines.frauddetection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * {@link FraudAlert} as its transaction, the number of rules, each rule's name and evidence, and
 * the profile (nullable). Rules are written by name, not ordinal, so reordering the enum cannot
 * silently change what a stored alert means.
 */
public final class FraudAlertCoder extends AtomicCoder<FraudAlert> {
  private static final FraudAlertCoder INSTANCE = new FraudAlertCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<String> NULLABLE_STRING = NullableCoder.of(STRING);
  private static final VarIntCoder INT = VarIntCoder.of();

  public static FraudAlertCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link FraudAlert} work (Beam looks this method up). */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(FraudAlert.class), INSTANCE);
  }

  private FraudAlertCoder() {}

  @Override
  public void encode(FraudAlert a, OutputStream out) throws IOException {
    TransactionCoder.of().encode(a.transaction(), out);
    INT.encode(a.evidence().size(), out);
    for (Map.Entry<FraudRule, String> e : a.evidence().entrySet()) {
      STRING.encode(e.getKey().name(), out);
      STRING.encode(e.getValue(), out);
    }
    NULLABLE_STRING.encode(a.profileJson(), out);
  }

  @Override
  public FraudAlert decode(InputStream in) throws IOException {
    Transaction tx = TransactionCoder.of().decode(in);
    int n = INT.decode(in);
    Map<FraudRule, String> evidence = new EnumMap<>(FraudRule.class);
    for (int i = 0; i < n; i++) {
      String rule = STRING.decode(in);
      try {
        evidence.put(FraudRule.valueOf(rule), STRING.decode(in));
      } catch (IllegalArgumentException e) {
        throw new CoderException("unknown fraud rule '" + rule + "'", e);
      }
    }
    return new FraudAlert(tx, evidence, NULLABLE_STRING.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
