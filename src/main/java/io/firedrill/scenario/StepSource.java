package io.firedrill.scenario;

/**
 * Where a step stands in its file and how it was written: {@code index} is 1-based among the
 * steps, {@code line} and {@code column} are 1-based positions of the step, {@code text} is the
 * step on one line ({@code fault: { type: latency, target: replication-link, latency: 300ms }}),
 * comments and layout dropped, for the drill's timeline and for messages.
 */
public record StepSource(int index, int line, int column, String text) {

    public StepSource {
        if (index < 1 || line < 1 || column < 1) {
            throw new IllegalArgumentException("index, line and column are 1-based: " + index + ", " + line + ", " + column);
        }
    }
}
