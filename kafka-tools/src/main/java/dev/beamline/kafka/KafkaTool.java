package dev.beamline.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./beamline kafka <command>}: a local Kafka broker for Beamline and the two commands that
 * put data in and look at what comes out.
 *
 * <pre>
 *   start [--port P]      start the broker in the background (idempotent), print its address
 *   stop [--delete-data]  stop the broker that start started (and delete its topics)
 *   status                is it running, and where
 *   produce --topic T --file F|- [--rate N/s] [--partitions P] [--keyField F] [--bootstrap H:P]
 *   consume --topic T [--max N] [--from-beginning] [--isolation read_committed]
 *           [--timeout 10s] [--keys] [--bootstrap H:P]
 * </pre>
 *
 * {@code ./beamline kafka produce --generate ...} pipes {@code ./beamline generate sensor-stats}
 * into {@code produce --file -}: one generator for files and topics.
 *
 * <p>Exit codes: 0 done, 1 failed, 2 usage mistake, 3 {@code status}: not running.
 */
public final class KafkaTool {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int NOT_RUNNING = 3;

  private final PrintStream out;
  private final PrintStream err;
  private final Path home;

  public KafkaTool(PrintStream out, PrintStream err, Path home) {
    this.out = out;
    this.err = err;
    this.home = home;
  }

  public static void main(String[] args) {
    String home = System.getProperty("beamline.home", ".");
    int code = new KafkaTool(System.out, System.err, Paths.get(home)).run(args);
    System.out.flush();
    if (code != OK || !(args.length > 0 && args[0].equals("run-broker"))) {
      System.exit(code);
    }
  }

  /** Runs one command; returns its exit code (see the class comment). */
  public int run(String... argv) {
    if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
      out.print(usage());
      return argv.length == 0 ? USAGE : OK;
    }
    List<String> args = Arrays.asList(argv).subList(1, argv.length);
    try {
      switch (argv[0]) {
        case "start": {
          Args a = Args.parse(args, Set.of("port"), Set.of());
          int port = (int) a.getLong("port", 0, 1);
          if (port > 65535) {
            throw new UsageException("--port must be <= 65535");
          }
          broker().start(port);
          return OK;
        }
        case "stop": {
          Args a = Args.parse(args, Set.of(), Set.of("delete-data"));
          broker().stop();
          if (a.flag("delete-data")) {
            broker().deleteData();
          }
          return OK;
        }
        case "status":
          Args.parse(args, Set.of(), Set.of());
          return broker().status() ? OK : NOT_RUNNING;
        case "produce":
          return produce(Args.parse(args,
              Set.of("topic", "file", "rate", "partitions", "keyField", "bootstrap"), Set.of()));
        case "consume":
          return consume(Args.parse(args,
              Set.of("topic", "max", "isolation", "timeout", "bootstrap"),
              Set.of("from-beginning", "keys")));
        case "run-broker":
          return runBroker(Args.parse(args, Set.of("data", "port", "controller-port"), Set.of()));
        default:
          throw new UsageException("unknown command '" + argv[0]
              + "'; commands: start, stop, status, produce, consume");
      }
    } catch (UsageException e) {
      err.println("beamline kafka: " + e.getMessage());
      return USAGE;
    } catch (IOException | RuntimeException e) {
      err.println("beamline kafka: " + argv[0] + " failed: " + causes(e));
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("beamline kafka: interrupted");
      return FAILED;
    }
  }

  private LocalBroker broker() {
    return new LocalBroker(home, out);
  }

  private String bootstrap(Args a) throws IOException {
    if (a.has("bootstrap")) {
      return a.require("bootstrap");
    }
    return broker().runningBootstrap().orElseThrow(() -> new UsageException(
        "the local broker is not running: start it with ./beamline kafka start, or give --bootstrap"));
  }

  private int produce(Args a) throws IOException, InterruptedException {
    String topic = a.require("topic");
    String file = a.require("file");
    int partitions = (int) a.getLong("partitions", 3, 1);
    double rate = a.getRate("rate");
    String keyField = a.get("keyField", "sensorId");
    try (TopicProducer producer = new TopicProducer(bootstrap(a), topic, keyField, rate, out)) {
      producer.prepareTopic(partitions, a.has("partitions"));
      java.util.function.ObjLongConsumer<byte[]> send = (line, n) -> {
        try {
          producer.send(line, n);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      };
      if (file.equals("-")) {
        JsonLinesFile.forEachLine(System.in, send);
      } else {
        Path path = Paths.get(file);
        if (!Files.isRegularFile(path)) {
          throw new UsageException("--file: no such file '" + file + "'");
        }
        JsonLinesFile.forEachLine(path, send);
      }
      producer.finish();
    }
    return OK;
  }

  private int consume(Args a) throws IOException {
    TopicConsumer consumer = new TopicConsumer(bootstrap(a), a.require("topic"),
        a.get("isolation", "read_uncommitted"), out, err);
    consumer.consume(a.flag("from-beginning"), a.getLong("max", 0, 1),
        a.getDuration("timeout", Duration.ofSeconds(10)), a.flag("keys"));
    return OK;
  }

  /** The broker process that {@code start} launches: runs until SIGTERM. */
  private int runBroker(Args a) {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(Paths.get(a.require("data")),
        (int) a.getLong("port", 0, 1), (int) a.getLong("controller-port", 0, 1));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "beamline-kafka-shutdown"));
    broker.start(Duration.ofSeconds(90));
    out.println("beamline kafka: broker ready at " + broker.bootstrapServers());
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return OK;
  }

  /** The message of {@code t} and of each cause that adds something, on one line. */
  static String causes(Throwable t) {
    StringBuilder b = new StringBuilder(String.valueOf(t.getMessage()));
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && !b.toString().contains(m)) {
        b.append(": ").append(m);
      }
    }
    return b.toString().replaceAll("\\s*\\n\\s*", " ");
  }

  private static String usage() {
    return "Usage: ./beamline kafka <command>\n\n"
        + "  start [--port 19092]          start a local single-node Kafka (KRaft) in the background;\n"
        + "                                data in .beamline/kafka/; prints the bootstrap address\n"
        + "  stop [--delete-data]          stop the broker that start started; --delete-data also\n"
        + "                                deletes its topics (the next start is a fresh broker)\n"
        + "  status                        running or not, and where (exit code 3: not running)\n"
        + "  produce --topic T --file F    send a JSON Lines file (- for standard input), one record\n"
        + "          [--keyField sensorId]   per line, keyed by a top-level field (lines without it\n"
        + "          [--rate N/s]            go round-robin over the partitions)\n"
        + "          [--partitions 3] [--bootstrap host:port]\n"
        + "  produce --topic T --generate [--events N] [--seed S] [--keys K] [--maxDisorder 10s]\n"
        + "          [--badRate R] ...     the events of ./beamline generate sensor-stats\n"
        + "  consume --topic T [--from-beginning] [--max N] [--isolation read_committed]\n"
        + "          [--timeout 10s] [--keys] [--bootstrap host:port]\n"
        + "                                print a topic's values, one per line; stops after --max\n"
        + "                                records or --timeout without new ones\n";
  }
}
