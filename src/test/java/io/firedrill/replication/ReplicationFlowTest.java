package io.firedrill.replication;

import io.firedrill.support.BadInputException;
import io.firedrill.support.RunTag;
import org.apache.kafka.connect.mirror.ReplicationPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicationFlowTest {

    private final ReplicationFlow flow = ReplicationFlow.between(ReplicationEndpoint.of("primary", "a:1"), ReplicationEndpoint.of("backup", "b:2"))
            .withRun(new RunTag("fd-0000abcd"));

    @Test
    void namesFollowThePolicy() {
        assertThat(flow.remoteTopic("orders")).isEqualTo("orders");
        assertThat(flow.withPolicy(ReplicationPolicyKind.PREFIXED).remoteTopic("orders")).isEqualTo("primary.orders");
        assertThat(flow.offsetSyncsTopic()).isEqualTo("mm2-offset-syncs.primary.fd-0000abcd.internal");
        assertThat(flow.checkpointsTopic()).isEqualTo("primary.fd-0000abcd.checkpoints.internal");
        assertThat(flow.heartbeatsTopic()).isEqualTo("heartbeats-fd-0000abcd");
        assertThat(flow.offsetStorageTopic()).isEqualTo("mm2-offsets.primary.fd-0000abcd.internal");
        assertThat(flow.name()).isEqualTo("primary->backup");
    }

    @Test
    void mirrorMakersOwnTopicsKeepTheirKindUnderEveryPolicy() {
        for (ReplicationFlow each : List.of(flow, flow.withPolicy(ReplicationPolicyKind.PREFIXED),
                flow.withOverride("replication.policy.class", RestoreReplicationPolicy.class.getName()))) {
            ReplicationPolicy policy = each.replicationPolicy();
            assertThat(policy.isHeartbeatsTopic(each.heartbeatsTopic())).as(each.policyClassName()).isTrue();
            assertThat(policy.isHeartbeatsTopic("heartbeats")).as("the team's own heartbeats are not this run's").isFalse();
            assertThat(policy.isCheckpointsTopic(each.checkpointsTopic())).isTrue();
            assertThat(policy.isInternalTopic(each.checkpointsTopic())).isTrue();
            assertThat(policy.isInternalTopic(each.offsetSyncsTopic())).isTrue();
            assertThat(policy.isInternalTopic(each.heartbeatsTopic())).isFalse();
            assertThat(policy.isInternalTopic("orders")).isFalse();
        }
        assertThat(flow.withPolicy(ReplicationPolicyKind.PREFIXED).remoteTopic("orders")).isEqualTo("primary.orders");
        assertThat(flow.withPolicy(ReplicationPolicyKind.PREFIXED).replicationPolicy().topicSource(flow.heartbeatsTopic()))
                .as("no separator in the heartbeats topic: not mistaken for a remote topic").isNull();
    }

    @Test
    void theTeamsFlowKeepsKafkasNamesAndFindsTheOffsetSyncsWhereItsConfigPutsThem() {
        ReplicationFlow team = flow.withPolicy(ReplicationPolicyKind.PREFIXED)
                .withEndpoints(flow.source().withAlias("east"), flow.target().withAlias("west"))
                .asTeamFlow(Map.of("replication.policy.class", "org.apache.kafka.connect.mirror.DefaultReplicationPolicy",
                        "offset-syncs.topic.location", "source"));

        assertThat(team.isTeamFlow()).isTrue();
        assertThat(team.offsetSyncsOnSource()).isTrue();
        assertThat(team.offsetSyncsTopic()).as("on the source, named by the target alias").isEqualTo("mm2-offset-syncs.west.internal");
        assertThat(team.checkpointsTopic()).isEqualTo("east.checkpoints.internal");
        assertThat(team.heartbeatsTopic()).isEqualTo("heartbeats");
        assertThat(team.remoteTopic("orders")).isEqualTo("east.orders");
        assertThat(flow.offsetSyncsOnSource()).as("Firedrill's own flows keep them on the target").isFalse();
    }

    @Test
    void badInputIsOneClearLine() {
        assertThatThrownBy(() -> flow.withTopics("orders,payments")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("comma").hasMessageContaining("(a|b)");
        assertThatThrownBy(() -> flow.withGroups("billing[")).isInstanceOf(BadInputException.class).hasMessageContaining("billing[");
        assertThatThrownBy(() -> ReplicationPolicyKind.parse("mirror")).isInstanceOf(BadInputException.class)
                .hasMessage("unknown replication policy 'mirror': use identity or prefixed");
        assertThatThrownBy(() -> ReplicationFlow.between(ReplicationEndpoint.of("primary", "a:1"), ReplicationEndpoint.of("primary", "b:2")))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void prefixedClientsReadTheReplicaAndTheBackupsOwnTopic() {
        assertThat(ClientRoute.of(flow.withPolicy(ReplicationPolicyKind.PREFIXED), "orders").consumeFrom())
                .containsExactly("primary.orders", "orders");
        assertThat(ClientRoute.of(flow, "orders").consumeFrom()).containsExactly("orders");
    }
}
