package io.firedrill.drill;

import io.firedrill.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failover offset sources besides MirrorMaker's synced offsets (MirrorMakerProfilesIT), on real
 * clusters with the tuned profile: {@code checkpoints} resumes every partition at MirrorMaker's
 * newest checkpoint, {@code last-seen} at the group's commits last seen on the primary mapped
 * through the offset syncs. The checkpoints drill runs in every build; last-seen, the harness
 * convenience, nightly.
 */
class FailoverOffsetSourcesIT {

    private static final Path SCENARIO = Path.of("scenarios/kafka-defaults-failover.yaml");

    @Test
    void checkpointsResumeEveryPartitionAtMirrorMakersNewestCheckpoint() throws IOException {
        DrillResult result = run("checkpoints");

        assertThat(result.verdict()).as(result.failures() + " " + result.error()).isEqualTo(DrillResult.Verdict.PASS);
        assertThat(result.replication().failover().offsets()).isEqualTo("checkpoints");
        assertThat(result.replication().failover().groups()).singleElement().satisfies(group ->
                assertThat(group.partitions()).isNotEmpty().allSatisfy(p -> assertThat(p.basis()).isEqualTo("checkpoint")));
        assertResumedNearTheDisaster(result);
    }

    @Test
    @EnabledIfSystemProperty(named = "firedrill.drill.tags", matches = "all")
    void lastSeenResumesAtTheGroupsCommitsMappedThroughTheOffsetSyncs() throws IOException {
        DrillResult result = run("last-seen");

        assertThat(result.verdict()).as(result.failures() + " " + result.error()).isEqualTo(DrillResult.Verdict.PASS);
        assertThat(result.replication().failover().offsets()).isEqualTo("last-seen");
        assertThat(result.replication().failover().groups()).singleElement().satisfies(group ->
                assertThat(group.partitions()).isNotEmpty().anySatisfy(p -> assertThat(p.basis()).isEqualTo("translated")));
        assertResumedNearTheDisaster(result);
    }

    /** Nothing skipped, and far less re-read than the whole history a group without translation re-reads. */
    private static void assertResumedNearTheDisaster(DrillResult result) {
        System.out.printf("%s: %d records acknowledged, %d re-read%n", result.replication().failover().offsets(),
                result.records().acked(), result.records().consumerDuplicates());
        assertThat(result.records().skipped()).isZero();
        assertThat(result.records().consumerDuplicates()).isLessThan(result.records().acked() / 4);
    }

    private static DrillResult run(String offsets) throws IOException {
        String text = Files.readString(SCENARIO)
                .replace("profile: kafka-defaults", "profile: firedrill-tuned")
                .replace("offsets: mirrormaker-synced", "offsets: " + offsets)
                .replace("run: 15s", "run: 8s");
        assertThat(text).contains("offsets: " + offsets).contains("run: 8s");
        return new DrillRunner(DrillOptions.defaults())
                .run(ScenarioParser.parse(SCENARIO.toString(), text).orThrow(), DrillListener.SILENT);
    }
}
