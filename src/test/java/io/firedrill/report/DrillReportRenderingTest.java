package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** report.html as a browser shows it: headless Chromium from file://, no network, no Allure. */
class DrillReportRenderingTest {

    private static HeadlessChromium chromium;

    @TempDir
    Path reports;

    @BeforeAll
    static void browser() {
        chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, HeadlessChromium.MISSING);
    }

    @Test
    void aPassingDrillRendersWithAGreenBannerItsStepsAndItsRto() throws IOException {
        RenderedReports.Page page = render(SampleDrills.primaryOutagePass());

        assertThat(page.dom()).contains("Every bound held (7 checked).", "Status tracker after the step",
                "stopped (primary down)", "Where the time went", "Readiness of every scenario");
        assertThat(page.dom()).doesNotContain("Log tails");
        assertThat(bannerColour(page)).as("PASS banner").matches(c -> c.getGreen() > c.getRed() + 40);
    }

    @Test
    void aFailedDrillRendersWhatBrokeInRed() throws IOException {
        RenderedReports.Page page = render(SampleDrills.replicationLagOutageFail());

        assertThat(page.dom()).contains("What broke", "4 bounds broken.", "group billing processed again 41.2 s",
                "Log tails");
        assertThat(bannerColour(page)).as("FAIL banner").matches(c -> c.getRed() > c.getGreen() + 60);
    }

    @Test
    void aDrillThatCouldNotRunRendersWhyAndItsLogTails() throws IOException {
        RenderedReports.Page page = render(SampleDrills.mirrorMakerError());

        assertThat(page.dom()).contains("Why the drill could not run", "Missing required configuration",
                "failed to send record to orders: org.apache.kafka.common.errors.TimeoutException &lt;&amp;&gt;");
        assertThat(bannerColour(page)).as("ERROR banner").matches(c -> c.getRed() > c.getBlue() + 60
                && c.getGreen() > c.getBlue());
    }

    private RenderedReports.Page render(DrillResult drill) {
        new DrillReports(reports).publish(drill);
        RenderedReports.Page page = RenderedReports.drillReport(chromium, reports, drill.scenario(),
                RenderedReports.screenshotDir().resolve("report-html-" + drill.scenario() + ".png"));
        RenderedReports.assertShowsDrill(page, drill);
        return page;
    }

    /** The banner's colour just inside its top edge, left of the title. */
    private static Color bannerColour(RenderedReports.Page page) throws IOException {
        BufferedImage shot = ImageIO.read(page.screenshot().toFile());
        return new Color(shot.getRGB(shot.getWidth() / 2, 34));
    }
}
