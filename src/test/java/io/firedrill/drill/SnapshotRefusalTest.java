package io.firedrill.drill;

import io.firedrill.replication.SnapshotRejectedException;
import io.firedrill.support.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotRefusalTest {

    /**
     * {@code drill run} ends the whole run with exit 2 on bad input: a corrupted backup found
     * during a restore is a finding of that drill (its restore step fails), never bad input.
     */
    @Test
    void aRefusedSnapshotIsNotBadInput() {
        assertThat(new SnapshotRejectedException("snapshot x is refused")).isNotInstanceOf(BadInputException.class);
    }
}
