package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.FaultWindow;
import io.firedrill.drill.DrillResult.Sample;
import io.firedrill.report.DrillChart.Line;
import io.firedrill.report.DrillChart.Marker;
import io.firedrill.report.DrillChart.Rendered;
import io.firedrill.report.DrillChart.Window;
import io.firedrill.report.DrillHistory.RunRecord;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DrillChartsTest {

    private final DrillResult drill = SampleDrills.primaryOutagePass();
    private final List<Sample> samples = drill.series().samples();

    @Test
    void drawsTrafficLagAndPositionsWithTimeInSecondsAndUnitsOnEveryAxis() {
        List<DrillChart> charts = DrillCharts.of(drill);

        assertThat(charts).extracting(DrillChart::fileName)
                .containsExactly("traffic.png", "replication-lag.png", "consumer-position.png");
        assertThat(charts).allSatisfy(c -> {
            assertThat(c.xAxisTitle()).isEqualTo("time since drill start (s)");
            assertThat(c.yAxisTitles()).allSatisfy(title -> assertThat(title).matches(".*\\((records/s|records|ms)\\)"));
            assertThat(c.xMin()).isZero();
            assertThat(c.xMax()).isEqualTo(34.5);
        });
        assertThat(charts.get(0).yAxisTitles()).containsExactly("rate (records/s)");
        assertThat(charts.get(1).yAxisTitles()).containsExactly("lag (records)", "lag (ms)");
        assertThat(charts.get(2).yAxisTitles()).containsExactly("committed position (records)");
    }

    @Test
    void trafficLinesAreTheSampledRatesAtTheSampledSeconds() {
        DrillChart traffic = DrillCharts.traffic(drill).orElseThrow();

        Line produced = traffic.line("produced");
        Line consumed = traffic.line("consumed");
        assertThat(produced.x()).containsExactly(samples.stream().mapToDouble(s -> s.atMs() / 1000.0).toArray());
        assertThat(produced.y()).containsExactly(samples.stream().mapToDouble(Sample::producedPerSec).toArray());
        assertThat(consumed.maxY()).isEqualTo(samples.stream().mapToDouble(Sample::consumedPerSec).max().orElseThrow());
        assertThat(produced.minX()).isZero();
        assertThat(produced.maxX()).isEqualTo(34.5);
    }

    @Test
    void replicationLagInMsUsesTheRightAxisAndLeavesAGapWhereNothingWasMeasured() {
        DrillChart lag = DrillCharts.replicationLag(drill).orElseThrow();

        assertThat(lag.line("lag in records").yAxis()).isZero();
        Line ms = lag.line("lag in ms");
        assertThat(ms.yAxis()).isEqualTo(1);
        int duringOutage = IntStream.range(0, samples.size())
                .filter(i -> samples.get(i).atMs() == 20_000).findFirst().orElseThrow();
        assertThat(samples.get(duringOutage).replicationLagMs()).isNull();
        assertThat(ms.y()[duringOutage]).isNaN();
        assertThat(ms.maxY()).isEqualTo((double) samples.stream().map(Sample::replicationLagMs)
                .filter(v -> v != null).mapToLong(Long::longValue).max().orElseThrow());
    }

    @Test
    void consumerPositionHasOneLinePerCluster() {
        DrillChart positions = DrillCharts.consumerPosition(drill).orElseThrow();

        assertThat(positions.lines()).extracting(Line::name).containsExactly("position on primary", "position on backup");
        Sample last = samples.get(samples.size() - 1);
        Line backup = positions.line("position on backup");
        assertThat(backup.y()[backup.y().length - 1]).isEqualTo(last.consumerPosition().get("backup").doubleValue());
    }

    @Test
    void faultWindowsAndDrillEventsSitWhereTheyHappened() {
        DrillChart traffic = DrillCharts.traffic(drill).orElseThrow();

        assertThat(traffic.windows()).singleElement().satisfies(w -> {
            assertThat(w.label()).isEqualTo("cluster-outage → primary");
            assertThat(w.from()).isEqualTo(SampleDrills.DISASTER_MS / 1000.0);
            assertThat(w.to()).isEqualTo(SampleDrills.RESTORE_START_MS / 1000.0);
        });
        assertThat(traffic.markers()).extracting(Marker::label, Marker::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("disaster", 13.15),
                org.assertj.core.groups.Tuple.tuple("detection", 14.0),
                org.assertj.core.groups.Tuple.tuple("failover", 15.6),
                org.assertj.core.groups.Tuple.tuple("recovery", 16.4),
                org.assertj.core.groups.Tuple.tuple("restore", 31.9),
                org.assertj.core.groups.Tuple.tuple("failback", 34.0));
    }

    @Test
    void aFaultNeverHealedIsShadedToTheEndOfTheDrill() {
        DrillResult unhealed = SampleDrills.copy(drill)
                .faults(List.of(new FaultWindow("partition", "clients->primary", 20_000, null, io.firedrill.scenario.FaultFamily.NETWORK))).build();

        Window w = DrillCharts.traffic(unhealed).orElseThrow().windows().get(0);

        assertThat(w.from()).isEqualTo(20.0);
        assertThat(w.to()).isEqualTo(34.5);
    }

    @Test
    void thePictureIsShadedInsideTheFaultWindowOnlyAndMarksTheDisaster() throws Exception {
        DrillChart traffic = DrillCharts.traffic(drill).orElseThrow();
        Rendered rendered = traffic.render();
        BufferedImage image = rendered.image();
        // A row in the upper half of the plot: the rates stay below it between 18 s and 30 s.
        int y = (int) (rendered.plotArea().getMinY() + rendered.plotArea().getHeight() * 0.45);

        Color inside = new Color(image.getRGB((int) rendered.screenX().applyAsDouble(22.0), y));
        Color before = new Color(image.getRGB((int) rendered.screenX().applyAsDouble(8.0), y));
        Color after = new Color(image.getRGB((int) rendered.screenX().applyAsDouble(28.0), y));

        assertThat(isTintedRed(inside)).as("inside the outage window: %s", inside).isTrue();
        assertThat(isNeutral(before)).as("before the outage: %s", before).isTrue();
        assertThat(isNeutral(after)).as("after the outage healed: %s", after).isTrue();

        int disasterX = (int) Math.round(rendered.screenX().applyAsDouble(13.15));
        long disasterRed = IntStream.range((int) rendered.plotArea().getMinY() + 60, (int) rendered.plotArea().getMaxY())
                .mapToObj(row -> new Color(image.getRGB(disasterX, row)))
                .filter(c -> c.getRed() > 180 && c.getGreen() < 90 && c.getBlue() < 90).count();
        assertThat(disasterRed).as("solid red pixels on the dashed disaster line").isGreaterThan(20);

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(traffic.png()));
        assertThat(png.getWidth()).isEqualTo(DrillChart.WIDTH);
        assertThat(png.getHeight()).isEqualTo(DrillChart.HEIGHT);
    }

    @Test
    void aDrillWithoutSamplesHasNoCharts() {
        assertThat(DrillCharts.of(SampleDrills.mirrorMakerError())).isEmpty();
    }

    @Test
    void theTrendPutsOneRunPerTickInSecondsAndShadesTheRunsThatDidNotPass() {
        List<RunRecord> runs = new ArrayList<>();
        runs.add(RunRecord.of(SampleDrills.primaryOutagePass(SampleDrills.STARTED - 2 * 86_400_000L)));
        runs.add(RunRecord.of(SampleDrills.replicationLagOutageFail()));
        runs.add(RunRecord.of(SampleDrills.primaryOutagePass(SampleDrills.STARTED + 86_400_000L)));

        DrillChart trend = DrillCharts.trend("primary-outage", runs).orElseThrow();

        assertThat(trend.line("RTO (s)").x()).containsExactly(1, 2, 3);
        assertThat(trend.line("RTO (s)").y()).containsExactly(3.25, 41.2, 3.25);
        assertThat(trend.line("RPO (s)").y()[1]).isCloseTo(2.6, within(1e-9));
        assertThat(trend.line("duplicates (records)").yAxis()).isEqualTo(1);
        assertThat(trend.yAxisTitles()).containsExactly("time (s)", "duplicates (records)");
        assertThat(trend.windows()).singleElement().satisfies(w -> {
            assertThat(w.label()).isEqualTo("FAIL");
            assertThat(w.from()).isLessThan(2).isGreaterThan(1);
            assertThat(w.to()).isGreaterThan(2).isLessThan(3);
        });
        assertThat(trend.png()).isNotEmpty();
    }

    private static boolean isTintedRed(Color c) {
        return c.getRed() > c.getGreen() + 15 && c.getRed() > c.getBlue() + 15;
    }

    private static boolean isNeutral(Color c) {
        return Math.abs(c.getRed() - c.getGreen()) < 8 && Math.abs(c.getRed() - c.getBlue()) < 8 && c.getRed() > 200;
    }
}
