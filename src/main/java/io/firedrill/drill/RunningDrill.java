package io.firedrill.drill;

import io.firedrill.cluster.KafkaCluster;
import io.firedrill.drill.DrillResult.ExpectationFailure;
import io.firedrill.drill.DrillResult.StepStatus;
import io.firedrill.drill.DrillResult.Verdict;
import io.firedrill.fault.ActiveFault;
import io.firedrill.fault.FaultInjector;
import io.firedrill.fault.NetworkPath;
import io.firedrill.replication.DisasterDetector;
import io.firedrill.replication.ReplicationException;
import io.firedrill.scenario.ClientsMode;
import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.RestoreSource;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.Durations;
import io.firedrill.scenario.Step;
import io.firedrill.scenario.Target;
import io.firedrill.scenario.TopicSpec;
import io.firedrill.replication.SnapshotRejectedException;
import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;
import io.firedrill.support.RunTag;
import io.firedrill.traffic.TrafficEndpoint;
import io.firedrill.traffic.TrafficConsumerGroup;
import io.firedrill.verify.CheckReport;
import io.firedrill.verify.Checker;
import io.firedrill.verify.ClusterContentsReader;
import io.firedrill.verify.Ledger;
import io.firedrill.verify.PassThroughCheck;
import io.firedrill.verify.StoredRecords;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One drill from boot to verdict: boots the site, starts replication and traffic, runs the steps
 * in order while keeping the timeline and status tracker, then stops traffic, checks the ledger
 * against the cluster the clients ended on, judges the expectations, and tears everything down.
 */
final class RunningDrill {

    /** How long the groups get to process what is left once producers stop. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);
    /** After a broken step or a client stuck after a flip: enough for groups and the read on a live cluster, short on a dead one. */
    private static final Duration BROKEN_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BROKEN_READ_TIMEOUT = Duration.ofSeconds(20);
    /** After SIGTERM the whole drill must end within seconds. */
    private static final Duration ABORTED_READ_TIMEOUT = Duration.ofSeconds(4);
    private static final int LOG_TAIL_LINES = 40;
    /** How often a failover in redirect mode looks whether every client got through. */
    private static final Duration RECOVERY_POLL = Duration.ofMillis(10);

    private final Scenario scenario;
    private final DrillOptions options;
    private final DrillListener listener;
    private final DrillClock clock = new DrillClock();
    private final Timeline timeline = new Timeline();
    /** Where the drill stands; only the drill thread moves it, the sampler and reports read it. */
    private volatile DrillState state = DrillState.initial();
    private final Ledger ledger;
    private final List<ExpectationFailure> stepFailures = new ArrayList<>();
    private final List<DrillResult.ClientRecovery> clientRecoveries = new ArrayList<>();

    private DrillEnvironment environment;
    private DrillSite site;
    private ReplicationEngine replication;
    private DisasterDetector detector;
    private TrafficFleet fleet;
    private FaultInjector faults;
    private Sampler sampler;
    private DrillApplications applications;

    private DrillResult.RestoreFigures restore;
    private Throwable error;
    private Long bootMs;
    private Long replicationStartMs;
    private Long stepsMs;
    private Long verifyMs;
    private Long teardownMs;
    /** Why the records figures are missing although traffic ran: the final cluster could not be read. */
    private String recordsUnreadable;
    private volatile Thread drillThread;
    private volatile boolean inSteps;
    private volatile String abortedBy;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RunningDrill.class);
    /** Creates the topics of {@code create-after}; shut down at teardown, so none is created after the drill. */
    private final ScheduledExecutorService lateTopics = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "firedrill-late-topics");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RuntimeException lateTopicError;

    RunningDrill(Scenario scenario, DrillOptions options, DrillListener listener) {
        this.scenario = scenario;
        this.options = options;
        this.listener = listener;
        this.ledger = new Ledger(new java.util.Random().nextInt(Integer.MAX_VALUE), clock.startEpochMs());
    }

    /**
     * Runs the drill to its result. Once traffic has started, every end (PASS, FAIL, a broken
     * step, an infrastructure ERROR, SIGTERM) judges the history against the cluster the clients
     * ended on: a broken drill still shows the data it lost.
     */
    DrillResult run() {
        drillThread = Thread.currentThread();
        try {
            boot();
        } catch (BadInputException e) {
            // the backend cannot run this scenario: nothing ran, so there is nothing to judge
            teardown();
            throw e;
        } catch (Throwable t) {
            error = t;
        }
        CheckReport check = null;
        if (error == null && abortedBy != null) {
            error = new IllegalStateException("drill stopped by " + abortedBy + " before its traffic started");
        }
        if (error == null) {
            try {
                startTraffic();
                runSteps();
            } catch (ApplicationNotReadyException e) {
                // the application under drill never came up: a finding, and no step can run without it
                stepFailures.add(notReady(e, "at start"));
            } catch (Throwable t) {
                error = error == null ? t : error;
            }
        }
        lateTopics.shutdownNow();
        if (error == null && lateTopicError != null) {
            error = lateTopicError;
        }
        if (fleet != null) {
            check = judgeHistory();
        }
        List<DrillResult.LogTail> logs = error == null && stepFailures.isEmpty() ? List.of() : logTails();
        teardown();
        return result(check, logs);
    }

    /**
     * Stops the drill from another thread (SIGTERM, Ctrl-C): the running step breaks at once, and
     * the drill is judged, torn down and reported as usual, without waiting for groups to drain.
     */
    void abort(String why) {
        abortedBy = why;
        Thread running = drillThread;
        if (running != null && inSteps) {
            running.interrupt();
        }
    }

    // ----------------------------------------------------------------------------------- phases

    private void boot() {
        environment = DrillEnvironment.start(scenario, options, listener, RunTag.of(ledger.runId()));
        site = environment.site();
        replication = environment.replication();
        bootMs = environment.bootMs();
        replicationStartMs = environment.replicationStartMs();
        detector = DisasterDetector.start("primary", site.bootstrapServers(ClusterRole.PRIMARY, NetworkPath.CLIENTS),
                site.cluster(ClusterRole.PRIMARY).clientProperties(), scenario.detection());
        faults = environment.faultInjector(clock::nowMs, name -> applications.get(name));
    }

    private void startTraffic() {
        fleet = TrafficFleet.start(scenario, ledger, endpoint(ClusterRole.PRIMARY));
        scenario.topics().stream().filter(topic -> topic.createAfter().isPresent()).forEach(this::createLater);
        sampler = Sampler.start(clock, () -> fleet, () -> replication == null ? null : safeHealth(), new CpuMeter(this::processIds));
        if (!scenario.applications().isEmpty()) {
            applications = new DrillApplications(() -> directClient(state.clientsOn()));
            applications.start(scenario.applications(), ledger.runId(), this::applicationBootstrap);
        }
    }

    /**
     * A topic the team adds while MirrorMaker runs: created on the primary {@code create-after}
     * into the traffic, its producers started on the cluster the clients are on then. Whether it
     * reaches the backup is MirrorMaker's topic refresh; a creation that fails ends the drill in ERROR.
     */
    private void createLater(TopicSpec topic) {
        lateTopics.schedule(() -> {
            try {
                site.createLater(topic);
                fleet.startProducersOf(topic.name(), endpoint(state.clientsOn()));
                log.info("{}: topic {} created on the primary {} after traffic started", scenario.name(), topic.name(),
                        Durations.format(topic.createAfter().orElseThrow()));
            } catch (RuntimeException e) {
                lateTopicError = e;
                log.error("{}: topic {} could not be created mid-drill: {}", scenario.name(), topic.name(), e.toString());
            }
        }, topic.createAfter().orElseThrow().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The address applications get for the active cluster: its clients' path, so faults on
     * {@code clients->...} hit them as they hit a team's service. The one place the stable-address
     * work replaces.
     */
    private String applicationBootstrap() {
        return scenario.redirectsClients() ? site.activeBootstrapServers() : site.bootstrapServers(state.clientsOn(), NetworkPath.CLIENTS);
    }

    /**
     * Applications follow a failover or failback the way a team redeploys: started again with the
     * new active cluster's address (they were stopped before offsets were translated).
     */
    private void repointApplications() {
        if (applications != null) {
            applications.repoint(true);
        }
    }

    /**
     * Under the stable address applications are not restarted: they must recover by themselves
     * after the flip. Only the harness's feeds move, to the cluster the address is about to reach.
     */
    private void followActiveAddress() {
        if (applications != null) {
            applications.repoint(false);
        }
    }

    /** The harness's own unfaulted client properties for a cluster: feeds and readiness checks. */
    private Map<String, Object> directClient(ClusterRole role) {
        KafkaCluster cluster = site.cluster(role);
        Map<String, Object> client = new HashMap<>(cluster.clientProperties());
        client.put("bootstrap.servers", cluster.bootstrapServers());
        return client;
    }

    private static ExpectationFailure notReady(ApplicationNotReadyException e, String when) {
        return new ExpectationFailure("application " + e.application() + " ready", "not ready", "ready", e.getMessage() + " (" + when + ")");
    }

    private ReplicationEngine.Health safeHealth() {
        try {
            return replication.health();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The drill's brokers and replication processes now, by name, for the CPU breakdown. */
    private Map<String, Long> processIds() {
        Map<String, Long> processes = new LinkedHashMap<>();
        for (ClusterRole role : ClusterRole.values()) {
            site.cluster(role).brokers().forEach(broker -> processes.put(broker.target(), broker.pid()));
        }
        processes.putAll(replication.processIds());
        return processes;
    }

    /** Where clients of a cluster connect, and what the scenario's topics are called there. */
    private TrafficEndpoint endpoint(ClusterRole role) {
        Map<String, TrafficEndpoint.TopicRoute> routes = new HashMap<>();
        for (TopicSpec topic : scenario.topics()) {
            routes.put(topic.name(), new TrafficEndpoint.TopicRoute(topic.name(), replication.physicalTopics(role, topic.name())));
        }
        Map<String, String> properties = new HashMap<>();
        site.cluster(role).clientProperties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        // redirected clients only ever know the active address, whichever cluster it reaches
        String bootstrap = scenario.redirectsClients() ? site.activeBootstrapServers() : site.bootstrapServers(role, NetworkPath.CLIENTS);
        return new TrafficEndpoint(role.keyword(), bootstrap, properties, routes);
    }

    private void runSteps() {
        long start = clock.nowMs();
        inSteps = true;
        try {
            List<Step> steps = scenario.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                listener.stepStarted(scenario.name(), step);
                DrillResult.StepRecord record = execute(step);
                timeline.step(record);
                listener.stepFinished(scenario.name(), record);
                if (record.outcome() != StepStatus.PASSED) {
                    for (Step skipped : steps.subList(i + 1, steps.size())) {
                        DrillResult.StepRecord row = new DrillResult.StepRecord(skipped.index(), skipped.text(), skipped.conditionText(),
                                "skipped", "an earlier step did not pass", clock.nowMs(), clock.nowMs(), StepStatus.SKIPPED,
                                statusNow(), skipped.family().orElse(null));
                        timeline.step(row);
                        listener.stepFinished(scenario.name(), row);
                    }
                    return;
                }
            }
        } finally {
            inSteps = false;
            // an abort that came as the last step ended must not break the judgement's Kafka calls
            Thread.interrupted();
            stepsMs = clock.nowMs() - start;
        }
    }

    /**
     * Stops traffic and checks the ledger against the cluster the clients ended on. After an
     * orderly drill the groups get {@link #DRAIN_TIMEOUT} to process what is left; after a broken
     * one a little; after an abort none (what they did not process counts as skipped). A cluster
     * that cannot be read leaves the records figures null, with the reason in the result.
     */
    private CheckReport judgeHistory() {
        listener.phase(scenario.name(), "verify");
        long start = clock.nowMs();
        try {
            if (state.restoringFrom().isPresent() && error == null && abortedBy == null) {
                try {
                    restoreDone(replication.awaitRestoreComplete(DRAIN_TIMEOUT));
                } catch (SnapshotRejectedException e) {
                    stepFailures.add(new ExpectationFailure("restore", "snapshot refused", "a snapshot that passes verification",
                            "restore: " + e.getMessage()));
                } catch (RuntimeException e) {
                    error = e;
                }
            }
            // a group that never recovered after an address flip cannot drain: it only gets the short wait
            boolean stuck = clientRecoveries.stream().anyMatch(recovery -> recovery.recoveredMs() == null);
            Duration drain = abortedBy != null ? Duration.ZERO : error != null || stuck ? BROKEN_DRAIN_TIMEOUT : DRAIN_TIMEOUT;
            if (applications != null) {
                applications.drain(drain);
            }
            closeTraffic(drain);
            Duration read = abortedBy != null ? ABORTED_READ_TIMEOUT : error != null ? BROKEN_READ_TIMEOUT : READ_TIMEOUT;
            try {
                return check(read);
            } catch (RuntimeException e) {
                recordsUnreadable = "the " + state.clientsOn().keyword() + " cluster the clients ended on could not be read within "
                        + Judgement.format(read) + ": " + describe(e);
                if (error == null) {
                    error = e;
                }
                return null;
            }
        } finally {
            verifyMs = clock.nowMs() - start;
        }
    }

    private void closeTraffic(Duration drain) {
        try {
            fleet.stopProducers();
            if (!drain.isZero()) {
                try {
                    fleet.awaitGroupsCaughtUp(drain);
                } catch (RuntimeException e) {
                    // the checker counts what the groups did not process as skipped
                }
            }
            fleet.close();
        } finally {
            sampler.close();
        }
    }

    private CheckReport check(Duration timeout) {
        KafkaCluster finalCluster = site.cluster(state.clientsOn());
        StoredRecords stored = new StoredRecords(ledger, state.clientsOn().keyword());
        Map<String, Object> client = new HashMap<>(finalCluster.clientProperties());
        client.put("bootstrap.servers", finalCluster.bootstrapServers());
        List<String> topics = scenario.topics().stream().filter(topic -> !scenario.applicationTopics().contains(topic.name()))
                .flatMap(topic -> replication.physicalTopics(state.clientsOn(), topic.name()).stream()).distinct().toList();
        ClusterContentsReader.Summary read = ClusterContentsReader.readAll(client, topics, stored, timeout);
        if (!read.missingTopics().isEmpty()) {
            log.warn("{}: {} not on the {} cluster: every acknowledged record of {} counts as lost", scenario.name(),
                    read.missingTopics(), state.clientsOn().keyword(), read.missingTopics().size() == 1 ? "it" : "them");
        }
        return Checker.check(ledger, stored);
    }

    private void teardown() {
        listener.phase(scenario.name(), "teardown");
        long start = clock.nowMs();
        if (abortedBy != null) {
            killForAbort();
        }
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(applications);
        parts.add(sampler);
        parts.add(fleet);
        parts.add(faults);
        parts.add(detector);
        parts.add(environment);
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (error == null) {
                    error = e;
                }
            }
        }
        teardownMs = clock.nowMs() - start;
    }

    /**
     * After SIGTERM the history is judged already: the processes are killed rather than stopped
     * cleanly, so the drill ends within seconds; closing them afterwards only collects them.
     */
    private void killForAbort() {
        List<Runnable> kills = new ArrayList<>();
        if (applications != null) {
            kills.add(applications::close);
        }
        if (replication != null) {
            kills.add(replication::kill);
        }
        if (site != null) {
            for (ClusterRole role : ClusterRole.values()) {
                KafkaCluster cluster = site.cluster(role);
                if (cluster.managesBrokers()) { // an external cluster is never the harness's to kill
                    kills.add(cluster::killAll);
                }
            }
        }
        for (Runnable kill : kills) {
            try {
                kill.run();
            } catch (RuntimeException e) {
                // already gone or not killable: the clean close below deals with it
            }
        }
    }

    // ------------------------------------------------------------------------------------ steps

    private DrillResult.StepRecord execute(Step step) {
        long start = clock.nowMs();
        String result;
        String notes = "";
        StepStatus outcome = StepStatus.PASSED;
        try {
            Outcome done = perform(step);
            result = done.result();
            notes = done.notes();
        } catch (StepFailed e) {
            if (abortedBy != null) {
                // the wait was cut short by the abort, not by the system under drill
                return broken(step, start, e);
            }
            outcome = StepStatus.FAILED;
            result = e.getMessage();
            notes = e.notes();
            stepFailures.add(new ExpectationFailure(e.expectation(), e.actual(), e.bound(),
                    "step " + step.index() + " (line " + step.line() + "): " + e.getMessage()));
        } catch (ApplicationNotReadyException e) {
            outcome = StepStatus.FAILED;
            result = e.getMessage();
            stepFailures.add(notReady(e, "step " + step.index() + ", line " + step.line()));
        } catch (SnapshotRejectedException e) {
            outcome = StepStatus.FAILED;
            result = "snapshot refused";
            notes = e.getMessage();
            stepFailures.add(snapshotRefused(step, e));
        } catch (RuntimeException e) {
            return broken(step, start, e);
        }
        return new DrillResult.StepRecord(step.index(), step.text(), step.conditionText(), result, notes, start,
                clock.nowMs(), outcome, statusNow(), step.family().orElse(null));
    }

    /** A step the infrastructure (or an abort) broke: the drill is in ERROR, and still judged. */
    private DrillResult.StepRecord broken(Step step, long start, RuntimeException e) {
        RuntimeException cause = abortedBy == null ? e : new IllegalStateException("drill stopped by " + abortedBy, e);
        error = cause;
        return new DrillResult.StepRecord(step.index(), step.text(), step.conditionText(), "broken: " + cause.getMessage(), "",
                start, clock.nowMs(), StepStatus.BROKEN, statusNow(), step.family().orElse(null));
    }

    /** Runs one step; a step that needs a path a fault still cuts fails at once, naming the fault. */
    private Outcome perform(Step step) {
        List<Step.Fault> active = faults.active().stream().map(ActiveFault::step).toList();
        BlockedPaths.blockedBy(step, active, state.clientsOn()).ifPresent(why -> {
            throw new StepFailed(step.keyword(), why, "path cut", "a path no fault cuts", "");
        });
        return step.accept(interpreter);
    }

    /** The one dispatch of steps to what they do: a step type it does not handle does not compile. */
    private final Step.Visitor<Outcome> interpreter = new Step.Visitor<>() {
        @Override
        public Outcome await(Step.Await step) {
            return RunningDrill.this.await(step);
        }

        @Override
        public Outcome run(Step.Run step) {
            return RunningDrill.this.run(step);
        }

        @Override
        public Outcome fault(Step.Fault step) {
            return RunningDrill.this.fault(step);
        }

        @Override
        public Outcome heal(Step.Heal step) {
            return RunningDrill.this.heal(step);
        }

        @Override
        public Outcome backup(Step.Backup step) {
            return RunningDrill.this.backup();
        }

        @Override
        public Outcome failover(Step.Failover step) {
            return RunningDrill.this.failover(step);
        }

        @Override
        public Outcome restore(Step.Restore step) {
            return RunningDrill.this.restore(step);
        }

        @Override
        public Outcome failback(Step.Failback step) {
            return RunningDrill.this.failback(step);
        }

        @Override
        public Outcome stopTraffic(Step.StopTraffic step) {
            return RunningDrill.this.stopTraffic();
        }
    };

    private record Outcome(String result, String notes) {
        static Outcome of(String result) {
            return new Outcome(result, "");
        }
    }

    /** A step whose condition was not met: the drill FAILs (the system under drill did not recover in time). */
    private static final class StepFailed extends RuntimeException {
        private final String expectation;
        private final String actual;
        private final String bound;
        private final String notes;

        StepFailed(String expectation, String message, String actual, String bound, String notes) {
            super(message);
            this.expectation = expectation;
            this.actual = actual;
            this.bound = bound;
            this.notes = notes;
        }

        String expectation() {
            return expectation;
        }

        String actual() {
            return actual;
        }

        String bound() {
            return bound;
        }

        String notes() {
            return notes;
        }
    }

    /** A corrupted backup is a finding of the drill: the step that found it fails, naming the file and digest. */
    private static ExpectationFailure snapshotRefused(Step step, SnapshotRejectedException e) {
        return new ExpectationFailure("restore", "snapshot refused", "a snapshot that passes verification",
                "step " + step.index() + " (line " + step.line() + "): " + e.getMessage());
    }

    private Outcome await(Step.Await await) {
        Duration timeout = await.timeout();
        long start = clock.nowMs();
        try {
            switch (await.condition()) {
                case REPLICATION_HEALTHY -> replication.awaitHealthy(timeout);
                case REPLICATION_CAUGHT_UP -> replication.awaitCaughtUp(timeout);
                case CONSUMERS_CAUGHT_UP -> fleet.awaitGroupsCaughtUp(timeout);
                case DISASTER_DETECTED -> {
                    DisasterDetector.Disaster disaster = detector.awaitDisaster(timeout);
                    state = state.disasterDetected();
                    timeline.mark(DrillMark.DETECTION, clock.fromEpochMs(disaster.declaredAt().toEpochMilli()));
                    Long disasterAt = timeline.mark(DrillMark.DISASTER);
                    return new Outcome("primary declared lost after " + Judgement.formatMs(clock.nowMs() - start),
                            disasterAt == null ? "" : "detected " + Judgement.formatMs(
                                    clock.fromEpochMs(disaster.declaredAt().toEpochMilli()) - disasterAt) + " after the disaster");
                }
                case RESTORE_COMPLETE -> {
                    ReplicationEngine.Restore done = replication.awaitRestoreComplete(timeout);
                    restoreDone(done);
                    return new Outcome("restored " + done.records() + " records in " + Judgement.formatMs(done.millis()), done.notes());
                }
            }
        } catch (ConditionTimeoutException | IllegalStateException | ReplicationException e) {
            // a condition not met in time is the system under drill not doing its part (FAIL); a busy
            // cluster's slow answers land here as the reason, never as an infrastructure ERROR
            throw new StepFailed("await " + await.condition().keyword(), await.condition().keyword() + " not reached within "
                    + Judgement.format(timeout), "not within " + Judgement.format(timeout), Judgement.format(timeout),
                    e.getMessage() == null ? "" : e.getMessage());
        }
        return Outcome.of("met after " + Judgement.formatMs(clock.nowMs() - start));
    }

    private Outcome run(Step.Run run) {
        long acked = ackedSoFar();
        pause(run.duration());
        return Outcome.of((ackedSoFar() - acked) + " records acknowledged while it ran");
    }

    private long ackedSoFar() {
        return fleet.producers().stream().mapToLong(producer -> producer.stats().acked()).sum();
    }

    private Outcome fault(Step.Fault step) {
        boolean disaster = scenario.disasterStep().filter(d -> d == step).isPresent();
        if (disaster) {
            timeline.mark(DrillMark.DISASTER, clock.nowMs());
        }
        state = state.faultInjected(step);
        ActiveFault active = faults.inject(step);
        String notes = Stream.of(disaster ? "the disaster: RTO counts from here" : "", active == null ? "" : active.effect())
                .filter(note -> !note.isEmpty()).collect(Collectors.joining("; "));
        if (active == null) {
            return new Outcome(step.type().keyword() + " done", notes);
        }
        timeline.faultStarted(active.id(), step, active.injectedAtMs());
        if (step.duration().isEmpty()) {
            return new Outcome("injected, in force until healed", notes);
        }
        pause(step.duration().get());
        faults.heal(active);
        timeline.faultEnded(active.id(), clock.nowMs());
        state = state.faultHealed(step);
        return new Outcome("injected, healed after " + Judgement.format(step.duration().get()), notes);
    }

    private Outcome heal(Step.Heal heal) {
        List<ActiveFault> healed = heal.target().map(faults::heal).orElseGet(faults::healAll);
        long now = clock.nowMs();
        for (ActiveFault fault : healed) {
            timeline.faultEnded(fault.id(), now);
            state = state.faultHealed(fault.step());
        }
        return Outcome.of(healed.isEmpty() ? "nothing to heal"
                : "healed " + healed.stream().map(ActiveFault::describe).collect(Collectors.joining(", ")));
    }

    private Outcome backup() {
        ReplicationEngine.Snapshot snapshot = replication.backup();
        state = state.backupTaken();
        timeline.mark(DrillMark.BACKUP, clock.nowMs());
        return new Outcome(snapshot.records() + " records of " + snapshot.topics() + " topics stored", snapshot.location());
    }

    private Outcome failover(Step.Failover step) {
        if (step.clients() == ClientsMode.REDIRECT) {
            return redirectedFailover(step);
        }
        long start = clock.nowMs();
        List<String> groups = groups();
        // nothing may still commit on the primary while its offsets are translated
        fleet.pause(detector.disaster().isPresent());
        if (applications != null) {
            applications.stopAll(detector.disaster().isPresent());
        }
        long paused = clock.nowMs();
        ReplicationEngine.GroupOffsets offsets = replication.failover(groups, step.offsets());
        long translated = clock.nowMs();
        fleet.repoint(endpoint(ClusterRole.BACKUP), offsets.offsets());
        state = state.failedOverToBackup();
        long moved = clock.nowMs();
        repointApplications();
        timeline.mark(DrillMark.FAILOVER, moved);
        flipActiveAddress(ClusterRole.BACKUP);
        return new Outcome("producers and " + groups.size() + " group(s) on the backup in " + Judgement.formatMs(moved - start),
                "clients left the primary in " + (paused - start) + " ms, replication failed over in " + (translated - paused)
                        + " ms, clients on the backup " + (moved - translated) + " ms later; translation gap "
                        + offsets.translationGapRecords() + " records" + (offsets.notes().isEmpty() ? "" : "; " + offsets.notes()));
    }

    /**
     * A failover as production runs it: replication fails over and commits each group's offsets
     * on the backup from what MirrorMaker 2 synced or checkpointed (nothing the harness watched),
     * the primary is fenced off from the clients (its client path closed) and the active address
     * flipped; the clients are not touched and must recover by themselves within
     * {@link Step.Failover#RECOVERY_WAIT}.
     */
    private Outcome redirectedFailover(Step.Failover step) {
        long start = clock.nowMs();
        List<String> groups = groups();
        ReplicationEngine.GroupOffsets offsets = replication.failover(groups, step.offsets());
        long translated = clock.nowMs();
        state = state.failedOverToBackup();
        // closed before the flip, so every ack and record after the flip is the backup's; the
        // backup's path is open again if an earlier failback closed it
        site.clientPath(ClusterRole.PRIMARY, false);
        site.clientPath(ClusterRole.BACKUP, true);
        // the feeds first: inputs sent from the flip on are already on the cluster the applications must find
        followActiveAddress();
        long flipped = flipActiveAddress(ClusterRole.BACKUP);
        timeline.mark(DrillMark.FAILOVER, flipped);
        String notes = "replication failed over in " + (translated - start) + " ms, address flipped "
                + (flipped - translated) + " ms later; translation gap " + offsets.translationGapRecords() + " records"
                + (offsets.notes().isEmpty() ? "" : "; " + offsets.notes());
        return awaitRecovery(step, ClusterRole.BACKUP, flipped, "active address on the backup", notes);
    }

    /**
     * Points the active address at {@code role} (when there is one: not on external clusters) and
     * returns when, in drill time. Redirected clients' traffic counts there from now on, and the
     * flip is marked, since their recovery counts from it; moved clients do not use the address,
     * and their charts keep the failover and failback marks only.
     */
    private long flipActiveAddress(ClusterRole role) {
        site.pointActiveAt(role);
        long at = clock.nowMs();
        if (scenario.redirectsClients()) {
            fleet.redirected(role.keyword());
            timeline.mark(role == ClusterRole.BACKUP ? DrillMark.ADDRESS_FLIPPED : DrillMark.ADDRESS_FLIPPED_BACK, at);
        }
        return at;
    }

    /**
     * Waits, bounded by {@link Step.Failover#RECOVERY_WAIT}, until every producer (while producing)
     * got an ack and every group processed a record on {@code role}'s cluster since the flip at
     * {@code flippedAtMs}, and the harness read every application's output of an input it sent
     * since then (the application is not restarted: it must find the cluster by itself); records
     * each client's time, and FAILs the step naming the clients that did not recover (a stuck
     * client is the finding, not a hang).
     */
    private Outcome awaitRecovery(Step step, ClusterRole role, long flippedAtMs, String result, String notes) {
        long flipEpochMs = clock.toEpochMs(flippedAtMs);
        long deadline = flippedAtMs + Step.Failover.RECOVERY_WAIT.toMillis();
        String alias = role.keyword();
        List<Recovering> clients = new ArrayList<>();
        if (fleet.producing()) {
            ledger.producers().forEach(producer -> clients.add(new Recovering(DrillResult.ClientKind.PRODUCER, producer.name(),
                    () -> producer.firstAckOn(alias, flipEpochMs))));
        }
        ledger.groups().forEach(group -> clients.add(new Recovering(DrillResult.ClientKind.GROUP, group.groupId(),
                () -> group.firstProcessedOn(alias, flipEpochMs))));
        if (applications != null) {
            // the feed writes to the new cluster only: any output of an input sent since the flip was made there
            applications.firstOutputsSince(flipEpochMs).forEach((name, firstOutput) -> clients.add(
                    new Recovering(DrillResult.ClientKind.APPLICATION, name, firstOutput)));
        }
        Map<Recovering, Long> recoveredMs = new LinkedHashMap<>();
        while (recoveredMs.size() < clients.size() && clock.nowMs() < deadline) {
            clients.forEach(client -> client.firstSinceFlip().get().ifPresent(at -> recoveredMs.putIfAbsent(client, at - flipEpochMs)));
            if (recoveredMs.size() < clients.size()) {
                pause(RECOVERY_POLL);
            }
        }
        List<String> stuck = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (Recovering client : clients) {
            Long ms = recoveredMs.get(client);
            clientRecoveries.add(new DrillResult.ClientRecovery(client.name(), client.kind(), step.index(), alias, ms));
            String who = client.kind().keyword() + " " + client.name();
            if (ms == null) {
                stuck.add(who);
            } else {
                times.add(who + " after " + Judgement.formatMs(ms));
            }
        }
        String recovered = times.isEmpty() ? "" : "; recovered: " + String.join(", ", times);
        if (!stuck.isEmpty()) {
            String wait = Judgement.format(Step.Failover.RECOVERY_WAIT);
            throw new StepFailed("client-recovery", String.join(", ", stuck) + " did not recover on the " + alias
                    + " within " + wait + " of the address flip", "not within " + wait, wait, notes + recovered);
        }
        return new Outcome(result + "; every client recovered within " + Judgement.formatMs(
                recoveredMs.values().stream().mapToLong(Long::longValue).max().orElse(0)), notes + recovered);
    }

    /** A redirected client being waited for: its first ack, processed record or application output on the new cluster since the flip. */
    private record Recovering(DrillResult.ClientKind kind, String name, Supplier<OptionalLong> firstSinceFlip) {
    }

    private Outcome restore(Step.Restore step) {
        long start = clock.nowMs();
        KafkaCluster target = site.cluster(step.to());
        if (state.clientsOn() == step.to()) {
            // clients wait, off any cluster, until the restore is done
            fleet.pause(state.primaryLost());
        }
        long now = clock.nowMs();
        faults.forget(new Target.Cluster(step.to())).forEach(fault -> timeline.faultEnded(fault.id(), now));
        target.rebuildEmpty();
        replication.restore(step.from());
        state = state.restoreStarted(step.to(), step.from());
        timeline.mark(DrillMark.RESTORE, clock.nowMs());
        return Outcome.of(step.to().keyword() + " rebuilt empty in " + Judgement.formatMs(clock.nowMs() - start)
                + "; restoring from " + step.from().keyword());
    }

    private void restoreDone(ReplicationEngine.Restore done) {
        restore = new DrillResult.RestoreFigures(done.records(), done.millis(), done.complete(),
                state.restoringFrom().map(RestoreSource::keyword).orElse(null), done.missing().isEmpty() ? null : done.missing());
        timeline.mark(DrillMark.RESTORED, clock.nowMs());
        boolean parked = state.clientsParked();
        state = state.restoreComplete();
        if (parked) {
            // back where they were, at the offsets the restore committed for them
            fleet.repoint(endpoint(state.clientsOn()), Map.of());
        }
    }

    private Outcome failback(Step.Failback step) {
        long start = clock.nowMs();
        if (state.restoringFrom().isPresent()) {
            restoreDone(replication.awaitRestoreComplete(Duration.ofMinutes(5)));
        }
        List<String> groups = groups();
        if (scenario.redirectsClients()) {
            // the backup must be quiet before it is drained onto the primary: its client path closes
            site.clientPath(ClusterRole.BACKUP, false);
            ReplicationEngine.GroupOffsets offsets = replication.failback(groups);
            state = state.failedBack();
            site.clientPath(ClusterRole.PRIMARY, true);
            followActiveAddress();
            long flipped = flipActiveAddress(ClusterRole.PRIMARY);
            timeline.mark(DrillMark.FAILBACK, flipped);
            return awaitRecovery(step, ClusterRole.PRIMARY, flipped, "active address on the primary",
                    "the backup's client path closed, then " + offsets.notes());
        }
        fleet.pause(false); // the backup must be quiet before it is drained onto the primary
        if (applications != null) {
            applications.stopAll(false);
        }
        ReplicationEngine.GroupOffsets offsets = replication.failback(groups);
        fleet.repoint(endpoint(ClusterRole.PRIMARY), offsets.offsets());
        state = state.failedBack();
        repointApplications();
        timeline.mark(DrillMark.FAILBACK, clock.nowMs());
        flipActiveAddress(ClusterRole.PRIMARY);
        return new Outcome("producers and " + groups.size() + " group(s) back on the primary in "
                + Judgement.formatMs(clock.nowMs() - start), offsets.notes());
    }

    /** Every group whose offsets move with the clients: the traffic's and the applications'. */
    private List<String> groups() {
        List<String> groups = new ArrayList<>(fleet.groups().stream().map(TrafficConsumerGroup::groupId).toList());
        if (applications != null) {
            groups.addAll(applications.groups());
        }
        return groups;
    }

    private Outcome stopTraffic() {
        fleet.stopProducers();
        long sent = fleet.producers().stream().mapToLong(producer -> producer.stats().sent()).sum();
        return Outcome.of("producers stopped after " + sent + " records");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("drill interrupted", e);
        }
    }

    /** The status tracker now: derived from the drill's state and replication's live health. */
    private DrillResult.Status statusNow() {
        String replicationStatus;
        try {
            replicationStatus = replication == null ? "starting" : replication.health().state();
        } catch (RuntimeException e) {
            replicationStatus = "unknown: " + e.getMessage();
        }
        return state.status(replicationStatus);
    }

    // ----------------------------------------------------------------------------------- result

    private List<DrillResult.LogTail> logTails() {
        List<DrillResult.LogTail> tails = new ArrayList<>();
        if (error instanceof InfrastructureException infrastructure) {
            infrastructure.logs().forEach(log -> tails.add(new DrillResult.LogTail(log.process(), log.path(), log.lines())));
        }
        if (site != null) {
            site.logTails(LOG_TAIL_LINES).forEach(log -> tails.add(new DrillResult.LogTail(log.process(), log.path(), log.lines())));
        }
        if (replication instanceof LogSource source) {
            source.logTails(LOG_TAIL_LINES).forEach(log -> tails.add(new DrillResult.LogTail(log.process(), log.path(), log.lines())));
        }
        Map<String, DrillResult.LogTail> unique = new LinkedHashMap<>();
        tails.forEach(tail -> unique.putIfAbsent(tail.process(), tail));
        return List.copyOf(unique.values());
    }

    /** Engines that run processes of their own expose their logs for failed drills. */
    interface LogSource {
        List<InfrastructureException.LogExcerpt> logTails(int lines);
    }

    private DrillResult result(CheckReport check, List<DrillResult.LogTail> logs) {
        long duration = clock.nowMs();
        List<DrillResult.ApplicationFigures> applicationFigures = applications == null ? List.of()
                : applications.figures(disturbance(), clock::fromEpochMs);
        DrillResult.RecordFigures records = check == null ? null : records(check);
        DrillResult.RpoFigures rpo = check == null ? null
                : new DrillResult.RpoFigures(check.lost().count(), check.lost().spanMs());
        DrillResult.RtoFigures rto = rto();
        Long disaster = timeline.mark(DrillMark.DISASTER);
        if (disaster != null && rto.firstConsumeMs() != null) {
            timeline.mark(DrillMark.RECOVERY, disaster + rto.firstConsumeMs());
        }
        List<ExpectationFailure> failures = new ArrayList<>(stepFailures);
        if (check != null) {
            failures.addAll(Judgement.judge(scenario.expect(), records, rpo, rto, restore, state.failedOver()));
        }
        failures.addAll(Judgement.applications(applicationFigures));
        Verdict verdict = error != null ? Verdict.ERROR : failures.isEmpty() ? Verdict.PASS : Verdict.FAIL;
        String message = error == null ? null : describe(error);
        return new DrillResult(scenario.name(), scenario.description(), scenario.tags(), scenario.severity().keyword(),
                verdict, failures, message, scenario.kafkaVersions(), options.backend(), clock.startEpochMs(), duration,
                records, rpo, rto, restore, timeline.steps(),
                new DrillResult.PhaseTimings(bootMs, replicationStartMs, stepsMs, verifyMs, teardownMs),
                new DrillResult.DrillSeries(sampler == null ? List.of() : sampler.samples(), timeline.faultWindows(), timeline.marks()),
                logs, ExpectBounds.of(scenario.expect()), recordsUnreadable, clientRecoveries, replicationFigures(),
                applicationFigures, sampler == null ? List.of() : sampler.cpu());
    }

    private DrillResult.ReplicationFigures replicationFigures() {
        return replication == null ? null : replication.figures();
    }

    /**
     * When the drill was disturbed, for the applications' phases: from the first fault or restore
     * step to the last fault healed, fault or restore step ended, failover or failback. A fault
     * never healed disturbs to the end, unless a later failover or failback took the clients off
     * it: then the recovery ends the disturbance.
     */
    private PassThroughCheck.Phases disturbance() {
        List<DrillResult.StepRecord> disturbing = timeline.steps().stream()
                .filter(step -> step.family() != null && step.outcome() != StepStatus.SKIPPED).toList();
        if (disturbing.isEmpty()) {
            return new PassThroughCheck.Phases(null, null);
        }
        long from = disturbing.stream().mapToLong(DrillResult.StepRecord::startedAtMs).min().orElseThrow();
        long until = disturbing.stream().mapToLong(DrillResult.StepRecord::endedAtMs).max().orElseThrow();
        Long lastMove = null;
        for (DrillMark mark : List.of(DrillMark.FAILOVER, DrillMark.FAILBACK)) {
            Long at = timeline.mark(mark);
            if (at != null) {
                until = Math.max(until, at);
                lastMove = lastMove == null ? at : Math.max(lastMove, at);
            }
        }
        for (DrillResult.FaultWindow window : timeline.faultWindows()) {
            if (window.endMs() != null) {
                until = Math.max(until, window.endMs());
            } else if (lastMove == null || lastMove < window.startMs()) {
                return new PassThroughCheck.Phases(from, null);
            }
        }
        return new PassThroughCheck.Phases(from, until);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return error instanceof InfrastructureException ? message : error.getClass().getSimpleName() + ": " + message;
    }

    private static DrillResult.RecordFigures records(CheckReport check) {
        boolean transactional = check.transactions().any();
        return new DrillResult.RecordFigures(check.sent(), check.acked(), check.lost().count(), check.consumerDuplicates(),
                check.skipped(), check.reordered(), check.corrupted(), check.unknownOutcome(), check.failed(),
                check.storageDuplicates(), transactional ? check.abortedReads() : null,
                transactional ? check.transactions().split() : null, check.sameClusterDuplicates());
    }

    private DrillResult.RtoFigures rto() {
        Long disaster = timeline.mark(DrillMark.DISASTER);
        if (disaster == null) {
            return new DrillResult.RtoFigures(null, null, null, null);
        }
        Long detected = timeline.mark(DrillMark.DETECTION);
        if (detected == null && detector != null) {
            detected = detector.disaster().map(d -> clock.fromEpochMs(d.declaredAt().toEpochMilli())).orElse(null);
            if (detected != null) {
                timeline.mark(DrillMark.DETECTION, detected);
            }
        }
        Long failover = timeline.mark(DrillMark.FAILOVER);
        long disasterEpoch = clock.toEpochMs(disaster);
        Long firstProduce = failover == null ? null : sinceDisaster(ledger.firstAckOn(ClusterRole.BACKUP.keyword(), disasterEpoch), disasterEpoch);
        Long firstConsume = failover == null ? null : sinceDisaster(ledger.firstProcessedOn(ClusterRole.BACKUP.keyword(), disasterEpoch), disasterEpoch);
        return new DrillResult.RtoFigures(detected == null ? null : detected - disaster,
                failover == null ? null : failover - disaster, firstProduce, firstConsume);
    }

    private static Long sinceDisaster(OptionalLong epochMs, long disasterEpoch) {
        return epochMs.isPresent() ? epochMs.getAsLong() - disasterEpoch : null;
    }

    Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }
}
