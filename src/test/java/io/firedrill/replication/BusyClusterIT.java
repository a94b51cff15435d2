package io.firedrill.replication;

import io.firedrill.cluster.KafkaBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A busy cluster is not an unreachable one (issue 21: drills at 20,000 records/s ended in ERROR,
 * "source cluster 'primary' unreachable: InterruptedException"). The source broker is stopped
 * (SIGSTOP) for longer than a read's timeout and then resumed, which is what a broker queueing
 * requests under load looks like to the monitor: reads time out, the cluster still answers.
 */
class BusyClusterIT extends ClusterPair {

    /** Longer than a read may take, shorter than a read plus the busy probe's wait. */
    private static final long STALL_MS = ReplicationMonitor.CALL_TIMEOUT.toMillis() + 1_000;

    @Test
    void aSourceThatAnswersLateIsBusyAndTheFlowIsNotDisrupted() throws Exception {
        TopicData.create(primary, "busy-orders", 4, Map.of());
        try (ReplicationMonitor monitor = new ReplicationMonitor(flow("busy-.*"), primary, backup, () -> true, HealthThresholds.DEFAULT)) {
            assertThat(monitor.sample().sourceReachable()).isTrue();

            ReplicationSnapshot first = sampleWhileStalled(monitor);
            ReplicationSnapshot second = sampleWhileStalled(monitor);

            for (ReplicationSnapshot stalled : new ReplicationSnapshot[] {first, second}) {
                assertThat(stalled.sourceReachable()).as(stalled.reason()).isTrue();
                assertThat(stalled.reason()).contains("source cluster 'primary' busy").doesNotContain("unreachable");
            }
            assertThat(second.state()).as("two slow samples in a row: " + second.reason()).isNotEqualTo(ReplicationState.DISRUPTED);
        }
    }

    @Test
    void anAwaitThatRunsOutNeverInterruptsASampleIntoAnOutage() throws Exception {
        TopicData.create(primary, "late-orders", 2, Map.of());
        try (ReplicationMonitor monitor = new ReplicationMonitor(flow("late-.*"), primary, backup, () -> true, HealthThresholds.DEFAULT)) {
            KafkaBroker broker = primary.broker(0);
            broker.pause();
            CompletableFuture<Void> resume = CompletableFuture.runAsync(broker::resume,
                    CompletableFuture.delayedExecutor(STALL_MS, TimeUnit.MILLISECONDS));
            try {
                // no MirrorMaker heartbeats here, so the flow never gets healthy: the await runs out mid-sample
                assertThatThrownBy(() -> monitor.awaitHealthy(Duration.ofMillis(500)))
                        .isInstanceOf(ReplicationException.class)
                        .hasMessageNotContaining("InterruptedException");
            } finally {
                resume.get();
            }
            assertThat(monitor.history()).extracting(ReplicationSnapshot::reason)
                    .noneMatch(reason -> reason.contains("InterruptedException"));
        }
    }

    /** One sample taken while the source broker does not answer for {@link #STALL_MS}. */
    private ReplicationSnapshot sampleWhileStalled(ReplicationMonitor monitor) throws Exception {
        KafkaBroker broker = primary.broker(0);
        broker.pause();
        CompletableFuture<Void> resume = CompletableFuture.runAsync(broker::resume,
                CompletableFuture.delayedExecutor(STALL_MS, TimeUnit.MILLISECONDS));
        try {
            return monitor.sample();
        } finally {
            resume.get();
        }
    }
}
