package dev.beamline.transforms.join;

import dev.beamline.transforms.clean.CleanRecords;
import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.deadletter.DeadLetterCoder;
import dev.beamline.transforms.io.ReadLinesWithSource;
import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * A reference table read from JSON Lines files (key → attributes) into a side input, once per tick
 * of its input: {@code p.apply(RefreshTicks.every(Duration.standardMinutes(5))).apply("LoadAccounts",
 * ReferenceTable.jsonLines("ref/accounts*.jsonl", accountRows, "accountId"))}, then {@link
 * EnrichFromReference} to look entries up.
 *
 * <p>Each tick reads every file matching the pattern (decompressed by extension, in path order)
 * and builds a whole new {@link ReferenceSnapshot}; the side input holds the newest one (the
 * "slowly updating global window side input" pattern: global window, a trigger that fires for
 * each snapshot, discarding panes, newest load tick wins). Each line is parsed and cleaned by the
 * table's {@link CleanRecords} (same rules as {@link CleanRecords#fromJsonLines()}); a line that
 * fails, or repeats a key already read, is left out of the snapshot and becomes a dead letter
 * (stage {@code reference}, file, line, the line) in the result's failures, at every load. A
 * pattern that matches no file fails the load, loudly: a silently empty table would turn every
 * lookup into a miss. Replace a file atomically (write elsewhere, then rename) so that a load never
 * sees half a file.
 *
 * <p>Counters: {@code reference_loads}, {@code reference_lines_rejected}. The failures are in the
 * global window with the default trigger, like other transforms' dead letters, so that they can be
 * flattened with them.
 *
 * <p>Runners: with bounded ticks ({@link RefreshTicks#once()}) the table is an ordinary side input,
 * computed before the main input, on Direct, Flink and Spark batch. With unbounded ticks the main
 * input waits for the first snapshot on Direct and Flink, then sees each newer one as it arrives,
 * with no ordering between a refresh and the elements processed around it. Spark in streaming mode
 * is refused: it serves a side input computed from an unbounded input as empty until its first
 * micro-batch (lookups would miss), and its runner (Beam 2.70) fails with a NullPointerException
 * on the loader's two-output ParDo over bounded ticks.
 */
public final class ReferenceTable extends PTransform<PCollection<Instant>,
    WithFailures.Result<PCollectionView<ReferenceSnapshot>, DeadLetter>> {
  public static final String STAGE = "reference";
  public static final String REFERENCE_LOADS = "reference_loads";
  public static final String REFERENCE_LINES_REJECTED = "reference_lines_rejected";

  private final String filepattern;
  private final JsonLineCleaner cleaner;
  private final String keyField;
  private final String counterNamespace;

  private ReferenceTable(String filepattern, JsonLineCleaner cleaner, String keyField,
      String counterNamespace) {
    this.filepattern = filepattern;
    this.cleaner = cleaner;
    this.keyField = keyField;
    this.counterNamespace = counterNamespace;
  }

  /**
   * JSON Lines files whose lines {@code rows} cleans into entries keyed by {@code keyField}, a
   * required STRING, INT32 or INT64 field (keys are compared as text). {@code rows} may not fill
   * last known values: each line stands alone.
   */
  public static ReferenceTable jsonLines(String filepattern, CleanRecords rows, String keyField) {
    JsonLineCleaner cleaner = JsonLineCleaner.of(Objects.requireNonNull(rows, "rows"));
    Schema schema = cleaner.schema();
    if (!schema.hasField(keyField)) {
      throw new IllegalArgumentException("key field '" + keyField + "' is not a field of the"
          + " reference schema " + schema.getFieldNames());
    }
    Schema.FieldType type = schema.getField(keyField).getType();
    Schema.TypeName t = type.getTypeName();
    if (type.getNullable() || (t != Schema.TypeName.STRING && t != Schema.TypeName.INT32
        && t != Schema.TypeName.INT64)) {
      throw new IllegalArgumentException("key field '" + keyField + "' must be a non-nullable"
          + " STRING, INT32 or INT64 field, is " + type);
    }
    return new ReferenceTable(Objects.requireNonNull(filepattern, "filepattern"), cleaner,
        keyField, "beamline");
  }

  /** Counters go to this Beam metrics namespace (default {@code beamline}). */
  public ReferenceTable withCounterNamespace(String namespace) {
    return new ReferenceTable(filepattern, cleaner, keyField,
        Objects.requireNonNull(namespace, "namespace"));
  }

  /** The schema of the entries. */
  public Schema schema() {
    return cleaner.schema();
  }

  public String filepattern() {
    return filepattern;
  }

  @Override
  public WithFailures.Result<PCollectionView<ReferenceSnapshot>, DeadLetter> expand(
      PCollection<Instant> ticks) {
    if (RunnerFacts.isSpark(ticks) && ticks.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      throw new IllegalArgumentException(RunnerFacts.runnerName(ticks) + " serves a side input"
          + " computed from an unbounded input as empty until its first micro-batch, so lookups in"
          + " " + filepattern + " would miss at start. Read the table once (RefreshTicks.once())"
          + " or use the Flink runner.");
    }
    RunnerFacts.checkMultiOutputPossible(ticks, "ReferenceTable");
    ReferenceSnapshotCoder snapshotCoder = ReferenceSnapshotCoder.of(RowCoder.of(schema()));
    TupleTag<ReferenceSnapshot> loaded = new TupleTag<ReferenceSnapshot>() {};
    TupleTag<DeadLetter> rejected = new TupleTag<DeadLetter>() {};
    PCollectionTuple out = ticks
        .apply("EachTickInGlobalWindow", Window.<Instant>into(new GlobalWindows())
            .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
            .discardingFiredPanes()
            // Else the global window's end fires an empty on-time pane: no snapshot to keep.
            .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_IF_NON_EMPTY))
        .apply("ReadTable", ParDo.of(new LoadFn(this, loaded, rejected))
            .withOutputTags(loaded, TupleTagList.of(rejected)));
    PCollectionView<ReferenceSnapshot> view = out.get(loaded)
        .setCoder(snapshotCoder)
        .apply("NewestSnapshot",
            Combine.globally(new NewestFn()).withoutDefaults().asSingletonView());
    // Consumed by a Flatten so that Spark never takes it for an unused output (see
    // EnrichFromReference): ignored reference failures would otherwise reach NewestSnapshot.
    PCollection<DeadLetter> failures = PCollectionList
        .of(out.get(rejected).setCoder(DeadLetterCoder.of()))
        .apply("RejectedLines", Flatten.pCollections())
        // Back to the default global windowing of every other transform's dead letters, so that a
        // pipeline can flatten them all (Flatten refuses inputs with different triggers).
        .apply("DefaultWindowing", Window.<DeadLetter>into(new GlobalWindows())
            .triggering(DefaultTrigger.of())
            .withAllowedLateness(Duration.ZERO)
            .discardingFiredPanes()
            .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_ALWAYS));
    return WithFailures.Result.of(view, failures);
  }

  /** Keeps the snapshot of the newest tick. */
  static final class NewestFn extends Combine.BinaryCombineFn<ReferenceSnapshot> {
    @Override
    public ReferenceSnapshot apply(ReferenceSnapshot a, ReferenceSnapshot b) {
      return b.loadedAt().isAfter(a.loadedAt()) ? b : a;
    }
  }

  /** Reads the whole table on each tick. */
  static final class LoadFn extends DoFn<Instant, ReferenceSnapshot> {
    private final String filepattern;
    private final JsonLineCleaner cleaner;
    private final String keyField;
    private final TupleTag<ReferenceSnapshot> loaded;
    private final TupleTag<DeadLetter> rejected;
    private final Counter loads;
    private final Counter linesRejected;

    LoadFn(ReferenceTable table, TupleTag<ReferenceSnapshot> loaded, TupleTag<DeadLetter> rejected) {
      this.filepattern = table.filepattern;
      this.cleaner = table.cleaner;
      this.keyField = table.keyField;
      this.loaded = loaded;
      this.rejected = rejected;
      this.loads = Metrics.counter(table.counterNamespace, REFERENCE_LOADS);
      this.linesRejected = Metrics.counter(table.counterNamespace, REFERENCE_LINES_REJECTED);
    }

    @ProcessElement
    public void process(@Element Instant tick, MultiOutputReceiver out) throws IOException {
      MatchResult match = FileSystems.match(filepattern, EmptyMatchTreatment.DISALLOW);
      if (match.status() != MatchResult.Status.OK) {
        throw new IOException("reference table " + filepattern + ": no readable file matches ("
            + match.status() + ")");
      }
      List<MatchResult.Metadata> files = new ArrayList<>(match.metadata());
      files.sort(Comparator.comparing(m -> m.resourceId().toString()));
      Map<String, Row> entries = new TreeMap<>();
      Map<String, String> definedAt = new HashMap<>();
      List<DeadLetter> bad = new ArrayList<>();
      for (MatchResult.Metadata file : files) {
        String source = file.resourceId().toString();
        Compression compression = Compression.detect(file.resourceId().getFilename());
        try (InputStream in = new BufferedInputStream(Channels.newInputStream(
            compression.readDecompressed(FileSystems.open(file.resourceId()))), 1 << 16)) {
          ReadLinesWithSource.LineSplitter.split(in, (lineNumber, text, malformed) -> {
            String reason;
            if (malformed) {
              reason = "invalid UTF-8: the line contains bytes that are not UTF-8";
            } else {
              try {
                Row row = cleaner.clean(text);
                Object keyValue = row.getValue(keyField);
                String key = String.valueOf(keyValue);
                String first = definedAt.putIfAbsent(key, source + ":" + lineNumber);
                if (first == null) {
                  entries.put(key, row);
                  return;
                }
                reason = "duplicate key \"" + key + "\": already defined at " + first;
              } catch (InvalidRecordException e) {
                reason = e.getMessage();
              }
            }
            bad.add(new DeadLetter(STAGE, reason, source, lineNumber, text));
          });
        }
      }
      loads.inc();
      linesRejected.inc(bad.size());
      for (DeadLetter d : bad) {
        out.get(rejected).output(d);
      }
      out.get(loaded).output(new ReferenceSnapshot(filepattern, tick, entries));
    }
  }
}
