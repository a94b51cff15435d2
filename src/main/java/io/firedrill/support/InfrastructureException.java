package io.firedrill.support;

import java.util.List;

/**
 * A real component (broker, MirrorMaker, proxy) failed to start or broke. Carries the tails of
 * the logs that explain it, so the drill's ERROR shows the cause without digging; the CLI exits 3.
 */
public class InfrastructureException extends RuntimeException {

    /** The last lines of one process's log. */
    public record LogExcerpt(String process, String path, List<String> lines) {}

    private final List<LogExcerpt> logs;

    public InfrastructureException(String message, List<LogExcerpt> logs, Throwable cause) {
        super(message, cause);
        this.logs = List.copyOf(logs);
    }

    public InfrastructureException(String message, List<LogExcerpt> logs) {
        this(message, logs, null);
    }

    public InfrastructureException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    public List<LogExcerpt> logs() {
        return logs;
    }

    /** The message followed by each log tail, indented: what a user reads in a terminal. */
    public String describe() {
        StringBuilder text = new StringBuilder(getMessage());
        for (LogExcerpt log : logs) {
            text.append(System.lineSeparator()).append("  --- last lines of ").append(log.process())
                    .append(" (").append(log.path()).append(')');
            for (String line : log.lines()) {
                text.append(System.lineSeparator()).append("  | ").append(line);
            }
        }
        return text.toString();
    }
}
