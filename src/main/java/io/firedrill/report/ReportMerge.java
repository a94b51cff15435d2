package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.support.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Folds the reports folders of a sharded night ({@code drill run --shard I/N} on N agents) into
 * one: each scenario's {@code drills/<name>/} (the newest run where two folders hold the same
 * scenario), the union of every {@code history/<name>.jsonl} without repeated lines, every file of
 * {@code allure-results/} (one result per drill, each under its own UUID), and the readiness page
 * rebuilt from the merged history. The target may already hold reports (an earlier night's
 * history): they are kept and merged with.
 */
public final class ReportMerge {

    /** What a merge brought together. */
    public record Merged(List<String> scenarios, int historyLines, int allureFiles, Path index) {}

    private ReportMerge() {
    }

    public static Merged merge(Path target, List<Path> shards) {
        for (Path shard : shards) {
            if (!Files.isDirectory(shard.resolve("drills")) && !Files.isDirectory(ReportFiles.allureResults(shard))) {
                throw new BadInputException(shard + " is not a reports folder: it has neither drills/ nor allure-results/"
                        + " (give the --reports folders of drill run)");
            }
        }
        List<String> scenarios = new ArrayList<>();
        int allureFiles = 0;
        for (Path shard : shards) {
            for (Path summary : summaries(shard)) {
                String scenario = summary.getParent().getFileName().toString();
                if (newer(summary, ReportFiles.drillDir(target, scenario).resolve("summary.json"))) {
                    copyTree(summary.getParent(), ReportFiles.drillDir(target, scenario));
                }
                if (!scenarios.contains(scenario)) {
                    scenarios.add(scenario);
                }
            }
            allureFiles += copyTree(ReportFiles.allureResults(shard), ReportFiles.allureResults(target));
        }
        int historyLines = mergeHistories(target, shards);
        Path index = new DrillReports(target).writeIndex();
        return new Merged(scenarios.stream().sorted().toList(), historyLines, allureFiles, index);
    }

    /** Whether {@code candidate} is a later run than what {@code existing} holds (or nothing is there). */
    private static boolean newer(Path candidate, Path existing) {
        if (!Files.exists(existing)) {
            return true;
        }
        DrillResult theirs = SummaryJson.read(existing);
        return SummaryJson.read(candidate).startedAtEpochMs() > theirs.startedAtEpochMs();
    }

    private static int mergeHistories(Path target, List<Path> shards) {
        int lines = 0;
        for (Path shard : shards) {
            for (Path file : list(ReportFiles.historyDir(shard), ".jsonl")) {
                Path merged = ReportFiles.historyDir(target).resolve(file.getFileName());
                Set<String> runs = new LinkedHashSet<>(readLines(merged));
                int before = runs.size();
                runs.addAll(readLines(file));
                lines += runs.size() - before;
                ReportFiles.writeAtomically(merged, runs.isEmpty() ? "" : String.join("\n", runs) + "\n");
            }
        }
        return lines;
    }

    private static List<Path> summaries(Path shard) {
        Path drills = shard.resolve("drills");
        if (!Files.isDirectory(drills)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(drills)) {
            return dirs.map(dir -> dir.resolve("summary.json")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + drills, e);
        }
    }

    /** Copies every file under {@code from} into {@code to}, replacing same-named files; returns how many. */
    private static int copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(from)) {
            int copied = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                copied++;
            }
            return copied;
        } catch (IOException e) {
            throw ReportFiles.cannotWrite(to, e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    private static List<String> readLines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
