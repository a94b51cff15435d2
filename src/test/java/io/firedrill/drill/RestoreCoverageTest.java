package io.firedrill.drill;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreCoverageTest {

    private static TopicPartition orders(int partition) {
        return new TopicPartition("orders", partition);
    }

    @Test
    void aRestoreHoldingAtLeastWhatTheSourceHeldPerPartitionIsComplete() {
        RestoreCoverage coverage = new RestoreCoverage(Map.of(orders(0), 100L, orders(1), 50L),
                Map.of(orders(0), 100L, orders(1), 70L));
        assertThat(coverage.complete()).isTrue();
        assertThat(coverage.missing()).isZero();
        assertThat(coverage.describeMissing()).isEmpty();
        assertThat(coverage.restoredRecords()).isEqualTo(170);
    }

    @Test
    void aShortPartitionIsNamedEvenWhenTheTotalsMatch() {
        // 150 restored against 150 held, but partition 1 got partition 0's surplus: still incomplete
        RestoreCoverage coverage = new RestoreCoverage(Map.of(orders(0), 100L, orders(1), 50L, orders(2), 10L),
                Map.of(orders(0), 150L, orders(2), 10L));
        assertThat(coverage.complete()).isFalse();
        assertThat(coverage.missing()).isEqualTo(50);
        assertThat(coverage.describeMissing()).isEqualTo("50 records missing: orders-1 holds 0 of 50");
    }

    @Test
    void theWorstPartitionsComeFirstAndTheRestAreCounted() {
        Map<TopicPartition, Long> expected = new java.util.HashMap<>();
        for (int p = 0; p < 7; p++) {
            expected.put(orders(p), 1_000L + p);
        }
        RestoreCoverage coverage = new RestoreCoverage(expected, Map.of(orders(6), 6L));
        assertThat(coverage.describeMissing()).isEqualTo("7,015 records missing: orders-5 holds 0 of 1,005, orders-4 holds 0 of 1,004,"
                + " orders-3 holds 0 of 1,003, orders-2 holds 0 of 1,002, orders-1 holds 0 of 1,001 and 2 more partitions");
    }
}
