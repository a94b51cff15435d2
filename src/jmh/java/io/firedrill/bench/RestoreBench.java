package io.firedrill.bench;

import io.firedrill.process.RunDirectory;
import io.firedrill.replication.BackupStorage;
import io.firedrill.replication.ReplicationPolicyKind;
import io.firedrill.replication.RestorePlan;
import io.firedrill.replication.RestoreResult;
import io.firedrill.replication.ReverseReplication;
import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.FaultType;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.TopicSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Restore of a lost primary, the figure behind the time to full redundancy: the primary rebuilt
 * empty, then {@code records} drill records copied back onto it, from the backup cluster by
 * reverse MirrorMaker 2 (its start included) or from a backup-storage snapshot (verification
 * included). The trial builds the state a drill is in before its restore step: records produced
 * on the primary and replicated, a snapshot taken, the primary lost and the clients failed over.
 * Each invocation rebuilds the primary outside the clock.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 6)
@State(Scope.Benchmark)
public class RestoreBench {

    @Param("100000")
    public int records;

    private LiveDrill drill;
    private RestorePlan plan;
    private BackupStorage storage;
    private Path snapshot;
    private ReverseReplication reverse;

    @Setup(Level.Trial)
    public void primaryLostAfterRecordsWereReplicatedAndSnapshotted() {
        Scenario scenario = BenchScenario.get();
        String topic = scenario.replicatedTopics().get(0).name();
        drill = LiveDrill.start(scenario);
        drill.fill(topic, records);
        storage = new BackupStorage(RunDirectory.resolve("bench-backup-storage"));
        snapshot = storage.snapshot(drill.cluster(ClusterRole.PRIMARY), List.of(topic), "(?!)").directory();
        drill.inject(FaultType.CLUSTER_OUTAGE);
        drill.failover();
        plan = new RestorePlan(ClusterRole.PRIMARY.keyword(), ReplicationPolicyKind.parse(scenario.replication().policy().keyword()),
                scenario.replicatedTopics().stream().map(TopicSpec::name).toList());
    }

    @Setup(Level.Invocation)
    public void primaryRebuiltEmpty() {
        drill.cluster(ClusterRole.PRIMARY).rebuildEmpty();
    }

    @Benchmark
    public RestoreResult fromBackupCluster() {
        reverse = ReverseReplication.restore(plan, drill.replicationLink(ClusterRole.BACKUP), drill.replicationLink(ClusterRole.PRIMARY),
                Math.min(3, drill.cluster(ClusterRole.PRIMARY).brokers().size()), drill.cluster(ClusterRole.BACKUP), drill.cluster(ClusterRole.PRIMARY), Waits.STEP);
        return reverse.result();
    }

    @Benchmark
    public RestoreResult fromBackupStorage() {
        return record(storage.restore(snapshot, drill.cluster(ClusterRole.PRIMARY), plan));
    }

    @TearDown(Level.Invocation)
    public void stopReverseReplication() {
        if (reverse != null) {
            record(reverse.result());
            reverse.close();
            reverse = null;
        }
    }

    private RestoreResult record(RestoreResult result) {
        if (result.records() < records) {
            throw new IllegalStateException("restored " + result.records() + " of " + records + " records");
        }
        DrillFigures.record("copyRecordsPerSecond", result.recordsPerSecond(), "records/s");
        return result;
    }

    @TearDown(Level.Trial)
    public void close() {
        drill.close();
        RunDirectory.deleteRecursively(storage.store());
    }
}
