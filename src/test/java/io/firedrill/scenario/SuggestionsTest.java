package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("name", "partitions", "replication-factor", "min-insync-replicas",
            "critical", "rate", "record-size", "type");

    @ParameterizedTest
    @CsvSource({
            "partitons, partitions", "replication_factor, replication-factor", "replicationFactor, replication-factor",
            "min.insync.replicas, min-insync-replicas", "Critical, critical", "recordsize, record-size",
            "record_sizes, record-size", "nmae, name"})
    void suggestsTheKeyMeant(String written, String meant) {
        assertThat(Suggestions.closest(written, KEYS)).contains(meant);
    }

    @ParameterizedTest
    @CsvSource({"colour", "owner", "compression", "ra", "tpe-x", "partitions-count-total"})
    void staysQuietWhenNothingIsClose(String written) {
        assertThat(Suggestions.closest(written, KEYS)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"kitten, sitting, 3", "'', abc, 3", "same, same, 0", "flaw, lawn, 2", "nmae, name, 1", "ab, ba, 1"})
    void editDistanceCountsASwapAsOneEdit(String a, String b, int distance) {
        assertThat(Suggestions.distance(a, b)).isEqualTo(distance);
    }
}
