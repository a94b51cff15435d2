package io.firedrill.replication;

/**
 * A snapshot failed its integrity check (missing, truncated or altered file, bad manifest):
 * the restore is refused before anything is written to the target cluster. A finding of the drill
 * that restores it (its restore step fails), not bad input: the run goes on.
 */
public class SnapshotRejectedException extends ReplicationException {
    public SnapshotRejectedException(String message) {
        super(message);
    }

    public SnapshotRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
