package io.firedrill.replication;

/**
 * A replication step did not reach its goal in time (catch-up, restore, failback): the drill
 * step fails with this one-line message; the MirrorMaker log tail says why.
 */
public class ReplicationException extends RuntimeException {
    public ReplicationException(String message) {
        super(message);
    }

    public ReplicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
