package io.firedrill.scenario;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a scenario file, printed as {@code FILE:LINE:COL: message} (1-based, the
 * format editors and CI logs link to). The message is one line and says how to fix it.
 */
public record Problem(String file, int line, int column, String message) {

    /** Position order within one file; ties keep the order the problems were found in. */
    public static final Comparator<Problem> BY_POSITION =
            Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

    public Problem {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
        message = message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
