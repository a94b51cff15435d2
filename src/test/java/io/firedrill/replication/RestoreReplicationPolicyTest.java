package io.firedrill.replication;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreReplicationPolicyTest {

    private static RestoreReplicationPolicy policy(String prefix) {
        RestoreReplicationPolicy policy = new RestoreReplicationPolicy();
        policy.configure(Map.of("source.cluster.alias", "backup", RestoreReplicationPolicy.STRIP_PREFIX_CONFIG, prefix));
        return policy;
    }

    @Test
    void theReplicaGetsItsOriginalNameBack() {
        RestoreReplicationPolicy policy = policy("primary.");

        assertThat(policy.formatRemoteTopic("backup", "primary.orders")).isEqualTo("orders");
        assertThat(policy.upstreamTopic("orders")).as("MirrorMaker finds the source of the restored topic").isEqualTo("primary.orders");
    }

    @Test
    void withoutAPrefixNamesStay() {
        RestoreReplicationPolicy policy = policy("");

        assertThat(policy.formatRemoteTopic("backup", "orders")).isEqualTo("orders");
        assertThat(policy.upstreamTopic("orders")).isEqualTo("orders");
    }

    @Test
    void mirrorMakersCycleCheckEndsAndFindsNoCycle() {
        RestoreReplicationPolicy policy = policy("primary.");
        // MirrorSourceConnector.isCycle walks topicSource/upstreamTopic until the upstream topic stops changing
        String topic = "primary.orders";
        int hops = 0;
        while (true) {
            String source = policy.topicSource(topic);
            assertThat(source).isEqualTo("backup").isNotEqualTo("primary");
            String upstream = policy.upstreamTopic(topic);
            if (upstream == null || upstream.equals(topic)) {
                break;
            }
            topic = upstream;
            assertThat(++hops).isLessThan(3);
        }
    }

    @Test
    void heartbeatsKeepMirrorMakersNaming() {
        assertThat(policy("primary.").formatRemoteTopic("backup", "heartbeats")).isEqualTo("backup.heartbeats");
    }
}
