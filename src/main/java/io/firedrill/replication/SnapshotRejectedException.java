package io.firedrill.replication;

import io.firedrill.support.BadInputException;

/**
 * A snapshot failed its integrity check (missing, truncated or altered file, bad manifest):
 * the restore is refused before anything is written to the target cluster.
 */
public class SnapshotRejectedException extends BadInputException {
    public SnapshotRejectedException(String message) {
        super(message);
    }

    public SnapshotRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
