package io.firedrill.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.ExpectationFailure;
import io.firedrill.drill.DrillResult.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The figures of every run, kept with the reports in {@code <reports>/history/<scenario>.jsonl}
 * (one JSON object per line, appended, never rewritten), so a report can say how ready the
 * platform has been over the last runs and not only today.
 */
public final class DrillHistory {

    /** How many of the latest runs trends and readiness look at. */
    public static final int WINDOW = 20;

    private static final Logger LOG = LoggerFactory.getLogger(DrillHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One run's headline figures; null where the run did not measure it. {@code rtoMs} is the
     * time to groups processing again ({@code rto.firstConsumeMs}); {@code broken} lists the
     * {@code expect:} keys that failed.
     */
    public record RunRecord(String scenario, long startedAtEpochMs, Verdict verdict, long durationMs,
                            String backend, String kafkaVersion, Long lostAckedRecords, Long rpoMs,
                            Long rtoMs, Long detectionMs, Long failoverMs, Long firstProduceMs,
                            Long consumerDuplicates, Long restoreMs, Boolean restoreComplete,
                            List<String> broken) {

        static RunRecord of(DrillResult r) {
            var rto = r.rto();
            return new RunRecord(r.scenario(), r.startedAtEpochMs(), r.verdict(), r.durationMs(), r.backend(),
                    r.kafka() == null ? null : r.kafka().describe(),
                    r.rpo() == null ? null : r.rpo().lostAckedRecords(),
                    r.rpo() == null ? null : r.rpo().ms(),
                    rto == null ? null : rto.firstConsumeMs(),
                    rto == null ? null : rto.detectionMs(),
                    rto == null ? null : rto.failoverMs(),
                    rto == null ? null : rto.firstProduceMs(),
                    r.records() == null ? null : r.records().consumerDuplicates(),
                    r.restore() == null ? null : r.restore().ms(),
                    r.restore() == null ? null : r.restore().complete(),
                    SummaryJson.list(r.failures()).stream().map(ExpectationFailure::expectation).toList());
        }
    }

    /** How a scenario fared over its latest runs: the readiness table's row. */
    public record Readiness(String scenario, int runs, int passed, int failed, int errors, Long worstRtoMs,
                            Long worstRpoMs, Long worstLostAckedRecords, RunRecord last) {
        public double passRate() {
            return runs == 0 ? 0 : (double) passed / runs;
        }
    }

    private final Path dir;

    public DrillHistory(Path reportsDir) {
        this.dir = ReportFiles.historyDir(reportsDir);
    }

    public Path file(String scenario) {
        return dir.resolve(ReportFiles.checkedName(scenario) + ".jsonl");
    }

    /** Records this run; the line is written with one append so concurrent writers do not interleave. */
    public RunRecord append(DrillResult result) {
        RunRecord record = RunRecord.of(result);
        Path file = file(result.scenario());
        try {
            Files.createDirectories(dir);
            Files.write(file, (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw ReportFiles.cannotWrite(file, e);
        }
        return record;
    }

    /** The scenario's latest runs, oldest first, at most {@code limit}. */
    public List<RunRecord> recent(String scenario, int limit) {
        Path file = file(scenario);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read drill history " + file + ": " + e.getMessage(), e);
        }
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                runs.add(JSON.readValue(line, RunRecord.class));
            } catch (JsonProcessingException e) {
                LOG.warn("{}:{}: skipping a history line that is not a run record ({})", file, i + 1,
                        e.getOriginalMessage());
            }
        }
        runs.sort(Comparator.comparingLong(RunRecord::startedAtEpochMs));
        return List.copyOf(runs.subList(Math.max(0, runs.size() - limit), runs.size()));
    }

    /** Every scenario with a history, by name. */
    public List<String> scenarios() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .map(n -> n.substring(0, n.length() - ".jsonl".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list drill history in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Readiness readiness(String scenario) {
        return readiness(scenario, recent(scenario, WINDOW));
    }

    public List<Readiness> readinessOfAll() {
        return scenarios().stream().map(this::readiness).filter(r -> r.runs() > 0).toList();
    }

    static Readiness readiness(String scenario, List<RunRecord> runs) {
        int passed = (int) runs.stream().filter(r -> r.verdict() == Verdict.PASS).count();
        int failed = (int) runs.stream().filter(r -> r.verdict() == Verdict.FAIL).count();
        int errors = (int) runs.stream().filter(r -> r.verdict() == Verdict.ERROR).count();
        return new Readiness(scenario, runs.size(), passed, failed, errors,
                worst(runs.stream().map(RunRecord::rtoMs)),
                worst(runs.stream().map(RunRecord::rpoMs)),
                worst(runs.stream().map(RunRecord::lostAckedRecords)),
                runs.isEmpty() ? null : runs.get(runs.size() - 1));
    }

    private static Long worst(Stream<Long> figures) {
        return figures.filter(Objects::nonNull).max(Long::compare).orElse(null);
    }
}
