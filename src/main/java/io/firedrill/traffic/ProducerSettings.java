package io.firedrill.traffic;

import io.firedrill.scenario.Acks;
import io.firedrill.scenario.ProducerSpec;
import io.firedrill.verify.RecordFormat;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One traffic producer of a drill.
 *
 * @param name                stable identity: the ledger's producer name, and with the run's tag the Kafka client id (and transactional id)
 * @param topic               the logical topic written; each cluster's {@link TrafficEndpoint#topic} maps it
 * @param ratePerSecond       records per second; {@link #UNTHROTTLED} for as fast as the producer takes them
 * @param keys                distinct keys, gone round in sequence order
 * @param recordSize          bytes of each record value, at least {@value RecordFormat#MIN_RECORD_SIZE}
 * @param acks                {@code all}, {@code 1} or {@code 0}
 * @param idempotent          enable.idempotence; needs acks=all
 * @param transactional       send in transactions committed every {@code transactionInterval}; a
 *                            record counts as acked once its transaction committed
 * @param transactionInterval how long a transaction stays open (ignored unless transactional)
 * @param closeTimeout        how long closing or re-pointing waits for in-flight sends before they become unknown
 * @param clientProperties    kafka-clients producer properties a drill adds; they override the harness defaults
 * @param abortEvery          a transactional producer aborts every so many transactions on purpose (0: never)
 */
public record ProducerSettings(String name, String topic, double ratePerSecond, int keys, int recordSize, Acks acks,
                               boolean idempotent, boolean transactional, Duration transactionInterval,
                               Duration closeTimeout, Map<String, String> clientProperties, int abortEvery) {

    public static final double UNTHROTTLED = Double.POSITIVE_INFINITY;

    public ProducerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(acks, "acks");
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("producer " + name + ": rate must be above 0 records/s, got " + ratePerSecond);
        }
        if (keys < 1) {
            throw new IllegalArgumentException("producer " + name + ": keys must be at least 1, got " + keys);
        }
        if (recordSize < RecordFormat.MIN_RECORD_SIZE) {
            throw new IllegalArgumentException("producer " + name + ": record-size " + recordSize + " is below the "
                    + RecordFormat.MIN_RECORD_SIZE + " bytes of the traffic record header; use record-size >= "
                    + RecordFormat.MIN_RECORD_SIZE);
        }
        if (idempotent && acks != Acks.ALL) {
            throw new IllegalArgumentException("producer " + name + ": idempotent producers need acks all, got acks "
                    + acks.keyword() + "; set idempotent: false or acks: all");
        }
        if (abortEvery < 0 || abortEvery > 0 && !transactional) {
            throw new IllegalArgumentException("producer " + name + ": abort-every " + abortEvery + " needs transactional: true and 0 or more");
        }
        if (transactional && !idempotent) {
            throw new IllegalArgumentException("producer " + name + ": transactional producers are idempotent; set idempotent: true");
        }
        transactionInterval = transactionInterval == null ? Duration.ofMillis(100) : transactionInterval;
        closeTimeout = closeTimeout == null ? Duration.ofSeconds(2) : closeTimeout;
        clientProperties = Map.copyOf(clientProperties == null ? Map.of() : clientProperties);
    }

    /** The scenario file's defaults: 200 records/s, 100 keys, 256 bytes, acks all, idempotent, not transactional. */
    public static ProducerSettings of(String name, String topic) {
        return new ProducerSettings(name, topic, ProducerSpec.DEFAULT_RATE, ProducerSpec.DEFAULT_KEYS,
                ProducerSpec.DEFAULT_RECORD_SIZE, Acks.ALL, true, false, null, null, Map.of(), 0);
    }

    /** A scenario file's producer, under the name the drill gives it. */
    public static ProducerSettings from(String name, ProducerSpec spec) {
        return new ProducerSettings(name, spec.topic(), spec.rate(), spec.keys(), spec.recordSize(), spec.acks(),
                spec.idempotent(), spec.transactional(), null, null, Map.of(), spec.abortEvery());
    }

    public ProducerSettings withRate(double recordsPerSecond) {
        return new ProducerSettings(name, topic, recordsPerSecond, keys, recordSize, acks, idempotent, transactional,
                transactionInterval, closeTimeout, clientProperties, abortEvery);
    }

    public ProducerSettings withKeys(int count) {
        return new ProducerSettings(name, topic, ratePerSecond, count, recordSize, acks, idempotent, transactional,
                transactionInterval, closeTimeout, clientProperties, abortEvery);
    }

    public ProducerSettings withRecordSize(int bytes) {
        return new ProducerSettings(name, topic, ratePerSecond, keys, bytes, acks, idempotent, transactional,
                transactionInterval, closeTimeout, clientProperties, abortEvery);
    }

    /** Acks and idempotence together, since idempotence needs acks all. */
    public ProducerSettings withDelivery(Acks ack, boolean idempotence) {
        return new ProducerSettings(name, topic, ratePerSecond, keys, recordSize, ack, idempotence, transactional,
                transactionInterval, closeTimeout, clientProperties, abortEvery);
    }

    public ProducerSettings withTransactions(Duration interval) {
        return new ProducerSettings(name, topic, ratePerSecond, keys, recordSize, acks, idempotent, true, interval,
                closeTimeout, clientProperties, abortEvery);
    }

    public ProducerSettings withCloseTimeout(Duration timeout) {
        return new ProducerSettings(name, topic, ratePerSecond, keys, recordSize, acks, idempotent, transactional,
                transactionInterval, timeout, clientProperties, abortEvery);
    }

    public ProducerSettings withClientProperties(Map<String, String> properties) {
        return new ProducerSettings(name, topic, ratePerSecond, keys, recordSize, acks, idempotent, transactional,
                transactionInterval, closeTimeout, properties, abortEvery);
    }
}
