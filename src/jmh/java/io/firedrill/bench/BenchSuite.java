package io.firedrill.bench;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark suite the {@code bench} profile runs: every JMH benchmark of this package, group
 * by group, each group's results as JMH JSON in {@code <firedrill.reports>/bench/<group>.json},
 * then {@code results.md} built from this run's files only (so every paired ratio compares
 * figures measured minutes apart on the same machine).
 *
 * <p>System properties: {@code bench.include} (a regex over benchmark names, as JMH's own),
 * {@code bench.short=true} (the nightly configuration: fewer iterations, each group's
 * {@link Group#shortConfig}), {@code firedrill.reports}.
 */
public final class BenchSuite {

    /** Iteration counts and times of the short configuration; the full one is the annotations'. */
    record ShortConfig(int warmups, int measurements, TimeValue iterationTime) {}

    /**
     * Benchmarks that run together. The client group's forks share brokers the suite starts once,
     * so the two sides of a paired figure hit the same brokers.
     */
    record Group(String name, boolean onSharedSite, ShortConfig shortConfig, List<Class<?>> benchmarks) {}

    static final List<Group> GROUPS = List.of(
            // SingleShotTime: one invocation per iteration; a short run keeps three samples and no warmup,
            // which is what a real disaster meets anyway: a failover path that has never run in that JVM
            new Group("recovery", false, new ShortConfig(0, 3, TimeValue.seconds(1)),
                    List.of(ClusterBootBench.class, DetectionBench.class, FailoverBench.class, CatchUpBench.class,
                            RestoreBench.class)),
            new Group("harness", false, new ShortConfig(1, 3, TimeValue.seconds(1)),
                    List.of(CheckerBench.class, LedgerBench.class, EmbeddedToxiproxyBenchmark.class)),
            new Group("clients", true, new ShortConfig(1, 3, TimeValue.seconds(2)),
                    List.of(ProducerBaselineBench.class, ProducerPathBench.class, ReplicationLagBench.class)));

    private BenchSuite() {}

    public static void main(String[] args) throws IOException {
        Path reports = Path.of(System.getProperty("firedrill.reports", "reports")).toAbsolutePath();
        Path out = reports.resolve("bench");
        Files.createDirectories(out);
        Pattern include = Pattern.compile(System.getProperty("bench.include", ".*"));
        boolean shortRun = Boolean.getBoolean("bench.short");
        long started = System.nanoTime();
        List<Path> written = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Group group : GROUPS) {
            List<String> names = benchmarksOf(group, include);
            if (names.isEmpty()) {
                continue;
            }
            Path json = out.resolve(group.name() + ".json");
            Files.deleteIfExists(json);
            System.out.println("# Firedrill bench group " + group.name() + ": " + names.size() + " benchmark methods"
                    + (shortRun ? " (short configuration)" : ""));
            try {
                run(group, names, shortRun, json);
                written.add(json);
            } catch (RunnerException | RuntimeException e) {
                failed.add(group.name() + ": " + e.getMessage());
                System.err.println("Firedrill bench group " + group.name() + " failed: " + e.getMessage());
                if (Files.exists(json)) {
                    written.add(json);
                }
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        if (written.isEmpty() && failed.isEmpty()) {
            System.err.println("no benchmark matches -Dbench.include=" + include.pattern() + "; the suite has "
                    + String.join(", ", GROUPS.stream().flatMap(g -> g.benchmarks().stream()).map(Class::getSimpleName).toList()));
            System.exit(2);
        }
        Path table = out.resolve("results.md");
        Files.writeString(table, BenchResultsTable.from(written)
                .toMarkdown(new BenchResultsTable.RunInfo(shortRun ? "Short (nightly) configuration," : "Full configuration,",
                        include.pattern(), wall, failed)));
        System.out.println("# Firedrill bench: " + written.size() + " result files and " + table + " in "
                + wall.toMinutes() + " min " + wall.toSecondsPart() + " s");
        if (!failed.isEmpty()) {
            System.err.println("Firedrill bench: " + failed.size() + " group(s) failed: " + String.join("; ", failed));
            System.exit(1);
        }
    }

    /** The benchmark methods of a group that the include pattern selects, as JMH names them. */
    static List<String> benchmarksOf(Group group, Pattern include) {
        List<String> classes = group.benchmarks().stream().map(Class::getName).toList();
        return BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of(".*"), List.of())
                .stream().map(BenchmarkListEntry::getUsername)
                .filter(name -> classes.contains(name.substring(0, name.lastIndexOf('.'))))
                .filter(name -> include.matcher(name).find())
                .distinct().toList();
    }

    private static void run(Group group, List<String> names, boolean shortRun, Path json) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .addProfiler(DrillFigures.class)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                // forks with their own @Fork(jvmArgs) do not inherit this JVM's flags: hand on the harness's settings
                .jvmArgsPrepend(harnessProperties().toArray(String[]::new));
        names.forEach(name -> options.include("^" + Pattern.quote(name) + "$"));
        if (shortRun) {
            ShortConfig config = group.shortConfig();
            options.warmupIterations(config.warmups()).measurementIterations(config.measurements())
                    .warmupTime(config.iterationTime()).measurementTime(config.iterationTime());
        }
        if (!group.onSharedSite()) {
            new Runner(options.build()).run();
            return;
        }
        try (SharedSite site = SharedSite.start()) {
            options.jvmArgsAppend(site.forkOptions().toArray(String[]::new));
            new Runner(options.build()).run();
        }
    }

    /** This JVM's {@code firedrill.*} settings (reports folder, the brokers' classpath), as fork options. */
    private static List<String> harnessProperties() {
        return Stream.of("firedrill.reports", "firedrill.child.classpath", "firedrill.home")
                .filter(key -> System.getProperty(key) != null)
                .map(key -> "-D" + key + "=" + System.getProperty(key)).toList();
    }
}
