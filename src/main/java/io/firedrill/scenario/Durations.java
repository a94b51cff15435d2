package io.firedrill.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario files write them: a number and a unit, {@code 250ms}, {@code 10s},
 * {@code 2m}, {@code 1h}; decimals ({@code 1.5s}) and larger units first ({@code 1m30s}) are
 * allowed as long as the total is whole milliseconds.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|h|m|s)");
    private static final String[] UNITS = {"h", "m", "s", "ms"};
    private static final long[] UNIT_MS = {3_600_000, 60_000, 1_000, 1};
    private static final String EXAMPLES = "write it like 250ms, 10s, 1.5s, 2m, 1m30s or 1h";
    private static final BigDecimal LONGEST_MS = BigDecimal.valueOf(Long.MAX_VALUE / 2);

    private Durations() {
    }

    /**
     * Parses {@code text}; the exception's message is one line fit for a user ("'10' has no
     * unit; write 10s or 10ms").
     */
    public static Duration parse(String text) {
        String written = text.strip();
        if (written.isEmpty()) {
            throw new IllegalArgumentException("empty duration; " + EXAMPLES);
        }
        if (written.matches("[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException("'" + written + "' has no unit; write " + written + "s or " + written + "ms");
        }
        if (written.startsWith("-")) {
            throw new IllegalArgumentException("'" + written + "' is negative; durations are 0 or more");
        }
        Matcher part = PART.matcher(written);
        BigDecimal millis = BigDecimal.ZERO;
        int position = 0;
        int lastUnit = -1;
        while (position < written.length()) {
            if (!part.find(position) || part.start() != position) {
                throw new IllegalArgumentException("'" + written + "' is not a duration; " + EXAMPLES);
            }
            int unit = unitIndex(part.group(2));
            if (unit <= lastUnit) {
                throw new IllegalArgumentException("'" + written + "' must name larger units first and each unit once, like 1m30s");
            }
            lastUnit = unit;
            millis = millis.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(UNIT_MS[unit])));
            position = part.end();
        }
        if (millis.compareTo(LONGEST_MS) > 0) {
            throw new IllegalArgumentException("'" + written + "' is too long");
        }
        try {
            return Duration.ofMillis(millis.longValueExact());
        } catch (ArithmeticException finerThanMillis) {
            throw new IllegalArgumentException("'" + written + "' is finer than a millisecond; durations are whole milliseconds");
        }
    }

    /**
     * The shortest spelling {@link #parse} reads back as {@code duration}: {@code 250ms},
     * {@code 1.5s}, {@code 1m30s}, {@code 2h}, {@code 0s}.
     */
    public static String format(Duration duration) {
        if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException("not whole non-negative milliseconds: " + duration);
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis < 1_000) {
            return millis + "ms";
        }
        StringBuilder text = new StringBuilder();
        long hours = millis / UNIT_MS[0];
        long minutes = millis % UNIT_MS[0] / UNIT_MS[1];
        long secondsMillis = millis % UNIT_MS[1];
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (secondsMillis > 0) {
            text.append(BigDecimal.valueOf(secondsMillis, 3).stripTrailingZeros().toPlainString()).append('s');
        }
        return text.toString();
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        throw new IllegalStateException(unit);
    }
}
