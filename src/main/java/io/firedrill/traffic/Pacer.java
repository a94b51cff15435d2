package io.firedrill.traffic;

/**
 * The send schedule of a producer: send {@code n} is due at {@code start + n / rate}, on the
 * nanosecond clock, so the rate holds over the whole drill instead of drifting with each wait's
 * overshoot. After a stall (a blocked send, a re-point) at most {@link #MAX_BACKLOG_NANOS} of
 * missed sends are made up, then the schedule moves on: a client app would have buffered about
 * that much, and an unbounded catch-up burst would swamp the cluster the drill just failed over to.
 */
final class Pacer {
    static final long MAX_BACKLOG_NANOS = 1_000_000_000L;

    private final double intervalNanos;
    private long originNanos;
    private long sends;

    /** @param ratePerSecond sends per second; infinite for as fast as the producer takes them */
    Pacer(double ratePerSecond, long startNanos) {
        this.intervalNanos = Double.isInfinite(ratePerSecond) ? 0 : 1e9 / ratePerSecond;
        this.originNanos = startNanos;
    }

    /** Nanoseconds until the next send is due; zero or less when it is due now. */
    long nanosUntilDue(long nowNanos) {
        long due = originNanos + (long) (sends * intervalNanos);
        long late = nowNanos - due;
        if (late > MAX_BACKLOG_NANOS) {
            originNanos += late - MAX_BACKLOG_NANOS;
            due += late - MAX_BACKLOG_NANOS;
        }
        return due - nowNanos;
    }

    /** One send was made. */
    void sent() {
        sends++;
    }
}
