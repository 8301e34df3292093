package dev.beamline.pipelines.frauddetection;

import dev.beamline.transforms.state.EwStats;
import dev.beamline.transforms.state.EwStatsCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * {@link AccountState} for per-account state: the moments per currency (code, then 17-byte
 * {@link EwStatsCoder} entries), the recent times as deltas from the previous one (var-ints: a
 * few bytes each), and the previous transaction if any.
 */
final class AccountStateCoder extends AtomicCoder<AccountState> {
  private static final AccountStateCoder INSTANCE = new AccountStateCoder();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final BooleanCoder BOOL = BooleanCoder.of();

  static AccountStateCoder of() {
    return INSTANCE;
  }

  private AccountStateCoder() {}

  @Override
  public void encode(AccountState s, OutputStream out) throws IOException {
    INT.encode(s.amountStats().size(), out);
    for (Map.Entry<String, EwStats> e : s.amountStats().entrySet()) {
      STRING.encode(e.getKey(), out);
      EwStatsCoder.of().encode(e.getValue(), out);
    }
    INT.encode(s.recentTimes().size(), out);
    long last = 0;
    for (long t : s.recentTimes()) {
      LONG.encode(t - last, out);
      last = t;
    }
    Transaction previous = s.previous();
    BOOL.encode(previous != null, out);
    if (previous != null) {
      TransactionCoder.of().encode(previous, out);
    }
  }

  @Override
  public AccountState decode(InputStream in) throws IOException {
    int currencies = INT.decode(in);
    SortedMap<String, EwStats> stats = new TreeMap<>();
    for (int i = 0; i < currencies; i++) {
      stats.put(STRING.decode(in), EwStatsCoder.of().decode(in));
    }
    int times = INT.decode(in);
    List<Long> recent = new ArrayList<>(times);
    long last = 0;
    for (int i = 0; i < times; i++) {
      last += LONG.decode(in);
      recent.add(last);
    }
    Transaction previous = BOOL.decode(in) ? TransactionCoder.of().decode(in) : null;
    return new AccountState(stats, recent, previous);
  }

  @Override
  public void verifyDeterministic() {}
}
