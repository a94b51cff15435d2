package io.firedrill.scenario;

/**
 * The MirrorMaker 2 settings a drill starts from when the team gives none of its own
 * ({@code replication.mirrormaker.profile}); the team's {@code config} keys go on top of it.
 */
public enum MirrorMakerProfile implements Keyword {
    /**
     * Kafka's own defaults (checkpoints and group offset syncs every 60 s, an offset sync per 100
     * records, topics and groups refreshed every 10 min): what a production MirrorMaker runs
     * unless someone tuned it, so the drill's re-reads and RPO are the ones production would get.
     */
    KAFKA_DEFAULTS,
    /**
     * Firedrill's drill-speed settings: every interval 1 s and an offset sync per record, so new
     * topics replicate within seconds and failover re-reads about a second of traffic.
     */
    FIREDRILL_TUNED
}
