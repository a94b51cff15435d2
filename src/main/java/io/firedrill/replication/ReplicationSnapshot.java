package io.firedrill.replication;

import java.util.List;

/**
 * One sample of a flow's health, for the status tracker and the charts. Figures that could not
 * be read at the sample (a cluster was unreachable) are null.
 *
 * @param heartbeatAgeMs  time since MirrorMaker's last heartbeat reached the target
 * @param checkpointAgeMs time since the newest consumer-group checkpoint (grows while groups are idle)
 * @param lagRecords      sum over partitions
 * @param lagMs           the largest partition lag in ms
 * @param producedPerSecond records/s written to the replicated source partitions since the previous sample
 * @param copiedPerSecond   records/s MirrorMaker copied since the previous sample: below
 *                          {@code producedPerSecond} while lag grows, MirrorMaker is the bottleneck
 */
public record ReplicationSnapshot(long atEpochMs, String flow, ReplicationState state, String reason,
                                  boolean mirrorMakerAlive, boolean sourceReachable, boolean targetReachable,
                                  Long heartbeatAgeMs, Long checkpointAgeMs, Long lagRecords, Long lagMs,
                                  Double producedPerSecond, Double copiedPerSecond, List<PartitionLag> partitions) {

    public ReplicationSnapshot {
        partitions = List.copyOf(partitions);
    }
}
