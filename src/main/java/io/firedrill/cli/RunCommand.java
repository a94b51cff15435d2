package io.firedrill.cli;

import io.firedrill.drill.DrillListener;
import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillRunner;
import io.firedrill.kafka.KafkaVersion;
import io.firedrill.kafka.UnsupportedKafkaVersionException;
import io.firedrill.report.DrillReports;
import io.firedrill.scenario.Problem;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.ScenarioFile;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.scenario.Step;
import io.firedrill.support.TerminationSignals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code drill run FILE...}: checks every file first (one invalid file and nothing starts), then
 * runs the drills one after the other, writing each one's reports, and prints a final table.
 * With {@code --kafka V1,V2} each scenario runs once per version.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run drills. Exit 0 when all PASS, 1 when any FAILs, 2 on bad input, 3 when any could not run (ERROR).")
final class RunCommand implements Callable<Integer> {

    /** How long a drill gets after SIGTERM to be judged, torn down and reported. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(8);

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (or directories of *.yaml).")
    private List<Path> files;

    @Mixin
    private BackendOptions backend;

    @Option(names = "--kafka", split = ",", paramLabel = "VERSION",
            description = "Version matrix: run every scenario once per Kafka version, both clusters and MirrorMaker 2 on it "
                    + "(e.g. 3.9.1,4.3.1). Each run is reported as <scenario>@kafka-<version>.")
    private List<String> kafka = List.of();

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N (from 1): the scenarios sorted by"
            + " name, dealt out in turn, so N agents running 1/N..N/N together run each scenario exactly once.")
    private String shard;

    @Override
    public Integer call() {
        Optional<Shard> slice = Optional.ofNullable(shard).map(Shard::parse); // a bad --shard starts nothing either
        List<Scenario> library = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : ScenarioFiles.expand(files)) {
            ScenarioFile read = ScenarioParser.parse(file);
            read.scenario().ifPresent(library::add);
            problems.addAll(read.problems());
        }
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            System.err.println("drill: nothing was started; fix the problems above (drill validate checks files)");
            return DrillCommand.BAD_INPUT;
        }
        List<KafkaVersion> matrix = new ArrayList<>();
        try {
            kafka.forEach(version -> matrix.add(KafkaVersion.parse(version)));
        } catch (UnsupportedKafkaVersionException e) {
            System.err.println("drill: --kafka: " + e.getMessage());
            return DrillCommand.BAD_INPUT;
        }
        // a shard takes whole scenarios, so every version of one scenario runs on the same agent
        List<Scenario> scenarios = slice.map(s -> s.select(library)).orElse(library);
        slice.ifPresent(s -> System.out.println("drill: shard " + s + " runs " + scenarios.size() + " of " + library.size()
                + " scenario(s): " + String.join(" ", scenarios.stream().map(Scenario::name).toList())));
        List<Scenario> runs = matrix.isEmpty() ? scenarios
                : scenarios.stream().flatMap(scenario -> matrix.stream().distinct().map(scenario::onKafka)).toList();
        DrillRunner runner = new DrillRunner(backend.toDrillOptions());
        backend.requireWritableReports();
        runner.resolveKafka(runs); // a version Maven cannot get stops the run before any drill starts
        DrillReports reports = new DrillReports(backend.reports);
        ConsoleProgress progress = new ConsoleProgress(System.out);
        List<DrillResult> results = new ArrayList<>();
        try (TerminationSignals signals = TerminationSignals.install(signal -> stop(runner, signal))) {
            runAll(runs, runner, reports, progress, results);
        }
        runner.abortedBy().ifPresent(signal -> System.out.println("drill: stopped by " + signal + "; "
                + (runs.size() - results.size()) + " scenario(s) not run"));
        printTable(results);
        return exitCode(results);
    }

    /**
     * SIGTERM or Ctrl-C: the running drill breaks its step, is judged and reported, and no further
     * drill starts. A second signal, or a drill that has not ended within {@link #STOP_GRACE},
     * exits at once (the JVM's hooks still kill every child).
     */
    private static void stop(DrillRunner runner, String signal) {
        if (runner.abortedBy().isPresent()) {
            new Thread(() -> System.exit(DrillCommand.ERROR), "firedrill-second-signal").start();
            return;
        }
        runner.abort(signal);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(STOP_GRACE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("drill: not stopped within " + STOP_GRACE.toSeconds() + " s of " + signal + "; exiting now");
            System.exit(DrillCommand.ERROR);
        }, "firedrill-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void runAll(List<Scenario> scenarios, DrillRunner runner, DrillReports reports, ConsoleProgress progress,
                               List<DrillResult> results) {
        for (Scenario scenario : scenarios) {
            if (runner.abortedBy().isPresent()) {
                return;
            }
            DrillResult result = runner.run(scenario, progress.andThen(new DrillListener() {
                @Override
                public void stepStarted(String name, Step step) {
                    DrillReports.prepareInBackground(); // the steps wait on traffic: the CPU is free
                }
            }));
            DrillReports.Published published = reports.publish(result);
            System.out.println(scenario.name() + "  report: " + published.reportHtml() + "  summary: " + published.summaryJson());
            results.add(result);
        }
    }

    static int exitCode(List<DrillResult> results) {
        if (results.stream().anyMatch(result -> result.verdict() == DrillResult.Verdict.ERROR)) {
            return DrillCommand.ERROR;
        }
        return results.stream().anyMatch(result -> result.verdict() == DrillResult.Verdict.FAIL) ? DrillCommand.FAIL : DrillCommand.PASS;
    }

    private static void printTable(List<DrillResult> results) {
        int width = Math.max(8, results.stream().mapToInt(result -> result.scenario().length()).max().orElse(8));
        String format = "%-" + width + "s  %-7s %10s %9s %9s %11s %9s%n";
        System.out.println();
        System.out.printf(Locale.ROOT, format, "scenario", "verdict", "lost", "RPO", "RTO", "duplicates", "time");
        for (DrillResult result : results) {
            DrillResult.RecordFigures records = result.records();
            System.out.printf(Locale.ROOT, format, result.scenario(), result.verdict(),
                    records == null ? "-" : Long.toString(records.lostAcked()),
                    result.rpo() == null || result.rpo().ms() == null ? "-" : seconds(result.rpo().ms()),
                    result.rto() == null || result.rto().firstConsumeMs() == null ? "-" : seconds(result.rto().firstConsumeMs()),
                    records == null ? "-" : Long.toString(records.consumerDuplicates()),
                    seconds(result.durationMs()));
        }
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.2fs", ms / 1000.0);
    }
}
