package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.report.DrillHistory.Readiness;
import io.firedrill.report.DrillHistory.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DrillHistoryTest {

    private static final long DAY = 86_400_000L;

    @TempDir
    Path reports;

    @Test
    void everyRunAppendsItsHeadlineFiguresOneLinePerRun() throws IOException {
        DrillHistory history = new DrillHistory(reports);

        history.append(SampleDrills.primaryOutagePass());
        history.append(SampleDrills.primaryOutagePass(SampleDrills.STARTED + DAY));

        Path file = reports.resolve("history/primary-outage.jsonl");
        assertThat(Files.readAllLines(file)).hasSize(2);
        RunRecord run = history.recent("primary-outage", 10).get(0);
        assertThat(run.verdict()).isEqualTo(DrillResult.Verdict.PASS);
        assertThat(run.startedAtEpochMs()).isEqualTo(SampleDrills.STARTED);
        assertThat(run.rtoMs()).isEqualTo(3_250);
        assertThat(run.rpoMs()).isEqualTo(120);
        assertThat(run.lostAckedRecords()).isEqualTo(3);
        assertThat(run.consumerDuplicates()).isEqualTo(812);
        assertThat(run.restoreMs()).isEqualTo(6_300);
        assertThat(run.broken()).isEmpty();
    }

    @Test
    void recentRunsAreTheLatestOldestFirst() {
        DrillHistory history = new DrillHistory(reports);
        for (int day = 5; day >= 1; day--) {
            history.append(SampleDrills.primaryOutagePass(SampleDrills.STARTED + day * DAY));
        }

        List<RunRecord> recent = history.recent("primary-outage", 3);

        assertThat(recent).extracting(RunRecord::startedAtEpochMs).containsExactly(
                SampleDrills.STARTED + 3 * DAY, SampleDrills.STARTED + 4 * DAY, SampleDrills.STARTED + 5 * DAY);
    }

    @Test
    void readinessCountsVerdictsAndKeepsTheWorstFigures() {
        DrillHistory history = new DrillHistory(reports);
        history.append(SampleDrills.primaryOutagePass(SampleDrills.STARTED - DAY));
        history.append(SampleDrills.copy(SampleDrills.replicationLagOutageFail()).scenario("primary-outage").build());
        history.append(SampleDrills.copy(SampleDrills.mirrorMakerError()).scenario("primary-outage").build());
        history.append(SampleDrills.primaryOutagePass(SampleDrills.STARTED + DAY));

        Readiness readiness = history.readiness("primary-outage");

        assertThat(readiness.runs()).isEqualTo(4);
        assertThat(readiness.passed()).isEqualTo(2);
        assertThat(readiness.failed()).isEqualTo(1);
        assertThat(readiness.errors()).isEqualTo(1);
        assertThat(readiness.passRate()).isEqualTo(0.5);
        assertThat(readiness.worstRtoMs()).isEqualTo(41_200);
        assertThat(readiness.worstRpoMs()).isEqualTo(2_600);
        assertThat(readiness.worstLostAckedRecords()).isEqualTo(37);
        assertThat(readiness.last().startedAtEpochMs()).isEqualTo(SampleDrills.STARTED + DAY);
        assertThat(history.recent("primary-outage", 10).get(1).broken())
                .containsExactly("lost-acked-records", "rpo", "rto", "consumer-duplicates");
    }

    @Test
    void aDamagedLineIsSkippedAndTheOtherRunsStillCount() throws IOException {
        DrillHistory history = new DrillHistory(reports);
        history.append(SampleDrills.primaryOutagePass());
        Files.writeString(history.file("primary-outage"), "{\"scenario\": \"primary-outage\", \"verd\n",
                StandardOpenOption.APPEND);
        history.append(SampleDrills.primaryOutagePass(SampleDrills.STARTED + DAY));

        assertThat(history.recent("primary-outage", 10)).hasSize(2);
    }

    @Test
    void everyScenarioWithAHistoryHasAReadinessRow() {
        DrillHistory history = new DrillHistory(reports);
        history.append(SampleDrills.primaryOutagePass());
        history.append(SampleDrills.mirrorMakerError());

        assertThat(history.readinessOfAll()).extracting(Readiness::scenario)
                .containsExactly("mirrormaker-restart", "primary-outage");
        assertThat(new DrillHistory(reports.resolve("none")).readinessOfAll()).isEmpty();
    }
}
