package io.firedrill.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
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

    /**
     * Readers (a browser, a CI archiver) see the old file or the new one, never a torn one. The
     * file gets the permissions the umask gives (0644 as a rule): {@code Files.createTempFile}
     * would make every report 0600, unreadable to artifact servers and colleagues.
     */
    static void writeAtomically(Path file, byte[] bytes) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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
