package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.support.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportMergeTest {

    @TempDir
    Path dir;

    @Test
    void twoShardsBecomeOneReportWithEveryDrillItsHistoryAndItsAllureResult() throws Exception {
        Path shard1 = dir.resolve("shard-1");
        Path shard2 = dir.resolve("shard-2");
        Path merged = dir.resolve("reports");
        new DrillReports(shard1).publish(SampleDrills.primaryOutagePass());
        new DrillReports(shard2).publish(SampleDrills.replicationLagOutageFail());
        new DrillReports(shard2).publish(SampleDrills.mirrorMakerError());

        ReportMerge.Merged result = ReportMerge.merge(merged, List.of(shard1, shard2));

        assertThat(result.scenarios()).containsExactly("mirrormaker-restart", "primary-outage", "replication-lag-outage");
        for (String scenario : result.scenarios()) {
            assertThat(merged.resolve("drills").resolve(scenario).resolve("report.html")).isRegularFile();
            assertThat(SummaryJson.read(merged.resolve("drills").resolve(scenario).resolve("summary.json")).scenario()).isEqualTo(scenario);
            assertThat(new DrillHistory(merged).recent(scenario, 20)).hasSize(1);
        }
        assertThat(resultFiles(merged)).hasSize(3).containsExactlyInAnyOrderElementsOf(
                Stream.concat(resultFiles(shard1).stream(), resultFiles(shard2).stream()).toList());
        assertThat(Files.readString(result.index()))
                .contains("primary-outage", "replication-lag-outage", "mirrormaker-restart");
    }

    @Test
    void mergingAgainAddsNothingTwiceAndTheNewestRunOfAScenarioWins() {
        Path earlier = dir.resolve("last-night");
        Path later = dir.resolve("tonight");
        Path merged = dir.resolve("reports");
        DrillResult first = SampleDrills.primaryOutagePass(SampleDrills.STARTED);
        DrillResult second = SampleDrills.primaryOutagePass(SampleDrills.STARTED + 86_400_000L);
        new DrillReports(earlier).publish(first);
        new DrillReports(later).publish(second);

        ReportMerge.merge(merged, List.of(later, earlier));
        ReportMerge.Merged again = ReportMerge.merge(merged, List.of(later, earlier));

        assertThat(again.historyLines()).isZero();
        assertThat(new DrillHistory(merged).recent("primary-outage", 20)).extracting(DrillHistory.RunRecord::startedAtEpochMs)
                .containsExactly(first.startedAtEpochMs(), second.startedAtEpochMs());
        assertThat(SummaryJson.read(merged.resolve("drills/primary-outage/summary.json")).startedAtEpochMs())
                .isEqualTo(second.startedAtEpochMs());
    }

    @Test
    void aFolderThatIsNotAReportsFolderIsBadInput() {
        assertThatThrownBy(() -> ReportMerge.merge(dir.resolve("out"), List.of(dir.resolve("nothing-here"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is not a reports folder");
    }

    private static List<String> resultFiles(Path reports) {
        try (Stream<Path> files = Files.list(reports.resolve("allure-results"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith("-result.json")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
