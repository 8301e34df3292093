import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Generates docs/capabilities.md, the transform x runner table, from the surefire reports that the
 * runner profiles write (target/surefire-reports[-flink|-spark|-spark-streaming]) and from the
 * reason comments on the JUnit categories that exclude tests from a runner's profile.
 *
 * <p>Run from the repository root after the profiles: {@code java tools/CapabilityTable.java}
 * ({@code ./beamline capabilities} does both). A test class that uses TestPipeline is a row; the
 * DirectRunner's report says which tests exist. On another runner a test either ran (passed or
 * failed), or was excluded by its category, whose comment
 * {@code // NotOnFlink: <reason> (apache/beam#<n>)} gives the reason; a comment marked
 * {@code (untestable)} says the runner's test harness cannot drive that test, not that the
 * transform fails. Fails (exit 1) when a category has no reason comment or a report is missing.
 */
public class CapabilityTable {
  /**
   * A column: its report folder, the category its profile excludes, and which tests it runs by
   * source: all, or only bounded ones (no TestStream, category UsesTestStream: the SparkRunner
   * would switch to streaming).
   */
  record Runner(String column, String reportDir, String category, Scope scope) {}

  enum Scope { ALL, BOUNDED_ONLY }

  static final List<Runner> RUNNERS = List.of(
      new Runner("Direct", "surefire-reports", null, Scope.ALL),
      new Runner("Flink streaming", "surefire-reports-flink", "NotOnFlink", Scope.ALL),
      new Runner("Spark batch", "surefire-reports-spark", "NotOnSpark", Scope.BOUNDED_ONLY),
      new Runner("Spark streaming", "surefire-reports-spark-streaming", "NotOnSparkStreaming",
          Scope.ALL));

  static final List<String> MODULES = List.of("transforms", "pipelines");

  /** One test's outcome in one report: passed, or the first line of why not. */
  record Outcome(boolean passed, String message) {}

  /** What the sources say about a test method: its categories and reason comments. */
  record TestInfo(List<String> categories, Map<String, String> reasons, boolean usesTestStream,
      boolean runsAPipeline) {}

  static final Pattern METHOD = Pattern.compile("^\\s*public void (\\w+)\\(");
  static final Pattern CATEGORY = Pattern.compile("RunnerLimits\\.(NotOn\\w+)");
  static final Pattern REASON = Pattern.compile("^\\s*// (NotOn\\w+)( \\(untestable\\))?: (.+)$");

  public static void main(String[] args) throws Exception {
    Path root = Paths.get(args.length > 0 ? args[0] : ".");
    List<String> problems = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    StringBuilder notes = new StringBuilder();
    Map<String, int[]> totals = new LinkedHashMap<>();
    for (Runner r : RUNNERS) {
      totals.put(r.column, new int[3]); // run, passed, excluded
    }

    table.append("| transform (test class) |");
    for (Runner r : RUNNERS) {
      table.append(' ').append(r.column).append(" |");
    }
    table.append("\n|---|");
    RUNNERS.forEach(r -> table.append("---|"));
    table.append('\n');

    Map<String, Boolean> profileRan = new LinkedHashMap<>();
    for (Runner r : RUNNERS) {
      boolean any = false;
      for (String module : MODULES) {
        any |= Files.isDirectory(root.resolve(module).resolve("target").resolve(r.reportDir));
      }
      profileRan.put(r.column, any);
    }

    for (String module : MODULES) {
      Path tests = root.resolve(module).resolve("src/test/java");
      Map<String, Path> sources = testSources(tests);
      Map<String, Map<String, Outcome>> direct = readReports(root.resolve(module)
          .resolve("target").resolve(RUNNERS.get(0).reportDir), problems);
      for (Map.Entry<String, Path> src : sources.entrySet()) {
        String className = src.getKey();
        String code = Files.readString(src.getValue(), StandardCharsets.UTF_8);
        if (!code.contains("TestPipeline")) {
          continue; // not a pipeline test: runner-independent
        }
        Map<String, TestInfo> infos = testInfos(code, className, problems);
        Map<String, Outcome> reference = direct.get(className);
        if (reference == null) {
          problems.add(className + ": no DirectRunner report; run mvn test first");
          continue;
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        String row = simple.endsWith("Test") ? simple.substring(0, simple.length() - 4) : simple;
        table.append("| `").append(row).append("` (").append(module).append(") |");
        StringBuilder rowNotes = new StringBuilder();
        for (Runner r : RUNNERS) {
          Map<String, Map<String, Outcome>> reports = readReports(root.resolve(module)
              .resolve("target").resolve(r.reportDir), null);
          Map<String, Outcome> ran = reports.getOrDefault(className, Map.of());
          if (!profileRan.get(r.column)) {
            table.append(" not run |");
            continue;
          }
          int passed = 0;
          int failed = 0;
          int cannot = 0;
          int untestable = 0;
          int notApplicable = 0;
          List<String> why = new ArrayList<>();
          for (String test : reference.keySet()) {
            Outcome o = ran.get(test);
            TestInfo info = infos.getOrDefault(test,
                new TestInfo(List.of(), Map.of(), false, true));
            if (!info.runsAPipeline) {
              continue; // a unit test of the transform's values: the same on every runner
            }
            if (o != null) {
              if (o.passed) {
                passed++;
              } else {
                failed++;
                why.add("`" + test + "` FAILED: " + o.message);
              }
              continue;
            }
            if (r.scope == Scope.BOUNDED_ONLY && info.usesTestStream) {
              notApplicable++;
              continue;
            }
            String reason = info.reasons.get(r.category);
            if (reason == null) {
              problems.add(className + "#" + test + " did not run on " + r.column
                  + " and has no // " + r.category + ": reason comment");
              continue;
            }
            if (reason.startsWith("(untestable)")) {
              untestable++;
              why.add("`" + test + "` untestable here: " + reason.substring(13));
            } else {
              cannot++;
              why.add("`" + test + "` cannot: " + reason);
            }
          }
          int[] t = totals.get(r.column);
          t[0] += passed + failed;
          t[1] += passed;
          t[2] += cannot + untestable;
          String mark = failed + cannot > 0 ? "✘" : passed > 0 ? "✔" : "–";
          StringBuilder cell = new StringBuilder(mark).append(' ').append(passed).append(" passed");
          if (failed > 0) {
            cell.append(", ").append(failed).append(" failed");
          }
          if (cannot > 0) {
            cell.append(", ").append(cannot).append(" cannot");
          }
          if (untestable > 0) {
            cell.append(", ").append(untestable).append(" untestable");
          }
          if (notApplicable > 0) {
            cell.append(", ").append(notApplicable).append(" streaming-only");
          }
          table.append(' ').append(cell).append(" |");
          if (!why.isEmpty()) {
            rowNotes.append("- **").append(r.column).append("**:\n");
            for (String w : why) {
              rowNotes.append("  - ").append(w).append('\n');
            }
          }
        }
        table.append('\n');
        if (rowNotes.length() > 0) {
          notes.append("\n### `").append(row).append("`\n\n").append(rowNotes);
        }
      }
    }

    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("capabilities: " + p));
      System.exit(1);
    }
    StringBuilder md = new StringBuilder();
    md.append("# Capabilities: transform × runner\n\n");
    md.append("<!-- Generated by `./beamline capabilities` (tools/CapabilityTable.java) from the test "
        + "reports of the runner profiles. Do not edit by hand. -->\n\n");
    md.append("Each row is a test class of a transform; each cell counts its tests that run a "
        + "pipeline (unit tests of values are the same everywhere) on that runner, "
        + "as run by the Maven profiles (`mvn test` for Direct, `-P flink-runner`, `-P spark-runner`, "
        + "`-P spark-streaming-runner`).\n\n");
    md.append("- ✔ every test that ran passed and none had to be excluded because the runner "
        + "gets it wrong;\n");
    md.append("- ✘ some test fails on this runner, or is excluded because the runner gives a wrong "
        + "answer or the transform refuses the runner (`cannot`; the reason is below);\n");
    md.append("- `untestable`: the runner's test harness cannot drive the test (e.g. no "
        + "processing-time TestStream), which says nothing against the transform;\n");
    md.append("- `streaming-only` (Spark batch): TestStream tests (category `UsesTestStream`), which "
        + "make the SparkRunner switch to streaming mode, so they count in the Spark streaming "
        + "column.\n\n");
    md.append(table);
    md.append("\nTests per runner: ");
    List<String> sums = new ArrayList<>();
    for (Map.Entry<String, int[]> e : totals.entrySet()) {
      sums.add(e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0] + " passed, "
          + e.getValue()[2] + " excluded");
    }
    md.append(String.join("; ", sums)).append(".\n");
    md.append("\n## Why not\n").append(notes.length() == 0 ? "\nNothing: every runner passes "
        + "every test.\n" : notes.toString());
    Path out = root.resolve("docs/capabilities.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    System.out.println("capabilities: wrote " + out);
  }

  /** Test classes under {@code dir}, by fully qualified name. */
  static Map<String, Path> testSources(Path dir) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith("Test.java")).collect(Collectors.toList())) {
        String rel = dir.relativize(f).toString().replace('/', '.').replace('\\', '.');
        out.put(rel.substring(0, rel.length() - ".java".length()), f);
      }
    }
    return out;
  }

  /** Per test method: the categories on it (and on its class) and the reason comments above it. */
  static Map<String, TestInfo> testInfos(String code, String className, List<String> problems) {
    String[] lines = code.split("\n", -1);
    List<String> classCategories = new ArrayList<>();
    Map<String, String> classReasons = new TreeMap<>();
    boolean classTestStream = false;
    int classLine = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].matches("^public (final )?class .*")) {
        classLine = i;
        break;
      }
    }
    Matcher field = Pattern.compile("TestPipeline (\\w+) = TestPipeline\\.create\\(\\)")
        .matcher(code);
    String p = field.find() ? field.group(1) : "p";
    if (classLine > 0) {
      TestInfo c = above(lines, classLine);
      classCategories.addAll(c.categories);
      classReasons.putAll(c.reasons);
      classTestStream = c.usesTestStream;
    }
    Map<String, TestInfo> out = new TreeMap<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher m = METHOD.matcher(lines[i]);
      if (!m.find()) {
        continue;
      }
      TestInfo t = above(lines, i);
      List<String> cats = new ArrayList<>(classCategories);
      cats.addAll(t.categories);
      Map<String, String> reasons = new TreeMap<>(classReasons);
      reasons.putAll(t.reasons);
      for (String c : cats) {
        if (!reasons.containsKey(c)) {
          problems.add(className + "#" + m.group(1) + ": @Category(" + c + ") without a // " + c
              + ": <reason> comment above it");
        }
      }
      StringBuilder body = new StringBuilder();
      // The method body: up to the next class member (a line indented as a member, not "  }").
      for (int j = i + 1; j < lines.length && !lines[j].matches("^  [^ }].*"); j++) {
        body.append(lines[j]).append('\n');
      }
      boolean pipeline = body.indexOf(p + ".run(") >= 0 || body.indexOf(p + ".apply(") >= 0;
      out.put(m.group(1), new TestInfo(cats, reasons, classTestStream || t.usesTestStream,
          pipeline));
    }
    return out;
  }

  /** Annotations and comments directly above line {@code at}. */
  static TestInfo above(String[] lines, int at) {
    List<String> cats = new ArrayList<>();
    Map<String, String> reasons = new TreeMap<>();
    boolean testStream = false;
    for (int j = at - 1; j >= 0; j--) {
      String l = lines[j].trim();
      if (l.isEmpty() || l.equals("}") || l.endsWith(";") || l.endsWith("{") || l.startsWith("*")
          || l.startsWith("/**") || l.startsWith("import ")) {
        break;
      }
      Matcher c = CATEGORY.matcher(l);
      while (c.find()) {
        cats.add(c.group(1));
      }
      if (l.contains("UsesTestStream.class")) {
        testStream = true;
      }
      Matcher r = REASON.matcher(lines[j]);
      if (r.matches()) {
        reasons.put(r.group(1), (r.group(2) == null ? "" : "(untestable) ") + r.group(3));
      }
    }
    return new TestInfo(cats, reasons, testStream, false);
  }

  /** Outcomes by test class and method from the TEST-*.xml files in {@code dir}. */
  static Map<String, Map<String, Outcome>> readReports(Path dir, List<String> problems) {
    Map<String, Map<String, Outcome>> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      if (problems != null) {
        problems.add("no reports in " + dir);
      }
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("TEST-")
          && p.toString().endsWith(".xml")).collect(Collectors.toList())) {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
          Element tc = (Element) cases.item(i);
          String message = null;
          for (String kind : List.of("failure", "error", "skipped")) {
            NodeList bad = tc.getElementsByTagName(kind);
            if (bad.getLength() > 0) {
              Element b = (Element) bad.item(0);
              String m = b.getAttribute("message");
              if (m == null || m.isBlank()) {
                m = b.getAttribute("type");
              }
              message = kind + ": " + firstLine(m);
              break;
            }
          }
          out.computeIfAbsent(tc.getAttribute("classname"), k -> new TreeMap<>())
              .put(tc.getAttribute("name"), new Outcome(message == null, message));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read reports in " + dir + ": " + e, e);
    }
    return out;
  }

  static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    t = nl < 0 ? t : t.substring(0, nl);
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
