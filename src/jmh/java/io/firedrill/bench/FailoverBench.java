package io.firedrill.bench;

import io.firedrill.replication.DisasterDetector;
import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.FaultType;
import io.firedrill.verify.CheckReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Failover, the consumers' RTO: from the whole primary SIGKILLed under traffic to the group
 * processing records on the backup (detection, fencing MirrorMaker 2, offset translation and the
 * clients' move included). Every invocation gets a fresh environment (the disaster destroys the
 * primary), with traffic flowing and replication healthy before the clock starts; afterwards the
 * checker accounts for every record: acknowledged records lost (the RPO) and re-reads are
 * secondary figures, as are detection and the first acknowledged send on the backup.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 6)
@State(Scope.Benchmark)
public class FailoverBench {

    /** Traffic runs this long on a healthy pair before the disaster, as in the primary-outage drill. */
    private static final Duration STEADY = Duration.ofSeconds(3);

    private LiveDrill drill;
    private DisasterDetector detector;
    private long disasterAtMs;
    private long detectedAtMs;

    @Setup(Level.Invocation)
    public void healthyPairUnderTraffic() {
        drill = LiveDrill.start(BenchScenario.get()).startTraffic();
        detector = drill.watchPrimary();
        Waits.pause(STEADY);
    }

    @Benchmark
    public long primaryLostToConsumingOnBackup() {
        disasterAtMs = System.currentTimeMillis();
        drill.inject(FaultType.CLUSTER_OUTAGE);
        detectedAtMs = detector.awaitDisaster(Waits.STEP).declaredAt().toEpochMilli();
        drill.failover();
        return drill.awaitProcessedOn(ClusterRole.BACKUP, disasterAtMs);
    }

    @TearDown(Level.Invocation)
    public void accountForEveryRecord() {
        try {
            long consumingAtMs = drill.ledger().firstProcessedOn(ClusterRole.BACKUP.keyword(), disasterAtMs).orElseThrow();
            DrillFigures.record("detectionMs", detectedAtMs - disasterAtMs, "ms");
            DrillFigures.record("detectionToConsumingMs", consumingAtMs - detectedAtMs, "ms");
            drill.ledger().firstAckOn(ClusterRole.BACKUP.keyword(), disasterAtMs).ifPresent(acked ->
                    DrillFigures.record("firstAckOnBackupMs", acked - disasterAtMs, "ms"));
            CheckReport report = drill.check();
            if (report.corrupted() > 0 || report.skipped() > 0) {
                throw new IllegalStateException("failover broke the ledger: " + report.anomalies());
            }
            DrillFigures.record("lostAckedRecords", report.lost().count(), "records");
            DrillFigures.record("rpoMs", report.lost().spanMs(), "ms");
            DrillFigures.record("rereadRecords", report.consumerDuplicates(), "records");
        } finally {
            drill.close();
        }
    }
}
