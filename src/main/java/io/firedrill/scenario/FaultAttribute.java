package io.firedrill.scenario;

/**
 * A setting of a fault, with the unit its value is kept in. Which fault type takes which
 * attribute, and its default, is {@link FaultType}'s business.
 */
public enum FaultAttribute implements Keyword {
    LATENCY(Unit.MILLISECONDS, 0, FaultAttribute.HOUR_MS, "the delay added to the data, like 300ms"),
    JITTER(Unit.MILLISECONDS, 0, FaultAttribute.HOUR_MS, "random variation of the latency, either way"),
    RATE(Unit.KILOBYTES_PER_SECOND, 1, 10_000_000, "the bandwidth in KB/s, like 64"),
    TIMEOUT(Unit.MILLISECONDS, 0, FaultAttribute.HOUR_MS, "when the connection is closed; 0 holds the data forever"),
    AVERAGE_SIZE(Unit.BYTES, 1, 1 << 20, "the average slice in bytes, like 64"),
    SIZE_VARIATION(Unit.BYTES, 0, 1 << 20, "how much the slice size varies, in bytes"),
    DELAY(Unit.MILLISECONDS, 0, FaultAttribute.HOUR_MS, "how long to wait, like 100ms"),
    BYTES(Unit.BYTES, 0, 1L << 40, "how many bytes pass before the connection is closed, like 1000"),
    OFFSET(Unit.MILLISECONDS, 1, 365 * 24 * FaultAttribute.HOUR_MS, "how far ahead of the machine's the clock runs, like 30s");

    /** Durations are written like {@code 300ms} and kept in milliseconds; the rest are whole numbers. */
    public enum Unit { MILLISECONDS, BYTES, KILOBYTES_PER_SECOND }

    private static final long HOUR_MS = 3_600_000;

    private final Unit unit;
    private final long min;
    private final long max;
    private final String purpose;

    FaultAttribute(Unit unit, long min, long max, String purpose) {
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.purpose = purpose;
    }

    /** What the attribute sets, with an example value, for messages and docs. */
    public String purpose() {
        return purpose;
    }

    public Unit unit() {
        return unit;
    }

    /** Smallest value allowed, in {@link #unit()}. */
    public long min() {
        return min;
    }

    /** Largest value allowed, in {@link #unit()}. */
    public long max() {
        return max;
    }

    /** The attribute's name in Toxiproxy's API ({@code average_size}). */
    public String toxiproxyName() {
        return keyword().replace('-', '_');
    }
}
