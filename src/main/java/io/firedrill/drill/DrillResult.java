package io.firedrill.drill;

import io.firedrill.replication.MirrorMakerSettings;
import io.firedrill.kafka.KafkaVersions;
import io.firedrill.scenario.FaultFamily;
import io.firedrill.scenario.Keyword;

import java.util.List;
import java.util.Map;

/**
 * Everything one drill run produced, in the shape of the contract's summary.json plus what the
 * reports draw (series, fault windows, log tails). Figures a drill did not measure are null.
 * Times inside a drill ({@code *AtMs}) count from the drill's start; {@code rto.*Ms} count from
 * the disaster. {@code expect} holds the bounds the drill was judged against, by {@code expect:}
 * key with the value as written in the file (defaults included), so reports can set every figure
 * against its bound, not only the broken ones. {@code recordsUnreadable} says why the records
 * figures are null although traffic ran (the cluster the clients ended on could not be read).
 * {@code replication} is the replication the drill ran: MirrorMaker's settings and where groups
 * resumed at failover (null when replication never started).
 * {@code kafka} holds the versions of both clusters and of MirrorMaker 2 (null only in a summary
 * read back that recorded none).
 */
public record DrillResult(
        String scenario,
        String description,
        List<String> tags,
        String severity,
        Verdict verdict,
        List<ExpectationFailure> failures,
        String error,
        KafkaVersions kafka,
        String backend,
        long startedAtEpochMs,
        long durationMs,
        RecordFigures records,
        RpoFigures rpo,
        RtoFigures rto,
        RestoreFigures restore,
        List<StepRecord> steps,
        PhaseTimings phases,
        DrillSeries series,
        List<LogTail> logTails,
        Map<String, String> expect,
        String recordsUnreadable,
        List<ClientRecovery> clientRecoveries,
        ReplicationFigures replication,
        List<ApplicationFigures> applications,
        List<ProcessCpu> cpu) {

    public DrillResult {
        clientRecoveries = clientRecoveries == null ? List.of() : List.copyOf(clientRecoveries);
        applications = applications == null ? List.of() : List.copyOf(applications);
        cpu = cpu == null ? List.of() : List.copyOf(cpu);
    }

    /** A result without replication figures, applications or a CPU breakdown (a drill that never started replication, or one read from an older summary). */
    public DrillResult(String scenario, String description, List<String> tags, String severity,
                       Verdict verdict, List<ExpectationFailure> failures, String error,
                       KafkaVersions kafka, String backend, long startedAtEpochMs, long durationMs,
                       RecordFigures records, RpoFigures rpo, RtoFigures rto, RestoreFigures restore,
                       List<StepRecord> steps, PhaseTimings phases, DrillSeries series,
                       List<LogTail> logTails, Map<String, String> expect, String recordsUnreadable,
                       List<ClientRecovery> clientRecoveries) {
        this(scenario, description, tags, severity, verdict, failures, error, kafka, backend,
                startedAtEpochMs, durationMs, records, rpo, rto, restore, steps, phases, series,
                logTails, expect, recordsUnreadable, clientRecoveries, null, List.of(), List.of());
    }

    /** A result whose records figures, when null, are so because traffic never ran. */
    public DrillResult(String scenario, String description, List<String> tags, String severity,
                       Verdict verdict, List<ExpectationFailure> failures, String error,
                       KafkaVersions kafka, String backend, long startedAtEpochMs, long durationMs,
                       RecordFigures records, RpoFigures rpo, RtoFigures rto, RestoreFigures restore,
                       List<StepRecord> steps, PhaseTimings phases, DrillSeries series,
                       List<LogTail> logTails, Map<String, String> expect) {
        this(scenario, description, tags, severity, verdict, failures, error, kafka, backend,
                startedAtEpochMs, durationMs, records, rpo, rto, restore, steps, phases, series,
                logTails, expect, null, List.of(), null, List.of(), List.of());
    }

    /** A result judged without bounds (no {@code expect:} block): reports show figures only. */
    public DrillResult(String scenario, String description, List<String> tags, String severity,
                       Verdict verdict, List<ExpectationFailure> failures, String error,
                       KafkaVersions kafka, String backend, long startedAtEpochMs, long durationMs,
                       RecordFigures records, RpoFigures rpo, RtoFigures rto, RestoreFigures restore,
                       List<StepRecord> steps, PhaseTimings phases, DrillSeries series,
                       List<LogTail> logTails) {
        this(scenario, description, tags, severity, verdict, failures, error, kafka, backend,
                startedAtEpochMs, durationMs, records, rpo, rto, restore, steps, phases, series,
                logTails, Map.of(), null, List.of(), null, List.of(), List.of());
    }

    public enum Verdict { PASS, FAIL, ERROR }

    /**
     * CPU one process (or part of the harness) used while traffic ran.
     *
     * @param process    {@code primary/broker-0}, {@code mirrormaker primary->backup}, {@code harness: proxies}...
     * @param cpuSeconds user + system CPU time
     * @param cores      the average number of cores it kept busy (cpuSeconds over the measured wall time)
     */
    public record ProcessCpu(String process, double cpuSeconds, double cores) {}

    /** One broken bound of {@code expect:}: which, the measured figure and the bound, both as written. */
    public record ExpectationFailure(String expectation, String actual, String bound, String message) {}

    /**
     * The checker's record figures. {@code storageDuplicates}: distinct records stored more than once on
     * the final cluster (an at-least-once MirrorMaker's re-copies after a crash); {@code abortedReads}
     * and {@code splitTransactions} are null when no producer finished a transaction (nothing to judge),
     * and all are null in summaries written before they existed. {@code sameClusterDuplicates}: records a
     * group processed twice from one cluster (both copies of a re-copy read), unlike a failover's re-read.
     */
    public record RecordFigures(long sent, long acked, long lostAcked, long consumerDuplicates,
                                long skipped, long reordered, long corrupted, long unknownOutcome,
                                long failed, Long storageDuplicates, Long abortedReads, Long splitTransactions,
                                Long sameClusterDuplicates) {}

    /** Lost acknowledged records and the span of send time they cover. */
    public record RpoFigures(long lostAckedRecords, Long ms) {}

    /** Recovery times from the disaster (the last fault before the first failover). */
    public record RtoFigures(Long detectionMs, Long failoverMs, Long firstProduceMs, Long firstConsumeMs) {}

    /**
     * Null {@code records}/{@code ms} when the drill restored nothing. {@code missing} names what the
     * source held that the restored cluster lacks, per partition (null when nothing is missing).
     */
    public record RestoreFigures(Long records, Long ms, Boolean complete, String from, String missing) {
        public RestoreFigures(Long records, Long ms, Boolean complete, String from) {
            this(records, ms, complete, from, null);
        }
    }

    /**
     * The drill's DR process table: one row per step, with the status tracker after it, and the
     * family of trouble the step rehearses (null for steps that rehearse none), typed from the scenario.
     */
    public record StepRecord(int index, String action, String condition, String result, String notes,
                             long startedAtMs, long endedAtMs, StepStatus outcome, Status status, FaultFamily family) {
        public StepRecord(int index, String action, String condition, String result, String notes,
                          long startedAtMs, long endedAtMs, StepStatus outcome, Status status) {
            this(index, action, condition, result, notes, startedAtMs, endedAtMs, outcome, status, null);
        }
    }

    public enum StepStatus { PASSED, FAILED, BROKEN, SKIPPED }

    /** A redirected client: the harness's producers and groups, and the scenario's applications. */
    public enum ClientKind implements Keyword { PRODUCER, GROUP, APPLICATION }

    /**
     * How long one redirected client took, after the active address was flipped to
     * {@code cluster} by step {@code step}, to get its first ack (a producer), process its first
     * record (a group) or have the harness read its first output of an input sent after the flip
     * (an application) there; {@code recoveredMs} null when it did not within the step's wait.
     */
    public record ClientRecovery(String client, ClientKind kind, int step, String cluster, Long recoveredMs) {}

    /** The status tracker of the contract: where the data is, how replication is, where consumers read. */
    public record Status(String data_location, String replication_status, String consumer_target) {}

    /** Where the wall time went; null phases did not happen. */
    public record PhaseTimings(Long bootMs, Long replicationStartMs, Long stepsMs, Long verifyMs, Long teardownMs) {}

    /**
     * Time series sampled during the drill, for the charts. {@code consumerPosition} is, per
     * cluster alias, the summed committed offset of the drill's groups.
     */
    public record DrillSeries(List<Sample> samples, List<FaultWindow> faults, List<Mark> marks) {}

    public record Sample(long atMs, double producedPerSec, double consumedPerSec,
                         Long replicationLagRecords, Long replicationLagMs,
                         Map<String, Long> consumerPosition) {}

    /** A fault's active window; {@code endMs} null when it was never healed before the end. */
    public record FaultWindow(String type, String target, long startMs, Long endMs, FaultFamily family) {}

    /** A point event on the timeline: disaster, detection, failover, recovery, restore, failback. */
    public record Mark(String name, long atMs) {}

    /**
     * The replication the drill ran, for the report's "Replication settings" and failover sections.
     *
     * @param settings the forward MirrorMaker's settings, secrets redacted
     * @param failover where groups resumed at the failover; null without one
     */
    public record ReplicationFigures(MirrorMakerSettings settings, FailoverResume failover) {}

    /**
     * Where the groups resumed on the backup and on what basis.
     *
     * @param offsets the scenario's {@code failover.offsets}
     * @param label   what that basis is, saying when it is a harness convenience
     */
    public record FailoverResume(String offsets, String label, List<ResumedGroup> groups) {}

    /** @param reReadRecords records before the group's last commit on the primary it resumes at; null when unknown */
    public record ResumedGroup(String group, Long reReadRecords, List<ResumedPartition> partitions) {}

    /** @param basis synced, checkpoint, translated, earliest or local-topic */
    public record ResumedPartition(String topic, int partition, long offset, String basis) {}

    /**
     * One application under drill, judged by the pass-through check: inputs sent and acknowledged,
     * acknowledged inputs lost (no output), extra output copies, changed and foreign output, per
     * phase (before, during, after the disturbance) with input-to-output latency; {@code log} is its
     * captured stdout and stderr, {@code logTail} its last lines.
     */
    public record ApplicationFigures(String name, String command, String log, long sent, long acked, long lost,
                                     long duplicated, long changed, long foreign, List<ApplicationPhase> phases,
                                     List<String> logTail) {}

    /** One phase of an application's figures; latencies null when nothing of the phase came out. */
    public record ApplicationPhase(String phase, long acked, long lost, long duplicated, Long p50Ms, Long p99Ms) {}

    /** The last lines of one process log (broker, MirrorMaker, proxy), attached when a drill fails. */
    public record LogTail(String process, String path, List<String> lines) {}
}
