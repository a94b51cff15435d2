package io.firedrill.traffic;

import io.firedrill.support.RunTag;
import io.firedrill.verify.ClusterId;
import io.firedrill.verify.Ledger;
import io.firedrill.verify.ProducerLedger;
import io.firedrill.verify.RecordFormat;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A paced traffic producer whose every send is written to the {@link Ledger}: one sending thread
 * owns the current {@link KafkaProducer}; acks, errors and transaction outcomes are recorded as
 * they come. Its identity (name, sequence, keys) survives {@link #repoint re-points}: the old
 * KafkaProducer is closed with the short close timeout (its in-flight sends resolve or become
 * unknown) and the sequence continues on the new cluster.
 *
 * <p>Outcomes: a send is acked when Kafka returns its offset (for a transactional producer, when
 * its transaction commits); failed only for errors that prove it was not written ({@code
 * SendErrors}); unknown otherwise, timeouts included. With acks=0 Kafka acknowledges nothing, so
 * every send stays unknown. Harness defaults (overridable): delivery.timeout.ms 30 s,
 * request.timeout.ms 10 s, max.block.ms 10 s. Sending is paced by {@code Pacer}; after a stall
 * at most one second of missed sends is made up.
 */
public final class TrafficProducer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrafficProducer.class);
    private static final long IDLE_PARK_NANOS = 100_000_000L;
    /** The harness's producer defaults; a drill's client properties override them. */
    static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);

    private final ProducerSettings settings;
    private final Ledger ledger;
    private final ProducerLedger records;
    private final RecordFormat.Encoder encoder;
    private final Thread thread;
    private final AtomicReference<Handover<KafkaProducer<byte[], byte[]>>> pending = new AtomicReference<>();
    private final RateMeter sentRate;
    private final RateMeter ackedRate;
    private volatile boolean closing;
    private volatile TrafficEndpoint endpoint;
    private volatile String lastError;

    // owned by the sending thread
    /** Written by the producer's thread; read by a re-point that has to unblock it. */
    private volatile KafkaProducer<byte[], byte[]> producer;
    /**
     * The cluster acks are credited to, read when each ack arrives: a redirect changes it under a
     * live KafkaProducer (see {@link #redirected}); a move changes it only once the old
     * KafkaProducer is closed, and its close joins the I/O thread, so no old ack comes later.
     */
    private volatile ClusterId cluster;
    private String topic;
    private Transaction transaction;
    /** Transactions finished while sending on: every {@code abortEvery}-th is aborted on purpose. */
    private long transactionsFinished;

    /** Live figures for reports and status lines. */
    public record Stats(String name, String cluster, long sent, long acked, long failed, long unknown,
                        double sentPerSecond, double ackedPerSecond, Long lastAckMs, String lastError) {
    }

    private TrafficProducer(ProducerSettings settings, Ledger ledger, TrafficEndpoint endpoint) {
        this.settings = settings;
        this.ledger = ledger;
        this.records = ledger.registerProducer(settings.name(), settings.topic(), settings.keys());
        this.encoder = new RecordFormat.Encoder(ledger.runId(), records.id(), settings.keys(), settings.recordSize());
        this.sentRate = new RateMeter(records::sent);
        this.ackedRate = new RateMeter(records::ackedCount);
        this.endpoint = endpoint;
        this.producer = newProducer(endpoint);
        this.cluster = ledger.cluster(endpoint.alias());
        this.topic = endpoint.topic(settings.topic());
        this.thread = new Thread(this::run, "firedrill-producer-" + settings.name());
        this.thread.setDaemon(true);
    }

    /**
     * Registers the producer in the ledger and starts sending to {@code endpoint}. Configuration
     * errors are thrown here; a cluster that does not answer shows in the stats and the ledger.
     */
    public static TrafficProducer start(ProducerSettings settings, Ledger ledger, TrafficEndpoint endpoint) {
        TrafficProducer traffic = new TrafficProducer(settings, ledger, endpoint);
        traffic.thread.start();
        log.info("producer {} sending {} to {} ({}) at {} records/s", settings.name(), traffic.topic,
                endpoint.alias(), endpoint.bootstrapServers(), settings.ratePerSecond());
        return traffic;
    }

    /**
     * Moves the producer to another cluster and returns once it sends there: the old KafkaProducer
     * is closed after at most the close timeout (an open transaction is committed first, bounded by
     * max.block.ms), and the sequence goes on.
     */
    public void repoint(TrafficEndpoint target) {
        handOver(new Handover<>(target, newProducer(target), settings.closeTimeout()));
    }

    /**
     * Stops sending until the next {@link #repoint}: the producer is closed, so every in-flight
     * send is acked, failed or unknown when this returns. Failback needs the backup quiet before it
     * drains it onto the primary.
     */
    public void pause() {
        pause(settings.closeTimeout());
    }

    /** As {@link #pause()}, giving in-flight sends {@code leaveTimeout}; zero abandons a cluster known lost. */
    public void pause(Duration leaveTimeout) {
        handOver(new Handover<>(endpoint, null, leaveTimeout));
    }

    private void handOver(Handover<KafkaProducer<byte[], byte[]>> handover) {
        if (closing) {
            throw new IllegalStateException("producer " + settings.name() + " is closed; start a new one");
        }
        // the client being left, read before its thread can switch: closing it must never hit the new one
        KafkaProducer<byte[], byte[]> leaving = producer;
        Handover<KafkaProducer<byte[], byte[]>> superseded = pending.getAndSet(handover);
        if (superseded != null) {
            if (superseded.client() != null) {
                superseded.client().close(Duration.ZERO);
            }
            superseded.supersededBy(handover.target());
        }
        LockSupport.unpark(thread);
        if (!handover.completesWithin(handover.leaveTimeout())) {
            // the thread is stuck in send(), waiting up to max.block.ms for metadata of a cluster
            // that is gone: closing the producer under it ends the wait (that send becomes unknown)
            if (leaving != null) {
                leaving.close(Duration.ZERO);
            }
        }
        handover.await("producer " + settings.name(), settings.closeTimeout().toMillis() + 30_000);
    }

    /**
     * The address this producer sends to now reaches {@code clusterAlias}'s cluster: the harness
     * flipped it. The KafkaProducer carries on (finding the new cluster is its own business);
     * acks from now on are credited there. The harness closes the old cluster's client path before
     * it flips, so an ack read after the flip comes from the new cluster.
     */
    public void redirected(String clusterAlias) {
        endpoint = endpoint.reaching(clusterAlias);
        cluster = ledger.cluster(clusterAlias);
    }

    public String name() {
        return settings.name();
    }

    /** The cluster it currently sends to. */
    public TrafficEndpoint endpoint() {
        return endpoint;
    }

    public Stats stats() {
        Long lastAck = records.lastAckMs().isPresent() ? records.lastAckMs().getAsLong() : null;
        return new Stats(settings.name(), endpoint.alias(), records.sent(), records.ackedCount(), records.failedCount(),
                records.unknownCount(), sentRate.perSecond(), ackedRate.perSecond(), lastAck, lastError);
    }

    /** Stops sending, commits an open transaction, closes the KafkaProducer within the close timeout. Idempotent. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(settings.closeTimeout().toMillis() + 30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("producer {} did not stop in time; its thread is blocked in KafkaProducer.send", settings.name());
        }
        Handover<KafkaProducer<byte[], byte[]>> leftover = pending.getAndSet(null);
        if (leftover != null) {
            if (leftover.client() != null) { // null: a handover that only pauses the producer
                leftover.client().close(Duration.ZERO);
            }
            leftover.done().completeExceptionally(new IllegalStateException("producer closed"));
        }
    }

    private void run() {
        try {
            activate();
            Pacer pacer = new Pacer(settings.ratePerSecond(), System.nanoTime());
            while (!closing) {
                Handover<KafkaProducer<byte[], byte[]>> handover = pending.getAndSet(null);
                if (handover != null) {
                    switchTo(handover);
                    continue;
                }
                if (producer == null) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                    continue;
                }
                long now = System.nanoTime();
                if (transaction != null && now - transaction.deadlineNanos >= 0) {
                    finishTransaction(true);
                    continue;
                }
                long wait = pacer.nanosUntilDue(now);
                if (wait > 0) {
                    LockSupport.parkNanos(transaction == null ? wait : Math.min(wait, transaction.deadlineNanos - now));
                    continue;
                }
                if (settings.transactional() && transaction == null && !beginTransaction()) {
                    continue;
                }
                sendOne();
                pacer.sent();
            }
        } catch (RuntimeException | Error e) {
            lastError = e.toString();
            log.error("producer {} stopped: {}", settings.name(), e.toString(), e);
        } finally {
            retire();
        }
    }

    private void sendOne() {
        long nowMs = System.currentTimeMillis();
        int seq = records.beginSend(nowMs);
        int key = records.keyOf(seq);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, nowMs, encoder.key(key),
                encoder.value(seq, key, nowMs));
        try {
            producer.send(record, new Outcome(seq));
        } catch (KafkaException | IllegalStateException e) {
            settle(seq, e);
        }
    }

    private void settle(int seq, Exception error) {
        lastError = error.toString();
        if (SendErrors.isDefinite(error)) {
            records.failed(seq);
        } else {
            records.unknown(seq);
        }
    }

    private void switchTo(Handover<KafkaProducer<byte[], byte[]>> handover) {
        TrafficEndpoint from = endpoint;
        retire(handover.leaveTimeout());
        if (handover.client() == null) {
            handover.done().complete(null);
            log.info("producer {} paused on {} at sequence {}", settings.name(), from.alias(), records.sent());
            return;
        }
        producer = handover.client();
        cluster = ledger.cluster(handover.target().alias());
        topic = handover.target().topic(settings.topic());
        endpoint = handover.target();
        try {
            activate();
            handover.done().complete(null);
            log.info("producer {} moved from {} to {} at sequence {}", settings.name(), from.alias(),
                    endpoint.alias(), records.sent());
        } catch (RuntimeException e) {
            handover.done().completeExceptionally(e);
        }
    }

    /** Makes the current KafkaProducer ready to send: transactional ones register their transactional id. */
    private void activate() {
        if (!settings.transactional()) {
            return;
        }
        while (!closing && pending.get() == null) {
            try {
                producer.initTransactions();
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                lastError = e.toString();
                log.warn("producer {}: initTransactions on {} timed out, retrying", settings.name(), endpoint.alias());
            }
        }
    }

    private boolean beginTransaction() {
        try {
            producer.beginTransaction();
            transaction = new Transaction(records.sent(), System.nanoTime() + settings.transactionInterval().toNanos());
            return true;
        } catch (KafkaException | IllegalStateException e) {
            lastError = e.toString();
            log.warn("producer {}: cannot begin a transaction on {}; starting a new producer: {}", settings.name(),
                    endpoint.alias(), e.toString());
            restartProducer();
            return false;
        }
    }

    /**
     * Commits the open transaction; on failure aborts it. Outcomes go to the ledger for its whole
     * range. When {@code continuing}, a producer left in an unknown state is replaced.
     */
    private void finishTransaction(boolean continuing) {
        Transaction finishing = transaction;
        transaction = null;
        int to = records.sent();
        // never when leaving a cluster: a move commits what it can, as an application would
        boolean abortOnPurpose = continuing && settings.abortEvery() > 0 && ++transactionsFinished % settings.abortEvery() == 0;
        try {
            if (abortOnPurpose) {
                producer.abortTransaction();
                records.aborted(finishing.fromSeq, to);
                return;
            }
            producer.commitTransaction();
            records.committed(finishing.fromSeq, to, cluster, System.currentTimeMillis());
            return;
        } catch (org.apache.kafka.common.errors.TimeoutException | IllegalStateException e) {
            // timed out, or closed under the commit by a move off a dead cluster: the commit may have landed
            settleRange(finishing.fromSeq, to, e);
        } catch (KafkaException e) {
            lastError = e.toString();
            try {
                producer.abortTransaction();
                records.aborted(finishing.fromSeq, to);
                return;
            } catch (KafkaException | IllegalStateException abortError) {
                settleRange(finishing.fromSeq, to, abortError);
            }
        }
        log.warn("producer {}: transaction [{}, {}) on {} ended without a known outcome: {}",
                settings.name(), finishing.fromSeq, to, endpoint.alias(), lastError);
        if (continuing) {
            restartProducer();
        }
    }

    /** Replaces a transactional KafkaProducer that is in an error state with a fresh one on the same cluster. */
    private void restartProducer() {
        producer.close(Duration.ZERO);
        LockSupport.parkNanos(IDLE_PARK_NANOS);
        producer = newProducer(endpoint);
        activate();
    }

    private void settleRange(int from, int to, RuntimeException error) {
        lastError = error.toString();
        for (int seq = from; seq < to; seq++) {
            records.unknown(seq);
        }
    }

    /** Finishes with the current KafkaProducer: commits an open transaction, closes within the close timeout. */
    private void retire() {
        retire(settings.closeTimeout());
    }

    private void retire(Duration closeTimeout) {
        if (producer == null) {
            return;
        }
        try {
            if (transaction != null) {
                finishTransaction(false);
            }
        } catch (RuntimeException e) {
            lastError = e.toString();
        } finally {
            producer.close(closeTimeout);
            producer = null;
        }
    }

    private KafkaProducer<byte[], byte[]> newProducer(TrafficEndpoint target) {
        Map<String, Object> config = target.clientConfig(DEFAULTS, settings.clientProperties());
        // the run's tag in both: another drill's producer of the same name would fence this one's transactions
        String id = "firedrill-" + RunTag.of(ledger.runId()) + "-" + settings.name();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, id);
        config.put(ProducerConfig.ACKS_CONFIG, settings.acks().keyword());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, settings.idempotent());
        if (settings.transactional()) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        }
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    /** Records the outcome of one send, on Kafka's callback thread, credited to the cluster the address reaches now. */
    private final class Outcome implements Callback {
        private final int seq;

        Outcome(int seq) {
            this.seq = seq;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            ClusterId sentTo = cluster;
            if (exception != null) {
                settle(seq, exception);
            } else if (!metadata.hasOffset()) {
                records.unknown(seq);
            } else if (settings.transactional()) {
                records.appended(seq, sentTo, metadata.partition(), metadata.offset());
            } else {
                records.acked(seq, sentTo, metadata.partition(), metadata.offset(), System.currentTimeMillis());
            }
        }
    }

    private record Transaction(int fromSeq, long deadlineNanos) {
    }
}
