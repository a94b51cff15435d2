package io.firedrill.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {
    private static final long MS = 1_000_000L;

    @Test
    void sendsFallDueOnAFixedScheduleWithoutDrift() {
        Pacer pacer = new Pacer(1_000, 0);

        assertThat(pacer.nanosUntilDue(0)).isZero();
        pacer.sent();
        assertThat(pacer.nanosUntilDue(0)).isEqualTo(MS);
        assertThat(pacer.nanosUntilDue(MS + 300_000)).as("a late wake-up shortens the next wait").isEqualTo(-300_000);
        pacer.sent();
        assertThat(pacer.nanosUntilDue(MS + 300_000)).isEqualTo(700_000);
    }

    @Test
    void aThirdOfASecondRateStaysExactOverAMillionSends() {
        Pacer pacer = new Pacer(3, 0);
        for (int i = 0; i < 1_000_000; i++) {
            pacer.sent();
        }
        assertThat(pacer.nanosUntilDue(0)).isEqualTo(333_333_333_333_333L);
    }

    @Test
    void afterAStallAtMostOneSecondOfSendsIsMadeUp() {
        Pacer pacer = new Pacer(100, 0);
        long now = 5_000 * MS;
        int burst = 0;
        while (pacer.nanosUntilDue(now) <= 0) {
            pacer.sent();
            burst++;
        }
        assertThat(burst).isEqualTo(101);
        assertThat(pacer.nanosUntilDue(now)).isEqualTo(10 * MS);
    }

    @Test
    void unthrottledIsAlwaysDue() {
        Pacer pacer = new Pacer(ProducerSettings.UNTHROTTLED, 0);
        for (int i = 0; i < 1_000; i++) {
            pacer.sent();
        }
        assertThat(pacer.nanosUntilDue(0)).isZero();
    }
}
