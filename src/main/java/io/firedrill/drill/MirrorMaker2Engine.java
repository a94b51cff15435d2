package io.firedrill.drill;

import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.external.TeamMirrorMaker;
import io.firedrill.fault.NetworkPath;
import io.firedrill.process.ChildProcesses;
import io.firedrill.process.LogFiles;
import io.firedrill.process.RunDirectory;
import io.firedrill.replication.BackupStorage;
import io.firedrill.replication.ReplicationEndpoint;
import io.firedrill.replication.Failback;
import io.firedrill.replication.FailbackResult;
import io.firedrill.replication.Failover;
import io.firedrill.replication.FailoverResult;
import io.firedrill.replication.GroupResume;
import io.firedrill.replication.MirrorMaker;
import io.firedrill.replication.MirrorMakerBase;
import io.firedrill.replication.MirrorMakerSettings;
import io.firedrill.replication.ResumeOffset;
import io.firedrill.replication.ReplicationFlow;
import io.firedrill.replication.ReplicationMonitor;
import io.firedrill.replication.ReplicationPolicyKind;
import io.firedrill.replication.ReplicationSnapshot;
import io.firedrill.replication.RestorePlan;
import io.firedrill.replication.RestoreResult;
import io.firedrill.replication.ReverseReplication;
import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.FailoverOffsets;
import io.firedrill.scenario.MirrorMakerSetup;
import io.firedrill.scenario.RestoreSource;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.TopicSpec;
import io.firedrill.replication.SnapshotManifest;
import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;
import io.firedrill.support.KafkaAdmin;
import io.firedrill.support.RunTag;
import io.firedrill.verify.ClusterContentsReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * MirrorMaker 2 as a drill's replication engine: the forward flow primary -> backup over the
 * {@code replication-link} proxies, watched by a health monitor; failover fences it and commits
 * translated offsets; restores run as reverse flows or snapshot replays in the background (the
 * {@code restore} step starts them, {@code await: restore-complete} and failback wait for them);
 * failback drains the restore and starts a new forward generation.
 */
final class MirrorMaker2Engine implements ReplicationEngine, RunningDrill.LogSource {

    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
    /** Counting a cluster's records to check a restore. */
    private static final Duration COUNT_TIMEOUT = Duration.ofMinutes(2);
    /** A team's fault command (scaling a deployment, stopping a service) may take this long. */
    private static final Duration TEAM_COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Scenario scenario;
    private final DrillSite site;
    private final ReplicationFlow forwardFlow;
    /** The team's own MirrorMaker 2 the drill follows; null when Firedrill runs MirrorMaker itself. */
    private final TeamMirrorMaker team;
    private final BackupStorage storage;
    private final List<MirrorMaker> retired = new ArrayList<>();
    private final List<CompletableFuture<Void>> monitorsClosing = new ArrayList<>();

    private volatile MirrorMaker forward;
    private volatile ReplicationMonitor monitor;
    private volatile ReverseReplication reverse;
    private volatile CompletableFuture<CheckedRestore> restoring;
    private volatile RestoreSource restoringFrom;
    private volatile String stateWithoutFlow;
    private volatile boolean failedOver;
    /** The forward MirrorMaker's settings as first started: the team's replication as the drill ran it. */
    private volatile MirrorMakerSettings settings;
    private volatile DrillResult.FailoverResume failoverResume;

    MirrorMaker2Engine(Scenario scenario, DrillSite site, RunTag run) {
        this.scenario = scenario;
        this.site = site;
        this.team = site.teamMirrorMaker().orElse(null);
        ReplicationFlow flow = ReplicationFlow.between(link(ClusterRole.PRIMARY), link(ClusterRole.BACKUP))
                .withRun(run)
                .withTopics(topicsRegex(scenario))
                .withGroups(scenario.replication().groups())
                .withSyncGroupOffsets(scenario.replication().syncGroupOffsets())
                .withPolicy(ReplicationPolicyKind.parse(scenario.replication().policy().keyword()))
                .withReplicationFactors(replicationFactor(), replicationFactor())
                .withBase(base(scenario.replication().mirrorMaker()))
                .withKafka(scenario.replication().mirrorMakerKafka());
        this.forwardFlow = team == null ? flow : followed(flow, team, scenario);
        this.storage = new BackupStorage(RunDirectory.resolve("backup-storage-" + scenario.name()));
    }

    /**
     * The team's flow as Firedrill reads it: their aliases and their policy's names. Firedrill
     * routes clients by the scenario's policy, so it must be the team's.
     */
    private static ReplicationFlow followed(ReplicationFlow flow, TeamMirrorMaker team, Scenario scenario) {
        String policyClass = team.settings().get("replication.policy.class");
        ReplicationPolicyKind kind = java.util.Arrays.stream(ReplicationPolicyKind.values())
                .filter(candidate -> candidate.policyClassName().equals(policyClass)).findFirst()
                .orElseThrow(() -> new BadInputException(team.file() + ": the team's MirrorMaker 2 runs " + policyClass
                        + "; Firedrill follows IdentityReplicationPolicy (policy: identity) and DefaultReplicationPolicy (policy: prefixed)"));
        String separator = team.settings().getOrDefault("replication.policy.separator", ".");
        if (kind != flow.policy() || !separator.equals(".")) {
            throw new BadInputException(scenario.name() + ": replication.policy is " + flow.policy() + " but the team's MirrorMaker 2"
                    + " (" + team.file() + ") names topics with " + policyClass.substring(policyClass.lastIndexOf('.') + 1)
                    + (separator.equals(".") ? "" : " and separator '" + separator + "'") + "; set replication.policy: " + kind
                    + (separator.equals(".") ? "" : " (Firedrill follows only the '.' separator)"));
        }
        return flow.withEndpoints(flow.source().withAlias(team.sourceAlias()), flow.target().withAlias(team.targetAlias()))
                .asTeamFlow(team.settings());
    }

    private static MirrorMakerBase base(MirrorMakerSetup setup) {
        return new MirrorMakerBase(setup.profile().keyword(), setup.properties(), setup.source(), setup.warnings(), setup.exactlyOnce());
    }

    /** Exactly the critical topics the scenario's regex selects, quoted: MirrorMaker splits its filter on commas. */
    private static String topicsRegex(Scenario scenario) {
        List<String> topics = scenario.replicatedTopics().stream().map(TopicSpec::name).toList();
        return topics.isEmpty() ? "(?!)" : topics.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    private int replicationFactor() {
        return Math.min(3, site.cluster(ClusterRole.BACKUP).brokers().size());
    }

    private ReplicationEndpoint link(ClusterRole role) {
        Map<String, String> properties = new LinkedHashMap<>();
        site.cluster(role).clientProperties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        return new ReplicationEndpoint(role.keyword(), site.bootstrapServers(role, NetworkPath.REPLICATION), properties);
    }

    @Override
    public void start() {
        if (team != null) {
            // nothing to start: the team's MirrorMaker already runs; its topics tell its health
            settings = new MirrorMakerSettings(team.describe(), team.settings(), List.of(), List.of());
            monitor = ReplicationMonitor.follow(forwardFlow, primary(), backupCluster()).startSampling(SAMPLE_INTERVAL);
            return;
        }
        forward = MirrorMaker.start(forwardFlow);
        settings = forward.settings();
        monitor = ReplicationMonitor.watch(forward, primary(), backupCluster()).startSampling(SAMPLE_INTERVAL);
    }

    /**
     * A MirrorMaker fault on the team's MirrorMaker: their command, run to its end like any child of
     * the harness (it dies with it); one that fails or hangs is an infrastructure error with its output.
     */
    private void runTeamCommand(String fault, java.util.Optional<String> command) {
        String line = command.orElseThrow(() -> new IllegalStateException("no " + fault + " command for the team's MirrorMaker"));
        Path log = RunDirectory.resolve("team-mirrormaker").resolve(fault + ".log");
        Process process = ChildProcesses.start(new ProcessBuilder("bash", "-c", line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
        boolean done = ChildProcesses.awaitExit(process, TEAM_COMMAND_TIMEOUT);
        if (!done || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new InfrastructureException("the team's MirrorMaker " + fault + " command " + (done
                    ? "exited with status " + process.exitValue() : "did not finish within " + TEAM_COMMAND_TIMEOUT.toSeconds() + " s")
                    + ": " + line, List.of(new InfrastructureException.LogExcerpt("team-mirrormaker-" + fault, log.toString(),
                    LogFiles.tail(log, 40))));
        }
    }

    private KafkaCluster primary() {
        return site.cluster(ClusterRole.PRIMARY);
    }

    private KafkaCluster backupCluster() {
        return site.cluster(ClusterRole.BACKUP);
    }

    @Override
    public Health health() {
        if (restoring != null) {
            return new Health(restoring.isDone() ? "restored, awaiting failback" : "restoring primary from " + restoringFrom.keyword(), null, null);
        }
        ReplicationMonitor current = monitor;
        if (current == null) {
            return new Health(stateWithoutFlow == null ? "starting" : stateWithoutFlow, null, null);
        }
        ReplicationSnapshot latest = current.latest();
        return new Health(latest.state().label(), latest.lagRecords(), latest.lagMs());
    }

    @Override
    public void awaitHealthy(Duration timeout) {
        requireMonitor("replication-healthy").awaitHealthy(timeout);
    }

    @Override
    public void awaitCaughtUp(Duration timeout) {
        requireMonitor("replication-caught-up").awaitCaughtUp(timeout);
    }

    private ReplicationMonitor requireMonitor(String condition) {
        ReplicationMonitor current = monitor;
        if (current == null) {
            throw new IllegalStateException(condition + ": no primary -> backup replication runs now ("
                    + (stateWithoutFlow == null ? "not started" : stateWithoutFlow) + ")");
        }
        return current;
    }

    @Override
    public void kill() {
        if (team != null) {
            runTeamCommand("kill", team.killCommand());
            return;
        }
        if (forward == null) {
            throw new IllegalStateException("no MirrorMaker runs primary -> backup now");
        }
        forward.kill();
    }

    @Override
    public void restart() {
        if (team != null) {
            runTeamCommand("restart", team.restartCommand());
            return;
        }
        if (forward != null && !forward.isAlive()) {
            forward.start();
        }
    }

    @Override
    public void restartWithClockOffset(Duration offset) {
        if (forward == null) {
            if (offset.isZero()) {
                return; // healing a skew after failover: the skewed MirrorMaker is gone with its clock
            }
            throw new IllegalStateException("no MirrorMaker runs primary -> backup now");
        }
        forward.restartWithClockOffset(offset);
    }

    @Override
    public GroupOffsets failover(Collection<String> groups, FailoverOffsets offsets) {
        List<String> topics = scenario.topics().stream().map(TopicSpec::name).toList();
        FailoverResult result = Failover.run(forward != null && forward.isAlive() ? forward : null, monitor, topics, groups,
                switch (offsets) {
                    case MIRRORMAKER_SYNCED -> ResumeOffset.MIRRORMAKER_SYNCED;
                    case CHECKPOINTS -> ResumeOffset.CHECKPOINTS;
                    case LAST_SEEN -> ResumeOffset.LAST_SEEN;
                });
        failoverResume = new DrillResult.FailoverResume(offsets.keyword(), offsets.label(), result.groups().stream()
                .map(group -> new DrillResult.ResumedGroup(group.group(), group.translationGapRecords(),
                        group.offsets().entrySet().stream().map(entry -> new DrillResult.ResumedPartition(entry.getKey().topic(),
                                entry.getKey().partition(), entry.getValue().offset(), basisName(entry.getValue().basis()))).toList()))
                .toList());
        // a sample may be waiting on the lost primary (up to its 2 s call timeout): the clients
        // must not wait for it, so the monitor closes in the background
        ReplicationMonitor lost = monitor;
        monitor = null;
        if (lost != null) {
            monitorsClosing.add(CompletableFuture.runAsync(lost::close));
        }
        retire(forward);
        forward = null;
        failedOver = true;
        stateWithoutFlow = "stopped: clients on the backup";
        Long gap = result.translationGapRecords();
        return new GroupOffsets(offsets(result.groups()), gap == null ? 0 : gap,
                "fenced in " + result.fenceMs() + " ms, offsets committed in " + result.offsetsMs() + " ms"
                        + (gap == null ? "; translation gap unknown" : "")
                        + bases(result.groups()) + " (" + offsets.keyword() + ")");
    }

    @Override
    public DrillResult.ReplicationFigures figures() {
        return settings == null ? null : new DrillResult.ReplicationFigures(settings, failoverResume);
    }

    private static String basisName(ResumeOffset.Basis basis) {
        return basis.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Map<TopicPartition, Long>> offsets(List<GroupResume> groups) {
        Map<String, Map<TopicPartition, Long>> offsets = new LinkedHashMap<>();
        for (GroupResume group : groups) {
            Map<TopicPartition, Long> positions = new LinkedHashMap<>();
            group.offsets().forEach((partition, resume) -> positions.put(partition, resume.offset()));
            offsets.put(group.group(), positions);
        }
        return offsets;
    }

    private static String bases(List<GroupResume> groups) {
        String bases = groups.stream().flatMap(group -> group.offsets().values().stream())
                .map(resume -> basisName(resume.basis()))
                .collect(Collectors.groupingBy(basis -> basis, LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
        return bases.isEmpty() ? "" : "; resume offsets: " + bases;
    }

    @Override
    public Snapshot backup() {
        List<String> topics = scenario.replicatedTopics().stream().map(TopicSpec::name).toList();
        BackupStorage.Snapshot snapshot = storage.snapshot(primary(), topics, scenario.replication().groups());
        return new Snapshot(snapshot.records(), topics.size(), snapshot.directory().toString());
    }

    @Override
    public void restore(RestoreSource from) {
        RestorePlan plan = new RestorePlan(ClusterRole.PRIMARY.keyword(),
                ReplicationPolicyKind.parse(scenario.replication().policy().keyword()),
                scenario.replicatedTopics().stream().map(TopicSpec::name).toList());
        restoringFrom = from;
        restoring = switch (from) {
            case BACKUP -> CompletableFuture.supplyAsync(() -> {
                // what the backup holds as the restore starts, counted while the restore runs
                CompletableFuture<Map<TopicPartition, Long>> held = CompletableFuture.supplyAsync(() -> heldOnBackup(plan));
                reverse = ReverseReplication.restore(plan, link(ClusterRole.BACKUP), link(ClusterRole.PRIMARY),
                        Math.min(3, primary().brokers().size()), forwardFlow.kafka(), forwardFlow.run(), backupCluster(), primary(), RESTORE_TIMEOUT);
                return checked(reverse.result(), held.join());
            });
            case BACKUP_STORAGE -> {
                Path snapshot = storage.latest().orElseThrow(() ->
                        new IllegalStateException("backup storage holds no snapshot: a backup step must come first"));
                // verified before the step returns, so a refused snapshot fails the restore step itself
                SnapshotManifest manifest = storage.verify(snapshot);
                Map<TopicPartition, Long> held = inSnapshot(manifest, plan);
                yield CompletableFuture.supplyAsync(() -> checked(storage.restore(snapshot, primary(), plan), held));
            }
        };
    }

    /** A finished restore with what the restored cluster now holds against {@code expected}. */
    private CheckedRestore checked(RestoreResult result, Map<TopicPartition, Long> expected) {
        Set<String> topics = expected.keySet().stream().map(TopicPartition::topic).collect(Collectors.toCollection(TreeSet::new));
        return new CheckedRestore(result, new RestoreCoverage(expected, recordsPerPartition(primary(), topics, name -> name)));
    }

    private record CheckedRestore(RestoreResult result, RestoreCoverage coverage) {}

    /** The backup's records per partition of the topics the plan restores from, under their restored names. */
    private Map<TopicPartition, Long> heldOnBackup(RestorePlan plan) {
        Set<String> onBackup;
        try (Admin admin = KafkaAdmin.create(clientConfig(backupCluster()), "firedrill-restore-check", COUNT_TIMEOUT)) {
            onBackup = admin.listTopics().names().get();
        } catch (ExecutionException e) {
            throw new InfrastructureException("cannot list the backup's topics to check the restore: " + KafkaAdmin.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the backup's topics", e);
        }
        Map<String, String> restoredName = new LinkedHashMap<>();
        plan.sourcesByTopic(onBackup).forEach((target, sources) -> sources.forEach(source -> restoredName.put(source, target)));
        return recordsPerPartition(backupCluster(), restoredName.keySet(), restoredName::get);
    }

    /** The snapshot's records per partition, as its verified manifest counts them, under their restored names. */
    private static Map<TopicPartition, Long> inSnapshot(SnapshotManifest manifest, RestorePlan plan) {
        Map<String, SnapshotManifest.TopicEntry> byName = manifest.topics().stream()
                .collect(Collectors.toMap(SnapshotManifest.TopicEntry::name, topic -> topic));
        Map<TopicPartition, Long> held = new HashMap<>();
        plan.sourcesByTopic(byName.keySet()).forEach((target, sources) -> sources.forEach(source ->
                byName.get(source).segments().forEach(segment ->
                        held.merge(new TopicPartition(target, segment.partition()), segment.records(), Long::sum))));
        return held;
    }

    /**
     * Records per partition as a read_committed reader sees them (transaction markers and aborted
     * records not counted), keyed by {@code rename} of each topic.
     */
    private static Map<TopicPartition, Long> recordsPerPartition(KafkaCluster cluster, Collection<String> topics,
                                                                 java.util.function.UnaryOperator<String> rename) {
        Map<TopicPartition, Long> counts = new HashMap<>();
        if (!topics.isEmpty()) {
            ClusterContentsReader.readAll(clientConfig(cluster), topics,
                    (topic, partition, offset, key, value) -> counts.merge(new TopicPartition(rename.apply(topic), partition), 1L, Long::sum),
                    COUNT_TIMEOUT);
        }
        return counts;
    }

    private static Map<String, Object> clientConfig(KafkaCluster cluster) {
        Map<String, Object> config = new HashMap<>(cluster.clientProperties());
        config.put("bootstrap.servers", cluster.bootstrapServers());
        return config;
    }

    @Override
    public Restore awaitRestoreComplete(Duration timeout) {
        CompletableFuture<CheckedRestore> running = restoring;
        if (running == null) {
            throw new IllegalStateException("restore-complete: no restore was started");
        }
        try {
            CheckedRestore done = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            RestoreResult result = done.result();
            return new Restore(done.coverage().restoredRecords(), result.ms(), done.coverage().complete(),
                    done.coverage().describeMissing(), String.format(java.util.Locale.ROOT,
                    "%.0f records/s while copying", result.recordsPerSecond()));
        } catch (TimeoutException e) {
            throw new IllegalStateException("the restore from " + restoringFrom.keyword() + " did not finish within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new InfrastructureException("restore failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the restore", e);
        }
    }

    @Override
    public GroupOffsets failback(Collection<String> groups) {
        awaitRestoreComplete(RESTORE_TIMEOUT);
        FailbackResult result = restoringFrom == RestoreSource.BACKUP
                ? Failback.afterReverseReplication(reverse, forwardFlow, primary(), backupCluster(), groups, DRAIN_TIMEOUT)
                : Failback.afterStorageRestore(forwardFlow, primary(), backupCluster());
        if (reverse != null) {
            retire(reverse.mirrorMaker());
            reverse.close();
            reverse = null;
        }
        restoring = null;
        failedOver = false;
        forward = result.forward();
        monitor = ReplicationMonitor.watch(forward, primary(), backupCluster()).startSampling(SAMPLE_INTERVAL);
        stateWithoutFlow = null;
        return new GroupOffsets(offsets(result.groups()), 0, "drained in " + result.drainMs() + " ms, offsets on the primary in "
                + result.offsetsMs() + " ms, forward replication again after " + result.totalMs() + " ms");
    }

    @Override
    public List<String> physicalTopics(ClusterRole cluster, String topic) {
        if (cluster == ClusterRole.PRIMARY || !scenario.topic(topic).map(spec -> scenario.replication().replicatesTopic(spec)).orElse(false)) {
            return List.of(topic);
        }
        ReplicationPolicyKind policy = forwardFlow.policy();
        String sourceAlias = forwardFlow.source().alias(); // the team's alias when following their MirrorMaker
        return failedOver ? policy.backupTopics(sourceAlias, topic) : List.of(policy.remoteTopic(sourceAlias, topic));
    }

    @Override
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        if (!forwardFlow.isTeamFlow()) {
            // what names this environment's topics and groups on the clusters (see Names per run)
            endpoints.put("mirrormaker.run.tag", forwardFlow.run().value());
        }
        MirrorMaker current = forward;
        if (current != null) {
            endpoints.put("mirrormaker.flow", current.name());
            endpoints.put("mirrormaker.pid", Long.toString(current.pid()));
            endpoints.put("mirrormaker.log", current.logFile().toString());
        }
        return endpoints;
    }

    @Override
    public Map<String, Long> processIds() {
        Map<String, Long> processes = new LinkedHashMap<>();
        MirrorMaker current = forward;
        if (current != null && current.isAlive()) {
            processes.put("mirrormaker " + current.flow().name(), current.pid());
        }
        if (reverse != null && reverse.mirrorMaker() != null && reverse.mirrorMaker().isAlive()) {
            processes.put("mirrormaker " + reverse.mirrorMaker().flow().name() + " (restore)", reverse.mirrorMaker().pid());
        }
        return processes;
    }

    @Override
    public List<InfrastructureException.LogExcerpt> logTails(int lines) {
        List<InfrastructureException.LogExcerpt> tails = new ArrayList<>();
        List<MirrorMaker> all = new ArrayList<>(retired);
        if (forward != null) {
            all.add(forward);
        }
        if (reverse != null && reverse.mirrorMaker() != null) {
            all.add(reverse.mirrorMaker());
        }
        all.forEach(mirrorMaker -> tails.add(mirrorMaker.logExcerpt(lines)));
        return tails;
    }

    private void retire(MirrorMaker mirrorMaker) {
        if (mirrorMaker != null && !retired.contains(mirrorMaker)) {
            retired.add(mirrorMaker);
        }
    }

    private void stopMonitor() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
    }

    @Override
    public void close() {
        stopMonitor();
        List<RuntimeException> failures = new ArrayList<>();
        List<AutoCloseable> parts = new ArrayList<>();
        if (reverse != null) {
            parts.add(reverse);
        }
        if (forward != null) {
            parts.add(forward);
        }
        parts.addAll(retired);
        monitorsClosing.forEach(closing -> parts.add(closing::join));
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                failures.add(e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
