package io.firedrill.traffic;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SendErrorsTest {

    @Test
    void timeoutsAndLostConnectionsLeaveTheOutcomeUnknown() {
        assertThat(SendErrors.isDefinite(new TimeoutException("Expiring 12 record(s) for orders-0: 30001 ms has passed"))).isFalse();
        assertThat(SendErrors.isDefinite(new NetworkException("disconnected"))).isFalse();
        assertThat(SendErrors.isDefinite(new NotEnoughReplicasAfterAppendException("written to the leader"))).isFalse();
        assertThat(SendErrors.isDefinite(new NotEnoughReplicasException("a retry may have been written before"))).isFalse();
        assertThat(SendErrors.isDefinite(new NotLeaderOrFollowerException("moved"))).isFalse();
        assertThat(SendErrors.isDefinite(new OutOfOrderSequenceException("gap"))).isFalse();
        assertThat(SendErrors.isDefinite(new KafkaException("Producer is closed forcefully."))).isFalse();
        assertThat(SendErrors.isDefinite(new IllegalStateException("Cannot perform operation after producer has been closed"))).isFalse();
    }

    @Test
    void rejectionsThatNoRetryCouldHaveWrittenAreDefinite() {
        assertThat(SendErrors.isDefinite(new RecordTooLargeException("too big"))).isTrue();
        assertThat(SendErrors.isDefinite(new TopicAuthorizationException(Set.of("orders")))).isTrue();
        assertThat(SendErrors.isDefinite(new TransactionAbortedException("aborted"))).isTrue();
    }
}
