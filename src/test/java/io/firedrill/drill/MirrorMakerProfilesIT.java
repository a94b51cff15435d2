package io.firedrill.drill;

import io.firedrill.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's kafka-defaults-failover on real clusters, and the same drill with the
 * firedrill-tuned profile: what a production MirrorMaker at Kafka's defaults makes groups re-read
 * at failover against what the drill-speed settings would have shown.
 */
class MirrorMakerProfilesIT {

    private static final Path SCENARIO = Path.of("scenarios/kafka-defaults-failover.yaml");

    @Test
    void kafkasDefaultsMakeGroupsReReadFarMoreThanTheTunedProfile() throws IOException {
        String text = Files.readString(SCENARIO);
        DrillResult defaults = run(text);
        DrillResult tuned = run(text.replace("profile: kafka-defaults", "profile: firedrill-tuned"));
        System.out.printf("re-reads at failover: kafka-defaults %d, firedrill-tuned %d%n",
                defaults.records().consumerDuplicates(), tuned.records().consumerDuplicates());

        assertThat(defaults.verdict()).as(defaults.failures() + " " + defaults.error()).isEqualTo(DrillResult.Verdict.PASS);
        assertThat(tuned.verdict()).as(tuned.failures() + " " + tuned.error()).isEqualTo(DrillResult.Verdict.PASS);
        assertThat(defaults.replication().settings().base()).isEqualTo("kafka-defaults profile");
        assertThat(defaults.replication().settings().effective()).doesNotContainKey("emit.checkpoints.interval.seconds");
        assertThat(tuned.replication().settings().effective()).containsEntry("emit.checkpoints.interval.seconds", "1");
        assertThat(defaults.replication().failover().offsets()).isEqualTo("mirrormaker-synced");
        // the group joined after MirrorMaker's start: at Kafka's defaults it is not refreshed for 10 minutes,
        // so nothing was synced and it starts the backup's copy from the beginning
        assertThat(defaults.replication().failover().groups()).singleElement().satisfies(group ->
                assertThat(group.partitions()).allSatisfy(p -> assertThat(p.basis()).isEqualTo("earliest")));
        assertThat(tuned.replication().failover().groups()).singleElement().satisfies(group ->
                assertThat(group.partitions()).anySatisfy(p -> assertThat(p.basis()).isEqualTo("synced")));
        assertThat(defaults.records().consumerDuplicates()).isGreaterThan(5 * Math.max(100, tuned.records().consumerDuplicates()));
        assertThat(defaults.records().skipped()).isZero();
        assertThat(tuned.records().skipped()).isZero();
    }

    private static DrillResult run(String scenario) {
        return new DrillRunner(DrillOptions.defaults())
                .run(ScenarioParser.parse(SCENARIO.toString(), scenario).orThrow(), DrillListener.SILENT);
    }
}
