package io.firedrill.drill;

import io.firedrill.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BlockedPathsTest {

    private static final String HEAD = """
            name: blocked
            description: Steps whose path a fault cuts.
            clusters:
              primary: { brokers: 1 }
              backup: { brokers: 1 }
            topics:
              - name: orders
            replication:
              engine: mirrormaker2
            traffic:
              - producer: { topic: orders, rate: 10 }
              - consumer: { group: audit, topic: orders }
            steps:
            """;

    private static List<BlockedPaths.Blocked> blocked(String steps) {
        return BlockedPaths.inOrder(ScenarioParser.parse("blocked.yaml", HEAD + steps).orThrow());
    }

    @Test
    void aRestoreFromTheBackupOverAStillPartitionedLinkIsNamedWithTheFaultAndItsStep() {
        List<BlockedPaths.Blocked> blocked = blocked("""
                  - await: replication-healthy
                  - fault: { type: partition, target: replication-link }
                  - run: 1s
                  - fault: { type: cluster-outage, target: primary }
                  - await: disaster-detected
                  - failover: { to: backup }
                  - restore: { to: primary, from: backup }
                """);
        assertThat(blocked).singleElement().satisfies(b -> {
            assertThat(b.step().keyword()).isEqualTo("restore");
            assertThat(b.fault().index()).isEqualTo(2);
            assertThat(b.message()).isEqualTo("restore cannot work: the partition on replication-link injected by step 2"
                    + " (line 15) is still in force; heal it before this step");
        });
    }

    @Test
    void healedTimedAndRestoredAwayFaultsBlockNothing() {
        assertThat(blocked("""
                  - fault: { type: partition, target: replication-link }
                  - heal: replication-link
                  - fault: { type: partition, target: replication-link, duration: 1s }
                  - fault: { type: cluster-outage, target: primary }
                  - await: disaster-detected
                  - failover: { to: backup }
                  - restore: { to: primary, from: backup }
                  - failback: { to: primary }
                """)).isEmpty();
        // a restore from backup storage does not need the link
        assertThat(blocked("""
                  - backup: {}
                  - fault: { type: partition, target: replication-link }
                  - fault: { type: cluster-outage, target: primary }
                  - restore: { to: primary, from: backup-storage }
                """)).isEmpty();
    }

    @Test
    void awaitsOnADownClusterAndFailbackOntoADownBackupAreNamed() {
        List<BlockedPaths.Blocked> blocked = blocked("""
                  - fault: { type: cluster-outage, target: primary }
                  - await: disaster-detected
                  - failover: { to: backup }
                  - fault: { type: cluster-outage, target: backup }
                  - await: consumers-caught-up
                  - heal: all
                  - await: consumers-caught-up
                """);
        assertThat(blocked).singleElement().satisfies(b -> {
            assertThat(b.step().index()).isEqualTo(5);
            assertThat(b.message()).startsWith("await consumers-caught-up cannot work: the cluster-outage on backup injected by step 4");
        });
        assertThat(blocked("""
                  - fault: { type: partition, target: backup }
                  - await: replication-caught-up
                """)).extracting(b -> b.step().index()).containsExactly(2);
        // latency slows a path but does not cut it
        assertThat(blocked("""
                  - fault: { type: latency, target: replication-link, latency: 100ms }
                  - await: replication-caught-up
                """)).isEmpty();
    }
}
