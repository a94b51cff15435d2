package io.firedrill.bench;

import io.firedrill.traffic.TrafficEndpoint;
import io.firedrill.traffic.ProducerSettings;
import io.firedrill.traffic.TrafficProducer;
import io.firedrill.verify.Ledger;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Drill records written as fast as a cluster takes them, every one accounted for in a ledger. */
final class BulkLoad {

    static final int RECORD_SIZE = 256;

    private BulkLoad() {}

    /**
     * Sends at least {@code records} records with Firedrill's traffic producer (acks=all,
     * idempotent, 256 B) and returns once every send is acknowledged; a few more may go out
     * before the producer stops, and the stats say how many.
     */
    static TrafficProducer.Stats send(String producerName, String topic, int records, Ledger ledger, TrafficEndpoint endpoint) {
        ProducerSettings settings = ProducerSettings.of(producerName, topic).withRate(ProducerSettings.UNTHROTTLED)
                .withRecordSize(RECORD_SIZE).withCloseTimeout(Duration.ofMinutes(2));
        TrafficProducer producer = TrafficProducer.start(settings, ledger, endpoint);
        // unthrottled, the accumulator holds up to buffer.memory of unsent records: close waits for them
        while (producer.stats().sent() < records) {
            LockSupport.parkNanos(1_000_000);
        }
        producer.close();
        TrafficProducer.Stats stats = producer.stats();
        if (stats.acked() != stats.sent()) {
            throw new IllegalStateException("not every send was acknowledged: " + stats);
        }
        return stats;
    }
}
