package io.firedrill.report;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Generates an Allure report the way the README tells people to: {@code mvn -B allure:report},
 * pointed at another reports folder with {@code -Dfiredrill.reports}. Tests that check the report
 * therefore check the documented command and the pom's plugin configuration too.
 */
public final class AllureReportCommand {

    public static final String MISSING = "Maven (mvn) is not on the PATH: the Allure report is generated with"
            + " `mvn -B allure:report`";

    private static final long TIMEOUT_MINUTES = 10;

    private AllureReportCommand() {
    }

    public static Optional<Path> maven() {
        Stream<Path> fromHome = Stream.of(System.getProperty("maven.home"), System.getenv("MAVEN_HOME"))
                .filter(h -> h != null && !h.isBlank()).map(h -> Path.of(h, "bin", "mvn"));
        Stream<Path> fromPath = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "mvn"));
        return Stream.concat(fromHome, fromPath).filter(Files::isExecutable).findFirst();
    }

    /** {@code <reports>/allure-results} → {@code <reports>/allure-report}; returns the report folder. */
    public static Path generate(Path reportsDir) {
        Path mvn = maven().orElseThrow(() -> new IllegalStateException(MISSING));
        Path project = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path log = null;
        Process process = null;
        try {
            log = Files.createTempFile("firedrill-allure-report", ".log");
            process = new ProcessBuilder(List.of(mvn.toString(), "-B", "-q", "-f",
                    project.resolve("pom.xml").toString(), "allure:report",
                    "-Dfiredrill.reports=" + reportsDir.toAbsolutePath()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("mvn allure:report did not finish within " + TIMEOUT_MINUTES
                        + " minutes; its output: " + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("mvn allure:report failed with exit code " + process.exitValue()
                        + ": " + tail(log));
            }
            Path report = reportsDir.resolve("allure-report");
            if (!Files.isRegularFile(report.resolve("index.html"))) {
                throw new IllegalStateException("mvn allure:report succeeded but wrote no " + report.resolve("index.html")
                        + ": " + tail(log));
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + mvn + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating the Allure report", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            if (log != null) {
                log.toFile().delete();
            }
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
