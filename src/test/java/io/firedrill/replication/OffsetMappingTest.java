package io.firedrill.replication;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetMappingTest {

    private static final TopicPartition ORDERS = new TopicPartition("orders", 0);
    private final OffsetMapping mapping = new OffsetMapping();

    @Test
    void aContiguousFlowIsOneExactRunWhateverSyncsWereCoalesced() {
        mapping.add(ORDERS, 0, 0);
        mapping.add(ORDERS, 7, 7);   // syncs 1..6 coalesced away by MirrorMaker
        mapping.add(ORDERS, 12, 12);

        assertThat(mapping.replicatedUpTo(ORDERS)).hasValue(13);
        assertThat(mapping.downstreamPosition(ORDERS, 5)).hasValue(5);
        assertThat(mapping.downstreamPosition(ORDERS, 13)).as("after the last replicated record").hasValue(13);
    }

    @Test
    void offsetsShiftedOnTheTargetAreMappedExactly() {
        mapping.add(ORDERS, 100, 0); // the target topic started empty when the source had already deleted 0..99
        mapping.add(ORDERS, 150, 50);

        assertThat(mapping.downstreamPosition(ORDERS, 120)).hasValue(20);
        assertThat(mapping.downstreamPosition(ORDERS, 99)).as("before anything replicated").isEmpty();
    }

    @Test
    void recordsResentAfterARestartMapToTheirNewerCopy() {
        mapping.add(ORDERS, 0, 0);
        mapping.add(ORDERS, 20, 20);
        mapping.add(ORDERS, 15, 21); // killed MirrorMaker restarted from its last committed offset 14
        mapping.add(ORDERS, 30, 36);

        assertThat(mapping.replicatedUpTo(ORDERS)).hasValue(31);
        assertThat(mapping.downstreamPosition(ORDERS, 17)).as("the re-sent copy is followed by everything after it").hasValue(23);
        assertThat(mapping.downstreamPosition(ORDERS, 10)).hasValue(10);
    }

    @Test
    void aGapUpstreamNeverSkipsARecord() {
        mapping.add(ORDERS, 0, 0);
        mapping.add(ORDERS, 9, 9);
        mapping.add(ORDERS, 11, 10); // offset 10 was a transaction marker: not replicated
        mapping.add(ORDERS, 20, 19);

        assertThat(mapping.downstreamPosition(ORDERS, 10)).as("the marker's position: the next record").hasValue(10);
        assertThat(mapping.downstreamPosition(ORDERS, 15)).hasValue(14);
    }

    @Test
    void aSyncWrittenOutOfOrderChangesNothing() {
        mapping.add(ORDERS, 0, 0);
        mapping.add(ORDERS, 40, 40);
        mapping.add(ORDERS, 35, 35);

        assertThat(mapping.replicatedUpTo(ORDERS)).hasValue(41);
        assertThat(mapping.downstreamPosition(ORDERS, 38)).hasValue(38);
    }

    @Test
    void unknownPartitionsHaveNoPosition() {
        assertThat(mapping.replicatedUpTo(ORDERS)).isEqualTo(OptionalLong.empty());
        assertThat(mapping.downstreamPosition(ORDERS, 0)).isEmpty();
    }
}
