package io.firedrill.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.StepRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drill's reports as a reader sees them: rendered by headless Chromium, checked in the DOM,
 * and photographed. Works on any reports folder: the synthetic drills of this package's tests,
 * or the reports a real drill run just wrote (pass its {@link DrillResult}, e.g. read back with
 * {@link SummaryJson#read}).
 */
public final class RenderedReports {

    /** A rendered page: where it was, its DOM after the scripts ran, and its screenshot. */
    public record Page(String url, String dom, Path screenshot) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private RenderedReports() {
    }

    /** {@code <reports>/drills/<scenario>/report.html}, opened from file:// (it needs nothing else). */
    public static Page drillReport(HeadlessChromium chromium, Path reportsDir, String scenario, Path screenshot) {
        Path html = ReportFiles.drillDir(reportsDir, scenario).resolve("report.html");
        assertThat(html).as("the drill's report.html").isRegularFile();
        String url = html.toAbsolutePath().toUri().toString();
        return new Page(url, chromium.render(url, screenshot, 1300, 2400), screenshot);
    }

    /**
     * Generates {@code <reports>/allure-report} from {@code <reports>/allure-results} with the
     * README's command, then opens the scenario's test page in it.
     */
    public static Page allureReport(HeadlessChromium chromium, Path reportsDir, String scenario, Path screenshot) {
        return allureTestPage(chromium, AllureReportCommand.generate(reportsDir), scenario, screenshot);
    }

    /** The scenario's test page of a generated Allure report, served on 127.0.0.1. */
    public static Page allureTestPage(HeadlessChromium chromium, Path allureReport, String scenario, Path screenshot) {
        try (StaticSite site = StaticSite.serve(allureReport)) {
            String url = site.url("index.html#testresult/" + latestTestUid(allureReport, scenario));
            return new Page(url, chromium.render(url, screenshot, 1440, 2000), screenshot);
        }
    }

    /** The uid Allure gave the scenario's latest result (older runs of it are its retries). */
    public static String latestTestUid(Path allureReport, String scenario) {
        try (Stream<Path> cases = Files.list(allureReport.resolve("data/test-cases"))) {
            return cases.map(RenderedReports::read)
                    .filter(c -> scenario.equals(c.path("name").asText()) && !c.path("retry").asBoolean())
                    .max(Comparator.comparingLong(c -> c.path("time").path("start").asLong()))
                    .map(c -> c.path("uid").asText())
                    .orElseThrow(() -> new AssertionError("the Allure report in " + allureReport
                            + " has no test named " + scenario));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a reader must find on either page: the drill, its verdict, every step, and its RTO. */
    public static void assertShowsDrill(Page page, DrillResult result) {
        String dom = page.dom();
        assertThat(dom).as("rendered %s", page.url()).doesNotContain("Loading...");
        assertThat(dom).as("the drill's name on %s", page.url()).contains(text(result.scenario()));
        assertThat(dom).as("the verdict on %s", page.url()).contains(result.verdict().name());
        List<StepRecord> steps = SummaryJson.list(result.steps());
        for (StepRecord step : steps) {
            assertThat(dom).as("step %d on %s", step.index(), page.url()).contains(text(step.action()));
        }
        Long rto = result.rto() == null ? null : result.rto().firstConsumeMs();
        if (rto != null) {
            assertThat(dom).as("the RTO on %s", page.url()).contains(ReportFormat.duration(rto));
        }
        assertThat(page.screenshot()).isRegularFile();
    }

    /** Text as Chromium serialises it into a DOM dump. */
    static String text(String plain) {
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Screenshots of the report tests go with the reports, where CI archives them. */
    static Path screenshotDir() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return base.resolve(System.getProperty("firedrill.reports", "reports")).resolve("screenshots");
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
