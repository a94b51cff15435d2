package io.firedrill.report;

import io.firedrill.kafka.KafkaVersion;
import io.firedrill.kafka.KafkaVersions;
import io.firedrill.drill.DrillResult;
import io.firedrill.scenario.FaultFamily;
import io.firedrill.drill.DrillResult.DrillSeries;
import io.firedrill.drill.DrillResult.ExpectationFailure;
import io.firedrill.drill.DrillResult.FaultWindow;
import io.firedrill.drill.DrillResult.LogTail;
import io.firedrill.drill.DrillResult.Mark;
import io.firedrill.drill.DrillResult.PhaseTimings;
import io.firedrill.drill.DrillResult.RecordFigures;
import io.firedrill.drill.DrillResult.RestoreFigures;
import io.firedrill.drill.DrillResult.RpoFigures;
import io.firedrill.drill.DrillResult.RtoFigures;
import io.firedrill.drill.DrillResult.Sample;
import io.firedrill.drill.DrillResult.Status;
import io.firedrill.drill.DrillResult.StepRecord;
import io.firedrill.drill.DrillResult.StepStatus;
import io.firedrill.drill.DrillResult.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drill results shaped like the runner's: a primary outage that passes (disaster, detection,
 * failover, restore, failback), one that fails its bounds after a replication-link fault, and
 * one that could not run (MirrorMaker 2 never started) with log tails.
 */
public final class SampleDrills {

    /** 2025-03-04T10:00:00Z: fixed, so reports of the samples are reproducible. */
    public static final long STARTED = 1_741_082_400_000L;

    public static final long DISASTER_MS = 13_150;
    public static final long DETECTED_MS = 14_000;
    public static final long FAILOVER_MS = 15_600;
    public static final long RECOVERY_MS = 16_400;
    public static final long RESTORE_START_MS = 25_600;
    public static final long RESTORED_MS = 31_900;
    public static final long FAILBACK_MS = 34_000;

    private static final Status HEALTHY = new Status("primary cluster (replicated to backup)", "healthy",
            "primary cluster");

    private SampleDrills() {
    }

    public static Map<String, String> bounds() {
        Map<String, String> expect = new LinkedHashMap<>();
        expect.put("lost-acked-records", "10");
        expect.put("rpo", "2s");
        expect.put("rto", "30s");
        expect.put("consumer-duplicates", "5000");
        expect.put("skipped-records", "0");
        expect.put("order", "per-key");
        expect.put("restored-records", "all");
        return expect;
    }

    public static DrillResult primaryOutagePass() {
        return primaryOutagePass(STARTED);
    }

    public static DrillResult primaryOutagePass(long startedAt) {
        return new DrillResult("primary-outage", "Primary lost mid-traffic; consumers fail over to the backup.",
                List.of("smoke", "outage"), "critical", Verdict.PASS, List.of(), null, KafkaVersions.all(KafkaVersion.HARNESS), "process",
                startedAt, 48_600,
                new RecordFigures(17_050, 17_046, 3, 812, 0, 0, 0, 4, 0, 0L, null, null, 0L),
                new RpoFigures(3, 120L),
                new RtoFigures(DETECTED_MS - DISASTER_MS, FAILOVER_MS - DISASTER_MS, 2_750L, RECOVERY_MS - DISASTER_MS),
                new RestoreFigures(16_210L, RESTORED_MS - RESTORE_START_MS, true, "backup"),
                outageSteps(StepStatus.PASSED),
                new PhaseTimings(4_200L, 6_300L, 34_200L, 2_100L, 1_800L),
                outageSeries(List.of(new FaultWindow("cluster-outage", "primary", DISASTER_MS, RESTORE_START_MS, FaultFamily.CLUSTER_OUTAGE))),
                List.of(brokerTail()), bounds());
    }

    /** The primary outage with the team's application in it, which lost records and FAILed. */
    public static DrillResult primaryOutageWithApplication() {
        DrillResult d = primaryOutagePass();
        return new DrillResult(d.scenario(), d.description(), d.tags(), d.severity(), Verdict.FAIL,
                List.of(new DrillResult.ExpectationFailure("application billing lost", "7", "0",
                        "application billing lost 7 of 1200 acknowledged input records: they never came out on its output topic")),
                null, d.kafka(), d.backend(), d.startedAtEpochMs(), d.durationMs(), d.records(), d.rpo(), d.rto(), d.restore(),
                d.steps(), d.phases(), d.series(), d.logTails(), d.expect(), null, List.of(), null,
                List.of(new DrillResult.ApplicationFigures("billing", "java -jar billing.jar", "applications/billing.log", 1_210, 1_200,
                        7, 35, 0, 0, List.of(new DrillResult.ApplicationPhase("before", 400, 0, 0, 6L, 21L),
                        new DrillResult.ApplicationPhase("during", 300, 7, 35, 3_400L, 5_100L),
                        new DrillResult.ApplicationPhase("after", 500, 0, 0, 7L, null)),
                        List.of("billing started", "billing <stopped> & restarted"))), List.of());
    }

    /**
     * The passing outage with its clients redirected: the producer and the application recovered
     * after the flip, the group never did.
     */
    public static DrillResult redirectedFailoverWithAStuckGroup() {
        DrillResult pass = primaryOutagePass();
        return new DrillResult(pass.scenario(), pass.description(), pass.tags(), pass.severity(), pass.verdict(),
                pass.failures(), pass.error(), pass.kafka(), pass.backend(), pass.startedAtEpochMs(),
                pass.durationMs(), pass.records(), pass.rpo(), pass.rto(), pass.restore(), pass.steps(), pass.phases(),
                pass.series(), pass.logTails(), pass.expect(), null, List.of(
                        new DrillResult.ClientRecovery("producer-1-orders", DrillResult.ClientKind.PRODUCER, 5, "backup", 303L),
                        new DrillResult.ClientRecovery("billing", DrillResult.ClientKind.GROUP, 5, "backup", null),
                        new DrillResult.ClientRecovery("streams", DrillResult.ClientKind.APPLICATION, 5, "backup", 1_492L)));
    }

    /** Same drill shape with a slow replication link first: data lost and recovery too slow. */
    public static DrillResult replicationLagOutageFail() {
        List<ExpectationFailure> failures = List.of(
                new ExpectationFailure("lost-acked-records", "37", "10",
                        "37 acknowledged records of orders missing on the backup"),
                new ExpectationFailure("rpo", "2.6s", "2s", "lost records span 2.6 s of send time"),
                new ExpectationFailure("rto", "41.2s", "30s", "group billing processed again 41.2 s after the disaster"),
                new ExpectationFailure("consumer-duplicates", "7420", "5000", "group billing re-read 7,420 records"));
        List<FaultWindow> faults = List.of(
                new FaultWindow("latency", "replication-link", 2_000, 12_000L, FaultFamily.REPLICATION),
                new FaultWindow("cluster-outage", "primary", DISASTER_MS, RESTORE_START_MS, FaultFamily.CLUSTER_OUTAGE));
        return new DrillResult("replication-lag-outage",
                "The replication link slows down, then the primary is lost: how much data does the lag cost?",
                List.of("nightly"), "blocker", Verdict.FAIL, failures, null, KafkaVersions.all(KafkaVersion.HARNESS), "process",
                STARTED, 62_300,
                new RecordFigures(17_050, 17_040, 37, 7_420, 0, 0, 0, 10, 0, 0L, null, null, 0L),
                new RpoFigures(37, 2_600L),
                new RtoFigures(900L, 40_100L, 40_600L, 41_200L),
                new RestoreFigures(16_100L, 6_300L, true, "backup"),
                outageSteps(StepStatus.PASSED),
                new PhaseTimings(4_300L, 6_500L, 47_100L, 2_400L, 2_000L),
                outageSeries(faults),
                List.of(brokerTail(), mirrorMakerTail()), bounds());
    }

    /** MirrorMaker 2 never became healthy: no verdict on the DR setup, only on the environment. */
    public static DrillResult mirrorMakerError() {
        List<StepRecord> steps = List.of(
                new StepRecord(1, "await: replication-healthy", "replication-healthy within 60s",
                        "timed out after 60.0 s", "MirrorMaker 2 exited with code 1 twice; see its log tail",
                        0, 60_000, StepStatus.BROKEN,
                        new Status("primary cluster (not replicated)", "down", "primary cluster")),
                new StepRecord(2, "run: 10s", null, "not run", null, 60_000, 60_000, StepStatus.SKIPPED,
                        new Status("primary cluster (not replicated)", "down", "primary cluster")));
        return new DrillResult("mirrormaker-restart", "MirrorMaker 2 restarts mid-traffic; replication resumes.",
                List.of("nightly"), "normal", Verdict.ERROR, List.of(),
                "MirrorMaker 2 did not become healthy within 60s: connect-mirror exited with code 1"
                        + " (org.apache.kafka.common.config.ConfigException: Missing required configuration"
                        + " \"primary.bootstrap.servers\")",
                KafkaVersions.all(KafkaVersion.HARNESS), "process", STARTED, 68_400,
                null, null, null, null, steps,
                new PhaseTimings(4_100L, 60_000L, null, null, 2_300L),
                new DrillSeries(List.of(), List.of(), List.of()),
                List.of(mirrorMakerTail(), brokerTail()), Map.of("lost-acked-records", "0"));
    }

    private static List<StepRecord> outageSteps(StepStatus outcome) {
        Status outage = new Status("backup cluster (primary lost)", "broken: primary down", "primary cluster");
        Status failedOver = new Status("backup cluster", "stopped (primary down)", "backup cluster");
        Status restoring = new Status("backup cluster, copying to primary", "reverse: backup → primary", "backup cluster");
        Status restored = new Status("backup and primary clusters", "reverse: backup → primary (caught up)", "backup cluster");
        Status back = new Status("primary cluster (replicated to backup)", "healthy", "primary cluster");
        return List.of(
                new StepRecord(1, "await: replication-healthy", "replication-healthy within 60s",
                        "healthy after 1.8 s", "MirrorMaker 2 heartbeats on backup", 0, 1_800, outcome, HEALTHY),
                new StepRecord(2, "run: 10s", null, "5,000 records produced", null, 1_800, 11_800, outcome, HEALTHY),
                new StepRecord(3, "backup: { to: backup-storage }", null, "snapshot of orders: 6,012 records",
                        "group offsets and topic configs included", 11_800, 13_100, outcome, HEALTHY),
                new StepRecord(4, "fault: { type: cluster-outage, target: primary }", null, "1 broker killed (SIGKILL)",
                        "the disaster: RTO counts from here", 13_100, 13_150, outcome, outage, FaultFamily.CLUSTER_OUTAGE),
                new StepRecord(5, "await: disaster-detected", "disaster-detected within 60s",
                        "detected after 850 ms", "3 missed heartbeats", 13_150, DETECTED_MS, outcome, outage),
                new StepRecord(6, "failover: { to: backup }", null, "2 producers and 1 group moved",
                        "billing resumed at translated offsets", DETECTED_MS, FAILOVER_MS, outcome, failedOver),
                new StepRecord(7, "run: 10s", null, "5,000 records produced on backup", null, FAILOVER_MS,
                        RESTORE_START_MS, outcome, failedOver),
                new StepRecord(8, "restore: { to: primary, from: backup }", "restore-complete within 60s",
                        "16,210 records restored in 6.3 s", "primary rebuilt empty, reverse-replicated",
                        RESTORE_START_MS, RESTORED_MS, outcome, restored, FaultFamily.RESTORE),
                new StepRecord(9, "failback: { to: primary }", null, "clients back on primary",
                        "groups resume at offsets translated back", RESTORED_MS, FAILBACK_MS, outcome, back),
                new StepRecord(10, "stop-traffic: {}", null, "traffic stopped", null, FAILBACK_MS, 34_200, outcome, back));
    }

    private static DrillSeries outageSeries(List<FaultWindow> faults) {
        List<Sample> samples = new ArrayList<>();
        long primaryPos = 0;
        long backupPos = 0;
        for (long t = 0; t <= 34_500; t += 500) {
            boolean primaryDown = t >= DISASTER_MS && t < RESTORE_START_MS;
            boolean onBackup = t >= FAILOVER_MS && t < FAILBACK_MS;
            double produced = t < 1_800 ? 0 : (t >= DISASTER_MS && t < FAILOVER_MS + 300) ? 0 : 500;
            double consumed = t < 2_000 ? 0 : (t >= DISASTER_MS && t < RECOVERY_MS) ? 0
                    : (t >= RECOVERY_MS && t < RECOVERY_MS + 1_500) ? 1_450 : 500;
            Long lagRecords = primaryDown ? null : t < 1_800 ? 0L : 12 + (t / 500) % 7;
            Long lagMs = primaryDown ? null : t < 1_800 ? 0L : 14 + (t / 500) % 9;
            if (t >= 2_000 && t < 12_000 && faults.size() > 1) {
                lagRecords = 150 + (t - 2_000) / 20;
                lagMs = 300 + (t - 2_000) / 40;
            }
            if (!onBackup && !primaryDown) {
                primaryPos += (long) (consumed / 2);
            } else if (onBackup) {
                backupPos += (long) (consumed / 2);
            }
            if (!onBackup && !primaryDown && t >= 2_000) {
                backupPos = Math.max(backupPos, primaryPos - 500);
            }
            Map<String, Long> positions = new LinkedHashMap<>();
            positions.put("primary", primaryDown ? null : primaryPos);
            positions.put("backup", backupPos);
            samples.add(new Sample(t, produced, consumed, lagRecords, lagMs, positions));
        }
        List<Mark> marks = List.of(new Mark("disaster", DISASTER_MS), new Mark("detection", DETECTED_MS),
                new Mark("failover", FAILOVER_MS), new Mark("recovery", RECOVERY_MS),
                new Mark("restore", RESTORED_MS), new Mark("failback", FAILBACK_MS));
        return new DrillSeries(samples, faults, marks);
    }

    private static LogTail brokerTail() {
        return new LogTail("broker primary-0", "reports/drills/primary-outage/logs/primary-0.log", List.of(
                "[2025-03-04 10:00:13,101] INFO [BrokerServer id=0] Transition from STARTED to SHUTTING_DOWN",
                "[2025-03-04 10:00:25,612] INFO [KafkaRaftServer nodeId=0] Rebuilding from an empty log directory",
                "[2025-03-04 10:00:27,540] INFO [BrokerServer id=0] Transition from STARTING to STARTED"));
    }

    private static LogTail mirrorMakerTail() {
        return new LogTail("mirrormaker", "reports/drills/primary-outage/logs/mirrormaker.log", List.of(
                "[2025-03-04 10:00:02,011] INFO Starting MirrorMaker 2 with clusters [primary, backup]",
                "[2025-03-04 10:00:13,402] WARN [Producer clientId=primary->backup] Connection to node 0 could not"
                        + " be established. Node may not be available.",
                "[2025-03-04 10:00:14,001] ERROR WorkerSourceTask{id=MirrorSourceConnector-0} failed to send record"
                        + " to orders: org.apache.kafka.common.errors.TimeoutException <&> \"quoted\""));
    }

    /** A copy of {@code d} with some parts changed: {@code SampleDrills.copy(d).scenario("x").build()}. */
    public static Copy copy(DrillResult d) {
        return new Copy(d);
    }

    public static final class Copy {
        private final DrillResult d;
        private String scenario;
        private String description;
        private String backend;
        private List<StepRecord> steps;
        private DrillSeries series;
        private Map<String, String> expect;
        private DrillResult.ReplicationFigures replication;

        private Copy(DrillResult d) {
            this.d = d;
            this.scenario = d.scenario();
            this.description = d.description();
            this.backend = d.backend();
            this.steps = d.steps();
            this.series = d.series();
            this.expect = d.expect();
            this.replication = d.replication();
        }

        public Copy replication(DrillResult.ReplicationFigures value) {
            replication = value;
            return this;
        }

        public Copy expect(Map<String, String> value) {
            expect = value;
            return this;
        }

        public Copy scenario(String value) {
            scenario = value;
            return this;
        }

        public Copy description(String value) {
            description = value;
            return this;
        }

        public Copy backend(String value) {
            backend = value;
            return this;
        }

        public Copy steps(List<StepRecord> value) {
            steps = value;
            return this;
        }

        public Copy faults(List<FaultWindow> value) {
            series = new DrillSeries(d.series().samples(), value, d.series().marks());
            return this;
        }

        public DrillResult build() {
            return new DrillResult(scenario, description, d.tags(), d.severity(), d.verdict(), d.failures(),
                    d.error(), d.kafka(), backend, d.startedAtEpochMs(), d.durationMs(), d.records(), d.rpo(),
                    d.rto(), d.restore(), steps, d.phases(), series, d.logTails(), expect, d.recordsUnreadable(),
                    d.clientRecoveries(), replication, d.applications(), d.cpu());
        }
    }
}
