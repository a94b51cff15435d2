package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    /** Fixed seeds: a failure reproduces, and the seed is in the assertion message. */
    private static final long[] SEEDS = {1, 42, 20260617};
    private static final int SAMPLES = 2_000;

    @ParameterizedTest
    @CsvSource({
            "250ms, 250", "10s, 10000", "2m, 120000", "1h, 3600000", "0s, 0", "0ms, 0", "1.5s, 1500",
            "0.25s, 250", "1m30s, 90000", "1h2m3s4ms, 3723004", "1.5h, 5400000", "' 10s ', 10000", "007s, 7000"})
    void parsesTheWrittenForms(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10|'10' has no unit; write 10s or 10ms",
            "10 s|'10 s' is not a duration; write it like 250ms, 10s, 1.5s, 2m, 1m30s or 1h",
            "10sec|'10sec' is not a duration; write it like 250ms, 10s, 1.5s, 2m, 1m30s or 1h",
            "1d|'1d' is not a duration; write it like 250ms, 10s, 1.5s, 2m, 1m30s or 1h",
            "-5s|'-5s' is negative; durations are 0 or more",
            "0.5ms|'0.5ms' is finer than a millisecond; durations are whole milliseconds",
            "1.0001s|'1.0001s' is finer than a millisecond; durations are whole milliseconds",
            "30s1m|'30s1m' must name larger units first and each unit once, like 1m30s",
            "1s1s|'1s1s' must name larger units first and each unit once, like 1m30s",
            "''|empty duration; write it like 250ms, 10s, 1.5s, 2m, 1m30s or 1h",
            "99999999999999999h|'99999999999999999h' is too long"})
    void refusesWithAMessageSayingHowToWriteIt(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "1, 1ms", "999, 999ms", "1000, 1s", "1500, 1.5s", "60000, 1m", "90000, 1m30s",
            "3600000, 1h", "3723004, 1h2m3.004s", "86400000, 24h"})
    void formatsTheShortestSpelling(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -1000})
    void formatRefusesNegativeDurations(long millis) {
        assertThatThrownBy(() -> Durations.format(Duration.ofMillis(millis))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatRefusesSubMillisecondDurations() {
        assertThatThrownBy(() -> Durations.format(Duration.ofNanos(1_500_000))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyFormattedDurationParsesBackToItself() {
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < SAMPLES; i++) {
                Duration duration = Duration.ofMillis(randomMillis(random));
                String text = Durations.format(duration);
                assertThat(Durations.parse(text)).as("seed %d: %s", seed, text).isEqualTo(duration);
                assertThat(Durations.format(Durations.parse(text))).as("seed %d: format is canonical", seed).isEqualTo(text);
            }
        }
    }

    @Test
    void aCompoundDurationIsTheSumOfItsParts() {
        String[] units = {"h", "m", "s", "ms"};
        long[] unitMillis = {3_600_000, 60_000, 1_000, 1};
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < SAMPLES; i++) {
                StringBuilder text = new StringBuilder();
                long expected = 0;
                for (int unit = 0; unit < units.length; unit++) {
                    if (random.nextBoolean()) {
                        long amount = random.nextInt(1000);
                        text.append(amount).append(units[unit]);
                        expected += amount * unitMillis[unit];
                    }
                }
                if (text.length() == 0) {
                    continue;
                }
                assertThat(Durations.parse(text.toString())).as("seed %d: %s", seed, text).isEqualTo(Duration.ofMillis(expected));
            }
        }
    }

    @Test
    void decimalsScaleTheirUnit() {
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < SAMPLES; i++) {
                long whole = random.nextInt(100);
                int thousandths = random.nextInt(1000);
                String text = whole + "." + String.format("%03d", thousandths) + "s";
                assertThat(Durations.parse(text)).as("seed %d: %s", seed, text).isEqualTo(Duration.ofMillis(whole * 1000 + thousandths));
            }
        }
    }

    @Test
    void garbageIsRefusedWithAOneLineMessageAndNothingElseThrown() {
        String alphabet = "0123456789.-+ hmsd\tµ:";
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < SAMPLES; i++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(8);
                for (int c = 0; c < length; c++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                try {
                    Duration accepted = Durations.parse(text.toString());
                    assertThat(Durations.parse(Durations.format(accepted))).as("seed %d: '%s'", seed, text).isEqualTo(accepted);
                } catch (IllegalArgumentException refused) {
                    assertThat(refused.getMessage()).as("seed %d: '%s'", seed, text).isNotBlank().doesNotContain("\n");
                }
            }
        }
    }

    /** Mostly drill-sized durations, some with odd milliseconds, some long. */
    private static long randomMillis(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(1000);
            case 1 -> random.nextInt(600) * 1000L;
            case 2 -> random.nextInt(3_600_000);
            default -> Math.floorMod(random.nextLong(), 100L * 24 * 3_600_000);
        };
    }
}
