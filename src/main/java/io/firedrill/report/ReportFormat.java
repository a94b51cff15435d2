package io.firedrill.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How figures read in every report: one spelling for durations, counts and times, so the HTML
 * page, the Allure parameters and the trend table never disagree about the same number.
 */
public final class ReportFormat {

    /** What a figure shows when the drill did not measure it. */
    public static final String NOT_MEASURED = "—";

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter SHORT_WHEN =
            DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private ReportFormat() {
    }

    /** {@code 812 ms}, {@code 4.2 s}, {@code 2 min 05 s}; {@link #NOT_MEASURED} for null. */
    public static String duration(Long ms) {
        if (ms == null) {
            return NOT_MEASURED;
        }
        long abs = Math.abs(ms);
        String sign = ms < 0 ? "-" : "";
        if (abs < 1_000) {
            return sign + abs + " ms";
        }
        if (abs < 60_000) {
            return sign + String.format(Locale.ROOT, "%.1f s", abs / 1000.0);
        }
        long seconds = Math.round(abs / 1000.0);
        return sign + String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** {@code 12,345}; {@link #NOT_MEASURED} for null. */
    public static String count(Long value) {
        return value == null ? NOT_MEASURED : String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 1,234.5}: rates and lags with at most one decimal. */
    public static String number(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    /** Seconds since the drill started, as the charts' time axis shows them: {@code 12.3 s}. */
    public static String offset(long atMs) {
        return String.format(Locale.ROOT, "%.1f s", atMs / 1000.0);
    }

    public static String when(long epochMs) {
        return WHEN.format(Instant.ofEpochMilli(epochMs));
    }

    public static String shortWhen(long epochMs) {
        return SHORT_WHEN.format(Instant.ofEpochMilli(epochMs));
    }

    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
