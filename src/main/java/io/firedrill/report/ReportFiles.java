package io.firedrill.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/** The layout of {@code <reports>/} and writes that never leave half a file behind. */
final class ReportFiles {

    private static final Pattern SCENARIO_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private ReportFiles() {
    }

    static Path drillDir(Path reportsDir, String scenario) {
        return reportsDir.resolve("drills").resolve(checkedName(scenario));
    }

    static Path allureResults(Path reportsDir) {
        return reportsDir.resolve("allure-results");
    }

    static Path allureReport(Path reportsDir) {
        return reportsDir.resolve("allure-report");
    }

    static Path historyDir(Path reportsDir) {
        return reportsDir.resolve("history");
    }

    /** Where an application's captured output goes, relative to its drill's report folder. */
    static String applicationLog(String application) {
        return "applications/" + application + ".log";
    }

    /** Scenario names become file names: refuse anything the scenario format would refuse. */
    static String checkedName(String scenario) {
        if (scenario == null || !SCENARIO_NAME.matcher(scenario).matches()) {
            throw new IllegalArgumentException("scenario name '" + scenario
                    + "' cannot name a report folder: use [a-z0-9][a-z0-9-]* as the scenario format requires");
        }
        return scenario;
    }

    static void writeAtomically(Path file, String text) {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Readers (a browser, a CI archiver) see the old file or the new one, never a torn one. */
    static void writeAtomically(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    static UncheckedIOException cannotWrite(Path file, IOException e) {
        return new UncheckedIOException("could not write report file " + file + ": " + e.getMessage()
                + " (check that the reports directory is writable, or pass another with --reports)", e);
    }
}
