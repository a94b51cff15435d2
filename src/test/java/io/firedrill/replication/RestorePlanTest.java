package io.firedrill.replication;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RestorePlanTest {

    @Test
    void identityRestoresEachTopicFromItsNamesakeInOnePhase() {
        RestorePlan plan = new RestorePlan("primary", ReplicationPolicyKind.IDENTITY, List.of("orders", "payments"));

        List<RestorePlan.Phase> phases = plan.phases(Set.of("orders", "payments", "heartbeats"));

        assertThat(phases).hasSize(1);
        assertThat(phases.get(0).stripPrefix()).isEmpty();
        assertThat(phases.get(0).sourceToTarget()).containsExactly(Map.entry("orders", "orders"), Map.entry("payments", "payments"));
    }

    @Test
    void prefixedRestoresTheReplicaFirstThenWhatWasWrittenOnTheBackup() {
        RestorePlan plan = new RestorePlan("primary", ReplicationPolicyKind.PREFIXED, List.of("orders", "payments"));

        List<RestorePlan.Phase> phases = plan.phases(Set.of("primary.orders", "orders", "primary.payments"));

        assertThat(phases).hasSize(2);
        assertThat(phases.get(0).stripPrefix()).isEqualTo("primary.");
        assertThat(phases.get(0).sourceToTarget()).containsEntry("primary.orders", "orders").containsEntry("primary.payments", "payments");
        assertThat(phases.get(1).stripPrefix()).isEmpty();
        assertThat(phases.get(1).sourceToTarget()).containsExactly(Map.entry("orders", "orders"));
        assertThat(phases.get(0).topicsRegex()).matches(regex -> "primary.orders".matches(regex) && !"primaryXorders".matches(regex));
    }

    @Test
    void aGroupResumesInTheFirstSourceItHasNotFinished() {
        // restored partition: 100 records of primary.orders (0..99) then 50 of orders (0..49)
        RestorePlan.SourceCursor replica = new RestorePlan.SourceCursor(60L, 0, 100, offset -> OptionalLong.of(offset));
        RestorePlan.SourceCursor local = new RestorePlan.SourceCursor(null, 0, 50, offset -> OptionalLong.of(100 + offset));
        assertThat(RestorePlan.resumePosition(List.of(replica, local))).hasValue(60);

        RestorePlan.SourceCursor replicaDone = new RestorePlan.SourceCursor(100L, 0, 100, offset -> OptionalLong.of(offset));
        RestorePlan.SourceCursor localHalf = new RestorePlan.SourceCursor(20L, 0, 50, offset -> OptionalLong.of(100 + offset));
        assertThat(RestorePlan.resumePosition(List.of(replicaDone, localHalf))).hasValue(120);

        RestorePlan.SourceCursor localDone = new RestorePlan.SourceCursor(50L, 0, 50, offset -> OptionalLong.of(100 + offset));
        assertThat(RestorePlan.resumePosition(List.of(replicaDone, localDone))).as("read everything").hasValue(150);
    }

    @Test
    void aGroupThatReadAheadInTheLaterSourceStillReadsTheEarlierOne() {
        RestorePlan.SourceCursor replica = new RestorePlan.SourceCursor(90L, 0, 100, offset -> OptionalLong.of(offset));
        RestorePlan.SourceCursor local = new RestorePlan.SourceCursor(40L, 0, 50, offset -> OptionalLong.of(100 + offset));

        assertThat(RestorePlan.resumePosition(List.of(replica, local))).as("re-reads, never skips").hasValue(90);
    }

    @Test
    void emptySourcesAreSkipped() {
        RestorePlan.SourceCursor empty = new RestorePlan.SourceCursor(null, 0, 0, offset -> OptionalLong.of(offset));
        RestorePlan.SourceCursor local = new RestorePlan.SourceCursor(null, 0, 50, offset -> OptionalLong.of(offset));

        assertThat(RestorePlan.resumePosition(List.of(empty, local))).hasValue(0);
        assertThat(RestorePlan.resumePosition(List.of(empty))).isEmpty();
    }
}
