package io.firedrill.scenario;

/** The two clusters of every drill. */
public enum ClusterRole implements Keyword {
    PRIMARY, BACKUP;

    public ClusterRole other() {
        return this == PRIMARY ? BACKUP : PRIMARY;
    }
}
