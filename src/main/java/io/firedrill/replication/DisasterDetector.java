package io.firedrill.replication;

import io.firedrill.scenario.Detection;
import io.firedrill.support.KafkaAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaFuture;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Declares the primary lost the way its clients would notice: it probes the cluster through the
 * path clients use (the bootstrap string a drill gives it, i.e. the {@code clients->primary}
 * proxies) with a Kafka request every probe interval, and declares the disaster once contact
 * has failed without a single success for the whole window. One answered probe resets the
 * window, so a slow but alive cluster (GC pauses, a loaded machine) is never declared lost.
 *
 * <p>A probe is a DescribeCluster round trip: a TCP connect would succeed against a paused
 * broker or a proxy whose upstream is dead.
 */
public final class DisasterDetector implements AutoCloseable {

    /** The shortest a probe may take before it counts as failed (a loaded broker answers in well under a second). */
    private static final Duration MIN_PROBE_TIMEOUT = Duration.ofSeconds(1);

    /**
     * When contact first failed (the start of the first unanswered probe after the last answered
     * one) and when the window ran out and the primary was declared lost.
     */
    public record Disaster(Instant firstFailedContact, Instant declaredAt, String lastError) {
        public Duration detectionTime() {
            return Duration.between(firstFailedContact, declaredAt);
        }
    }

    private final String target;
    private final Duration probeInterval;
    private final Duration probeTimeout;
    private final Duration window;
    private final Admin admin;
    private final ScheduledExecutorService ticker;
    private final CountDownLatch declared = new CountDownLatch(1);
    private volatile Instant lastAnswered;
    private volatile Instant firstFailed;
    private volatile String lastError;
    private volatile Disaster disaster;
    private volatile long probesSent;
    private volatile long probesFailed;
    private KafkaFuture<?> inFlight;
    private Instant inFlightSince;

    private DisasterDetector(String target, String clientBootstrap, Map<String, ?> clientProperties, Detection rule) {
        this.target = target;
        this.probeInterval = rule.probeInterval();
        this.probeTimeout = probeInterval.compareTo(MIN_PROBE_TIMEOUT) > 0 ? probeInterval : MIN_PROBE_TIMEOUT;
        this.window = rule.window();
        this.admin = KafkaClients.admin(KafkaClients.base(clientBootstrap, clientProperties, "disaster-detector"), this.probeTimeout);
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "firedrill-disaster-detector-" + target);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts probing {@code target} by {@code rule} (the scenario's {@code detection}, validated
     * where it was read); the first answer arms the detector (a cluster never reached is not "lost").
     *
     * @param target           what is probed, for messages ({@code primary})
     * @param clientBootstrap  the bootstrap servers the clients of that cluster use
     * @param clientProperties their client properties (security)
     */
    public static DisasterDetector start(String target, String clientBootstrap, Map<String, ?> clientProperties, Detection rule) {
        DisasterDetector detector = new DisasterDetector(target, clientBootstrap, clientProperties, rule);
        detector.ticker.scheduleAtFixedRate(detector::tick, 0, detector.probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        return detector;
    }

    /** The primary probed by the default rule ({@link Detection#DEFAULT}). */
    public static DisasterDetector forPrimary(String clientBootstrap, Map<String, ?> clientProperties) {
        return start("primary", clientBootstrap, clientProperties, Detection.DEFAULT);
    }

    private synchronized void tick() {
        Instant now = Instant.now();
        if (inFlight != null) {
            if (inFlight.isDone()) {
                record(inFlight, inFlightSince);
                inFlight = null;
            } else if (Duration.between(inFlightSince, now).compareTo(probeTimeout) > 0) {
                fail(inFlightSince, "no answer within " + probeTimeout.toMillis() + " ms");
                inFlight.cancel(true);
                inFlight = null;
            }
        }
        if (inFlight == null) { // probing goes on after the declaration: reachable() tells when the primary is back
            inFlightSince = now;
            probesSent++;
            inFlight = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) probeTimeout.toMillis())).clusterId();
        }
        Instant failedSince = firstFailed;
        if (disaster == null && lastAnswered != null && failedSince != null
                && Duration.between(failedSince, now).compareTo(window) >= 0) {
            disaster = new Disaster(failedSince, now, lastError);
            declared.countDown();
        }
    }

    private void record(KafkaFuture<?> probe, Instant startedAt) {
        try {
            probe.get();
            lastAnswered = Instant.now();
            firstFailed = null;
        } catch (Exception e) {
            fail(startedAt, KafkaAdmin.rootMessage(e));
        }
    }

    private void fail(Instant startedAt, String error) {
        probesFailed++;
        lastError = error;
        if (firstFailed == null && lastAnswered != null) {
            firstFailed = startedAt; // probes run one at a time, so this one started after the last answer
        }
    }

    /** The declared disaster, if the window has run out. */
    public Optional<Disaster> disaster() {
        return Optional.ofNullable(disaster);
    }

    /** Blocks until the disaster is declared: the drill's {@code await: disaster-detected}. */
    public Disaster awaitDisaster(Duration timeout) {
        try {
            if (!declared.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ReplicationException(target + " was not declared lost within " + timeout.toSeconds()
                        + " s: " + (lastAnswered == null ? "it was never reached at all"
                        : "it last answered at " + lastAnswered + (lastError == null ? "" : ", last error " + lastError)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted while waiting for the loss of " + target, e);
        }
        return disaster;
    }

    /** Whether the last probe was answered. */
    public boolean reachable() {
        return lastAnswered != null && firstFailed == null;
    }

    public Optional<Instant> lastAnswered() {
        return Optional.ofNullable(lastAnswered);
    }

    public long probesSent() {
        return probesSent;
    }

    public long probesFailed() {
        return probesFailed;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        admin.close(Duration.ZERO);
    }
}
