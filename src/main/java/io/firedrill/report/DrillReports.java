package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.report.DrillHistory.Readiness;
import io.firedrill.report.DrillHistory.RunRecord;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.util.PropertiesUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every report of a drill run, written in one call: the drill runner's callers (the CLI's
 * {@code drill run} and the JUnit suite) hand over the {@link DrillResult} and get
 * <ul>
 *   <li>{@code <reports>/drills/<name>/summary.json}, {@code report.html} and the chart PNGs,</li>
 *   <li>the run appended to {@code <reports>/history/<name>.jsonl} and {@code drills/index.html}
 *       (readiness of every scenario) refreshed,</li>
 *   <li>the drill in Allure: {@link #publish} writes a result of its own into
 *       {@code <reports>/allure-results/}; {@link #publishInto} fills the JUnit test that is running
 *       instead, so one drill never gives two Allure results.</li>
 * </ul>
 * summary.json is written first: it is the contract scripts read, and nothing after it can undo it.
 */
public final class DrillReports {

    private static final Logger LOG = LoggerFactory.getLogger(DrillReports.class);

    /** Where a run's reports went. {@code allureResultUuid} is null when the JUnit test carries the drill. */
    public record Published(Path summaryJson, Path reportHtml, List<Path> charts, Path historyFile, Path index,
                            Path allureResults, String allureResultUuid) {}

    private static final AtomicBoolean PREPARED = new AtomicBoolean();

    private final Path reportsDir;
    private final DrillHistory history;

    public DrillReports(Path reportsDir) {
        this.reportsDir = reportsDir;
        this.history = new DrillHistory(reportsDir);
    }

    public Path reportsDir() {
        return reportsDir;
    }

    /**
     * Loads what drawing the charts needs on a background thread, once per JVM, so a drill's
     * reports go out about a second sooner; a JVM that cannot draw finds out in {@link #publish}.
     */
    public static void prepareInBackground() {
        if (PREPARED.compareAndSet(false, true)) {
            Thread warmUp = new Thread(() -> {
                try {
                    DrillCharts.warmUp();
                } catch (RuntimeException | LinkageError | InternalError | java.awt.AWTError e) {
                    LOG.debug("chart warm-up failed; the report will say why charts are missing", e);
                }
            }, "firedrill-report-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
    }

    /** For {@code drill run}: all files plus the drill's own Allure result. */
    public Published publish(DrillResult result) {
        Path resultsDir = ReportFiles.allureResults(reportsDir);
        Written written = writeFiles(result);
        new AllureResultsFolder(resultsDir, ReportFiles.allureReport(reportsDir)).prepareFor(result);
        String uuid = new AllureDrillReporter(resultsDir).write(result, written.artifacts());
        return written.published(resultsDir, uuid);
    }

    /**
     * For a JUnit dynamic test: all files, and the drill attached to the Allure test running on
     * this thread (allure-junit5 writes it when the test ends). Follow it with
     * {@link AllureDrillReporter#assertPassed(DrillResult)} so the test's status is the verdict.
     * The environment, categories and history go where Allure's default lifecycle writes
     * ({@code allure.results.directory}, as allure-java-commons resolves it).
     */
    public Published publishInto(AllureLifecycle lifecycle, DrillResult result) {
        String dir = PropertiesUtils.loadAllureProperties().getProperty("allure.results.directory", "allure-results");
        return publishInto(lifecycle, Path.of(dir), result);
    }

    /** As {@link #publishInto(AllureLifecycle, DrillResult)} for a lifecycle writing into {@code resultsDir}. */
    public Published publishInto(AllureLifecycle lifecycle, Path resultsDir, DrillResult result) {
        AllureDrillReporter.requireRunningTest(lifecycle);
        Written written = writeFiles(result);
        new AllureResultsFolder(resultsDir, ReportFiles.allureReport(reportsDir)).prepareFor(result);
        AllureDrillReporter.attachTo(lifecycle, result, written.artifacts());
        return written.published(resultsDir, null);
    }

    /** Rewrites {@code <reports>/drills/index.html} from the history alone. */
    public Path writeIndex() {
        Path index = reportsDir.resolve("drills").resolve("index.html");
        ReportFiles.writeAtomically(index, ReadinessHtml.index(history.readinessOfAll(), System.currentTimeMillis()));
        return index;
    }

    private record Written(Path summary, Path html, List<Path> charts, Path historyFile, Path index,
                           DrillArtifacts artifacts) {
        Published published(Path resultsDir, String uuid) {
            return new Published(summary, html, charts, historyFile, index, resultsDir, uuid);
        }
    }

    private Written writeFiles(DrillResult result) {
        if (result.verdict() == null) {
            throw new IllegalArgumentException("the result of " + result.scenario()
                    + " has no verdict: the drill runner must always set PASS, FAIL or ERROR");
        }
        Path summary = SummaryJson.write(result, reportsDir);
        history.append(result);
        Path drillDir = summary.getParent();

        List<RunRecord> runs = history.recent(result.scenario(), DrillHistory.WINDOW);
        List<Readiness> readiness = history.readinessOfAll();
        List<ChartImage> charts = renderCharts(result);
        Optional<ChartImage> trend = renderTrend(result.scenario(), runs);

        List<Path> chartFiles = writeCharts(drillDir, charts);
        copyApplicationLogs(drillDir, result);
        Path html = drillDir.resolve("report.html");
        ReportFiles.writeAtomically(html, DrillReportHtml.render(result, charts, runs,
                trend.map(ChartImage::png), readiness));
        Path index = writeIndex();
        DrillArtifacts artifacts = DrillArtifacts.of(result, charts,
                Optional.of(ReadinessHtml.page(result.scenario(), runs, trend.map(ChartImage::png), readiness)), trend);
        return new Written(summary, html, chartFiles, history.file(result.scenario()), index, artifacts);
    }

    /**
     * Each application's captured stdout and stderr, from the run directory (gone with the next
     * run) into the drill's report folder, where summary.json and the report point.
     */
    private static void copyApplicationLogs(Path drillDir, DrillResult result) {
        for (DrillResult.ApplicationFigures application : SummaryJson.list(result.applications())) {
            Path from = Path.of(application.log());
            if (!Files.isRegularFile(from)) {
                continue; // a summary read back: its log was copied when it was written
            }
            Path to = drillDir.resolve(ReportFiles.applicationLog(application.name()));
            try {
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw ReportFiles.cannotWrite(to, e);
            }
        }
    }

    /**
     * Charts need Java2D and fonts; a JVM that cannot draw (no fontconfig, no fonts) must not cost
     * the drill its report, so the pages go out without the charts and the log says why.
     */
    private static List<ChartImage> renderCharts(DrillResult result) {
        try {
            return DrillCharts.of(result).parallelStream().map(ChartImage::of).toList();
        } catch (RuntimeException | LinkageError | InternalError | java.awt.AWTError e) {
            LOG.warn("{}: charts left out of the reports, they could not be drawn"
                    + " (headless Java needs fontconfig and a font, e.g. apt-get install fonts-dejavu-core)",
                    result.scenario(), e);
            return List.of();
        }
    }

    private static Optional<ChartImage> renderTrend(String scenario, List<RunRecord> runs) {
        try {
            return DrillCharts.trend(scenario, runs).map(ChartImage::of);
        } catch (RuntimeException | LinkageError | InternalError | java.awt.AWTError e) {
            LOG.warn("{}: trend chart left out of the reports, it could not be drawn", scenario, e);
            return Optional.empty();
        }
    }

    /** Replaces the previous run's PNGs: a chart this run could not draw must not show last run's. */
    private static List<Path> writeCharts(Path drillDir, List<ChartImage> charts) {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(drillDir, "*.png")) {
            for (Path png : old) {
                Files.delete(png);
            }
        } catch (IOException e) {
            throw ReportFiles.cannotWrite(drillDir, e);
        }
        List<Path> files = new ArrayList<>();
        for (ChartImage chart : charts) {
            Path file = drillDir.resolve(chart.chart().fileName());
            ReportFiles.writeAtomically(file, chart.png());
            files.add(file);
        }
        return files;
    }
}
