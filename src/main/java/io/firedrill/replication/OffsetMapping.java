package io.firedrill.replication;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Upstream to downstream offsets of a replication flow, built from MirrorMaker's offset syncs.
 * Kept as runs of consecutive records with a constant offset difference, so memory stays small
 * however long a drill runs: an uninterrupted flow is one run per partition; a MirrorMaker restart
 * that re-sends records, or a gap upstream (transaction markers, compaction), starts a new run.
 */
final class OffsetMapping {

    private final Map<TopicPartition, List<Run>> runs = new HashMap<>();

    /** Records that upstream offset {@code upstream} of the partition was written at {@code downstream}. */
    void add(TopicPartition source, long upstream, long downstream) {
        List<Run> partitionRuns = runs.computeIfAbsent(source, ignored -> new ArrayList<>());
        Run last = partitionRuns.isEmpty() ? null : partitionRuns.get(partitionRuns.size() - 1);
        if (last != null && downstream - upstream == last.difference()) {
            // same run; a sync older than the newest one adds nothing (MirrorMaker may write
            // two syncs of a partition out of order when two of its threads flush them)
            last.lastUpstream = Math.max(last.lastUpstream, upstream);
            last.firstUpstream = Math.min(last.firstUpstream, upstream);
        } else {
            partitionRuns.add(new Run(upstream, downstream));
        }
    }

    Set<TopicPartition> sourcePartitions() {
        return Set.copyOf(runs.keySet());
    }

    /** The source offset after the newest record known to be on the target: the flow's position. */
    OptionalLong replicatedUpTo(TopicPartition source) {
        List<Run> partitionRuns = runs.get(source);
        return partitionRuns == null ? OptionalLong.empty()
                : OptionalLong.of(partitionRuns.get(partitionRuns.size() - 1).lastUpstream + 1);
    }

    /**
     * Where a reader of the target must start to see the source partition from {@code upstreamPosition}
     * on, never later. Exact inside a run; between runs it is the position after the last record
     * known to precede it (it may re-read a few records, it never skips). Empty when the position
     * lies before every known sync.
     */
    OptionalLong downstreamPosition(TopicPartition source, long upstreamPosition) {
        List<Run> partitionRuns = runs.get(source);
        if (partitionRuns == null) {
            return OptionalLong.empty();
        }
        // newest first: after a restart re-sent records, the newer copy is followed by everything after it
        for (int i = partitionRuns.size() - 1; i >= 0; i--) {
            Run run = partitionRuns.get(i);
            if (upstreamPosition >= run.firstUpstream && upstreamPosition <= run.lastUpstream) {
                return OptionalLong.of(run.downstream(upstreamPosition));
            }
        }
        long bestUpstream = -1;
        long position = -1;
        for (Run run : partitionRuns) {
            if (run.lastUpstream < upstreamPosition && run.lastUpstream >= bestUpstream) {
                bestUpstream = run.lastUpstream;
                position = run.downstream(run.lastUpstream) + 1;
            }
        }
        return position < 0 ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /** The runs of a partition, {@code [upstream..upstream]->downstream}, for error messages. */
    String describe(TopicPartition source) {
        List<Run> partitionRuns = runs.getOrDefault(source, List.of());
        return source + " " + partitionRuns.stream()
                .map(run -> "[" + run.firstUpstream + ".." + run.lastUpstream + "]->" + run.downstream(run.firstUpstream))
                .toList();
    }

    /** Upstream offsets firstUpstream..lastUpstream replicated to consecutive downstream offsets. */
    private static final class Run {
        long firstUpstream;
        final long difference;
        long lastUpstream;

        Run(long upstream, long downstream) {
            this.firstUpstream = upstream;
            this.difference = downstream - upstream;
            this.lastUpstream = upstream;
        }

        long difference() {
            return difference;
        }

        long downstream(long upstream) {
            return upstream + difference();
        }
    }
}
