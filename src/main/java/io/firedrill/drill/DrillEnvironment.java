package io.firedrill.drill;

import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.testcontainers.DockerLeftovers;
import io.firedrill.fault.FaultInjector;
import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.Scenario;
import io.firedrill.support.BadInputException;
import io.firedrill.support.RunTag;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A live drill environment without traffic: the site (proxies, clusters, topics) with replication
 * running primary -> backup. {@code drill up} keeps one until SIGTERM; every drill runs in one.
 */
public final class DrillEnvironment implements AutoCloseable {

    private final DrillSite site;
    private final ReplicationEngine replication;
    private final long bootMs;
    private final long replicationStartMs;

    private DrillEnvironment(DrillSite site, ReplicationEngine replication, long bootMs, long replicationStartMs) {
        this.site = site;
        this.replication = replication;
        this.bootMs = bootMs;
        this.replicationStartMs = replicationStartMs;
    }

    /** An environment of its own run (drill up): a fresh tag names what it creates on the clusters. */
    public static DrillEnvironment start(Scenario scenario, DrillOptions options) {
        return start(scenario, options, DrillListener.SILENT, RunTag.random());
    }

    /** @param run the drill's tag, in every name replication creates on the clusters */
    static DrillEnvironment start(Scenario scenario, DrillOptions options, DrillListener listener, RunTag run) {
        listener.phase(scenario.name(), "boot");
        long started = System.nanoTime();
        // whatever the backend: a killed container run must not wait for the next container run
        DockerLeftovers.removeWhatDeadHarnessesLeft();
        DrillSite site = DrillSite.start(scenario, options);
        long booted = System.nanoTime();
        listener.phase(scenario.name(), "replication start");
        ReplicationEngine replication = null;
        try {
            replication = ReplicationEngines.create(scenario, site, run);
            replication.start();
        } catch (RuntimeException e) {
            closeQuietly(replication);
            site.close();
            throw e;
        }
        return new DrillEnvironment(site, replication, (booted - started) / 1_000_000, (System.nanoTime() - booted) / 1_000_000);
    }

    private static void closeQuietly(ReplicationEngine replication) {
        if (replication != null) {
            try {
                replication.close();
            } catch (RuntimeException ignored) {
                // the start already failed; that error is the one to report
            }
        }
    }

    public DrillSite site() {
        return site;
    }

    public ReplicationEngine replication() {
        return replication;
    }

    long bootMs() {
        return bootMs;
    }

    long replicationStartMs() {
        return replicationStartMs;
    }

    /** The nemesis of this environment: network faults on its proxies, process faults on its clusters and MirrorMaker. */
    public FaultInjector faultInjector(LongSupplier clockMs) {
        return faultInjector(clockMs, name -> {
            throw new BadInputException("application/" + name + ": this environment runs no applications");
        });
    }

    /** The same, with application faults on the drill's applications, looked up by name when a fault hits. */
    FaultInjector faultInjector(LongSupplier clockMs, Function<String, FaultInjector.Application> applications) {
        return new FaultInjector(site.network(), new FaultInjector.Surroundings() {
            @Override
            public FaultInjector.Application application(String name) {
                return applications.apply(name);
            }

            @Override
            public KafkaCluster cluster(ClusterRole role) {
                return site.cluster(role);
            }

            @Override
            public void killMirrorMaker() {
                replication.kill();
            }

            @Override
            public void startMirrorMaker() {
                replication.restart();
            }

            @Override
            public void restartMirrorMakerWithClockOffset(Duration offset) {
                replication.restartWithClockOffset(offset);
            }
        }, clockMs);
    }

    /** Client, replication-link and direct addresses of both clusters, and the Toxiproxy API. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>(site.endpoints());
        endpoints.putAll(replication.endpoints());
        return endpoints;
    }

    /** Stops replication, then the site; both are attempted whatever fails. */
    @Override
    public void close() {
        try {
            replication.close();
        } finally {
            site.close();
        }
    }
}
