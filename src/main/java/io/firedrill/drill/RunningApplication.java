package io.firedrill.drill;

import io.firedrill.fault.FaultInjector;
import io.firedrill.process.ChildCommand;
import io.firedrill.scenario.ApplicationReadiness;
import io.firedrill.scenario.ApplicationSpec;
import io.firedrill.support.InfrastructureException;
import io.firedrill.support.KafkaAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One application of the scenario as a live process: started against the active cluster's
 * address, waited for until ready, and signalled by application faults. Each start is a fresh
 * process with the address of that moment, as a redeploy would be.
 */
final class RunningApplication implements FaultInjector.Application, AutoCloseable {

    /** How long a restart's clean stop waits before SIGKILL, as an orchestrator's grace period. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 20;

    private final ApplicationSpec spec;
    private final Path log;
    private final Supplier<String> bootstrap;
    private final Supplier<Map<String, Object>> direct;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ChildCommand process;

    /**
     * {@code bootstrap} gives the address the application is started with, {@code direct} the
     * harness's own client properties for the active cluster (readiness is checked there).
     */
    RunningApplication(ApplicationSpec spec, Path log, Supplier<String> bootstrap, Supplier<Map<String, Object>> direct) {
        this.spec = spec;
        this.log = log;
        this.bootstrap = bootstrap;
        this.direct = direct;
    }

    ApplicationSpec spec() {
        return spec;
    }

    Path log() {
        return log;
    }

    @Override
    public synchronized void start() {
        // a killed instance stays a member until its session times out: only a new member counts as ready
        Set<String> before = spec.ready() instanceof ApplicationReadiness.GroupMember ? members().keySet() : Set.of();
        process = ChildCommand.start(spec.name(), spec.command(), spec.environment(bootstrap.get()), log);
        awaitReady(before);
    }

    @Override
    public synchronized void kill() {
        process.kill();
    }

    @Override
    public synchronized void restart() {
        process.stop(STOP_GRACE);
        start();
    }

    /** Stops it (SIGTERM, SIGKILL after {@code grace}), to be started again later. */
    synchronized void stop(Duration grace) {
        process.stop(grace);
    }

    @Override
    public synchronized void pause() {
        process.pause();
    }

    @Override
    public synchronized void resume() {
        process.resume();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.kill();
        }
    }

    List<String> logTail() {
        return process == null ? List.of() : process.logTail(LOG_TAIL_LINES);
    }

    /**
     * Waits for the readiness condition. A command that exits first is an infrastructure error with
     * its last lines (a missing binary, a crash at start); one that runs but is not ready in time
     * is a finding ({@link ApplicationNotReadyException}).
     */
    private void awaitReady(Set<String> staleMembers) {
        ApplicationReadiness ready = spec.ready();
        long deadline = System.nanoTime() + ready.timeout().toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new InfrastructureException("application " + spec.name() + " exited before it was ready ("
                        + ready.describe(spec) + ")", List.of(new InfrastructureException.LogExcerpt(spec.name(), log.toString(),
                        process.logTail(LOG_TAIL_LINES))));
            }
            if (isReady(ready, staleMembers)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ApplicationNotReadyException(spec.name(), "application " + spec.name() + " not ready within "
                        + Judgement.format(ready.timeout()) + ": no " + ready.describe(spec));
            }
            try {
                Thread.sleep(PROBE_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for application " + spec.name(), e);
            }
        }
    }

    private boolean isReady(ApplicationReadiness ready, Set<String> staleMembers) {
        if (ready instanceof ApplicationReadiness.Http health) {
            try {
                int status = http.send(HttpRequest.newBuilder(health.url()).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                return status >= 200 && status < 300;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return members().entrySet().stream().anyMatch(member -> !staleMembers.contains(member.getKey())
                && member.getValue().topicPartitions().stream().anyMatch(partition -> partition.topic().equals(spec.input())));
    }

    /** The members of the application's group on the active cluster, by member id; none when it cannot be asked. */
    private Map<String, MemberAssignment> members() {
        try (Admin admin = KafkaAdmin.create(direct.get(), "firedrill-ready-" + spec.name(), Duration.ofSeconds(2))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(spec.group())).all().get().get(spec.group());
            return group == null ? Map.of() : group.members().stream()
                    .collect(Collectors.toMap(MemberDescription::consumerId, MemberDescription::assignment));
        } catch (Exception e) {
            return Map.of(); // not there yet, or the cluster is busy: the next probe asks again
        }
    }
}
