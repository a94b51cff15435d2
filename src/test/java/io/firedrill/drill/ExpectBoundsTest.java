package io.firedrill.drill;

import io.firedrill.scenario.Expectations;
import io.firedrill.scenario.OrderExpectation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ExpectBoundsTest {

    @Test
    void everyBoundIsSpelledAsTheScenarioFileSpellsIt() {
        Expectations expect = new Expectations(OptionalLong.of(0), Optional.of(Duration.ofSeconds(2)),
                Optional.of(Duration.ofMillis(1_500)), OptionalLong.of(5_000), 0, OrderExpectation.PER_KEY, true, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

        assertThat(ExpectBounds.of(expect)).containsExactly(entry("lost-acked-records", "0"), entry("rpo", "2s"),
                entry("rto", "1.5s"), entry("consumer-duplicates", "5000"), entry("skipped-records", "0"),
                entry("order", "per-key"), entry("restored-records", "all"));
    }

    @Test
    void withoutExpectTheDefaultsAreStillBounds() {
        assertThat(ExpectBounds.of(Expectations.DEFAULT))
                .isEqualTo(Map.of("skipped-records", "0", "order", "per-key"));
    }
}
