package io.firedrill.replication;

import io.firedrill.support.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicationFlowTest {

    private final ReplicationFlow flow = ReplicationFlow.between(ReplicationEndpoint.of("primary", "a:1"), ReplicationEndpoint.of("backup", "b:2"));

    @Test
    void namesFollowThePolicy() {
        assertThat(flow.remoteTopic("orders")).isEqualTo("orders");
        assertThat(flow.withPolicy(ReplicationPolicyKind.PREFIXED).remoteTopic("orders")).isEqualTo("primary.orders");
        assertThat(flow.offsetSyncsTopic()).isEqualTo("mm2-offset-syncs.primary.internal");
        assertThat(flow.checkpointsTopic()).isEqualTo("primary.checkpoints.internal");
        assertThat(flow.offsetStorageTopic()).isEqualTo("mm2-offsets.primary.internal");
        assertThat(flow.name()).isEqualTo("primary->backup");
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
