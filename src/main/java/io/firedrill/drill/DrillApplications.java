package io.firedrill.drill;

import io.firedrill.process.RunDirectory;
import io.firedrill.scenario.ApplicationSpec;
import io.firedrill.support.BadInputException;
import io.firedrill.traffic.ApplicationFeed;
import io.firedrill.verify.PassThroughCheck;
import io.firedrill.verify.PassThroughLedger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * The scenario's applications and the harness's feed of each: started once traffic runs, each
 * waited for until ready before it is fed; moved to another cluster by {@link #repoint()}; judged
 * by {@link PassThroughCheck}; killed with the drill.
 */
final class DrillApplications implements AutoCloseable {

    /** After producers stop: how long output may go without progress before the rest counts as lost. */
    private static final Duration DRAIN_STALL = Duration.ofSeconds(10);
    /** How long a clean stop waits before SIGKILL, as an orchestrator's grace period. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration LEAVING_LOST_CLUSTER = Duration.ofMillis(500);

    private final Map<String, RunningApplication> applications = new LinkedHashMap<>();
    private final Map<String, PassThroughLedger> ledgers = new LinkedHashMap<>();
    private final Map<String, ApplicationFeed> feeds = new LinkedHashMap<>();
    private final Supplier<Map<String, Object>> direct;

    /** {@code direct}: the harness's own client properties for the active cluster, where feeds and readiness go. */
    DrillApplications(Supplier<Map<String, Object>> direct) {
        this.direct = direct;
    }

    /**
     * Starts every application with {@code bootstrap} (the address applications use for the
     * active cluster), waits until it is ready, then feeds it. What started before a failure is
     * closed with the drill.
     */
    void start(List<ApplicationSpec> specs, int runId, Supplier<String> bootstrap) {
        for (ApplicationSpec spec : specs) {
            RunningApplication application = new RunningApplication(spec,
                    RunDirectory.resolve("applications").resolve(spec.name() + ".log"), bootstrap, direct);
            applications.put(spec.name(), application);
            application.start();
            PassThroughLedger ledger = new PassThroughLedger(runId);
            ledgers.put(spec.name(), ledger);
            feeds.put(spec.name(), ApplicationFeed.start(spec.name(), spec.input(), spec.output(), spec.rate(), ledger,
                    direct.get()));
        }
    }

    /** What application faults hit. */
    RunningApplication get(String name) {
        RunningApplication application = applications.get(name);
        if (application == null) {
            throw new BadInputException("application/" + name + " is not running in this drill");
        }
        return application;
    }

    /** The applications' consumer groups: their offsets move with the clients' at failover and failback. */
    List<String> groups() {
        return applications.values().stream().map(application -> application.spec().group()).toList();
    }

    /**
     * Per application, by name: when its first output of an input sent at or after
     * {@code sentSinceEpochMs} was read, so far. After an address flip that is its recovery.
     */
    Map<String, Supplier<OptionalLong>> firstOutputsSince(long sentSinceEpochMs) {
        Map<String, Supplier<OptionalLong>> firsts = new LinkedHashMap<>();
        ledgers.forEach((name, ledger) -> firsts.put(name, () -> ledger.firstOutputOfInputSentSince(sentSinceEpochMs)));
        return firsts;
    }

    /**
     * Stops every application, so their groups are quiet while offsets are translated. Leaving a
     * lost cluster they get {@link #LEAVING_LOST_CLUSTER}: a clean close would only wait out its
     * timeouts against the dead brokers, and the drill's failover time with it.
     */
    void stopAll(boolean clusterLost) {
        Duration grace = clusterLost ? LEAVING_LOST_CLUSTER : STOP_GRACE;
        applications.values().parallelStream().forEach(application -> application.stop(grace));
    }

    /**
     * Moves the feeds to the now active cluster; with {@code restart}, then starts every
     * application again with that cluster's address, as a team redeploys its service at a
     * failover. The feeds move first: their readers start at the output's end there, and an
     * application that re-processes its input must do so after that, or its extra copies (and any
     * output it makes only then) would pass unseen. Without {@code restart} the applications were
     * given the stable active address and must recover by themselves.
     */
    void repoint(boolean restart) {
        feeds.values().forEach(feed -> feed.repoint(direct.get()));
        if (restart) {
            applications.values().forEach(RunningApplication::start);
        }
    }

    /**
     * Stops feeding and waits for the applications' last output: until every acknowledged input
     * came out, {@code maxWait} passed, or output made no progress for {@link #DRAIN_STALL}.
     */
    void drain(Duration maxWait) {
        feeds.values().forEach(ApplicationFeed::stopProducing);
        long deadline = System.nanoTime() + maxWait.toNanos();
        long missing = missing();
        long progressAt = System.nanoTime();
        while (missing > 0 && System.nanoTime() < deadline && System.nanoTime() - progressAt < DRAIN_STALL.toNanos()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = missing();
            if (now < missing) {
                missing = now;
                progressAt = System.nanoTime();
            }
        }
    }

    private long missing() {
        return ledgers.values().stream().mapToLong(PassThroughLedger::missing).sum();
    }

    /** Each application's figures, with its phases in drill time. */
    List<DrillResult.ApplicationFigures> figures(PassThroughCheck.Phases phases, LongUnaryOperator epochToDrillMs) {
        List<DrillResult.ApplicationFigures> figures = new ArrayList<>();
        ledgers.forEach((name, ledger) -> { // the applications that were fed: one that never came up has no figures
            RunningApplication application = applications.get(name);
            PassThroughCheck.Report report = PassThroughCheck.check(ledger, phases, epochToDrillMs);
            figures.add(new DrillResult.ApplicationFigures(name, String.join(" ", application.spec().command()),
                    application.log().toString(), report.sent(), report.acked(), report.lost(), report.duplicated(),
                    report.changed(), report.foreign(), report.phases().stream().map(phase -> new DrillResult.ApplicationPhase(
                            phase.phase(), phase.acked(), phase.lost(), phase.duplicated(), phase.p50Ms(), phase.p99Ms())).toList(),
                    application.logTail()));
        });
        return figures;
    }

    /** Kills every application and closes every feed, whatever fails. */
    @Override
    public void close() {
        feeds.values().forEach(ApplicationFeed::close);
        applications.values().forEach(RunningApplication::close);
    }
}
