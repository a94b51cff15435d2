package io.firedrill.kafka;

import java.util.Objects;

/** The Kafka versions one drill runs: each cluster's brokers and MirrorMaker 2. */
public record KafkaVersions(KafkaVersion primary, KafkaVersion backup, KafkaVersion mirrormaker) {

    public KafkaVersions {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(mirrormaker, "mirrormaker");
    }

    /** Everything on one version. */
    public static KafkaVersions all(KafkaVersion version) {
        return new KafkaVersions(version, version, version);
    }

    /** "3.9.1" when all three agree, else "primary 3.9.1, backup 4.3.1, MirrorMaker 3.9.1". */
    public String describe() {
        return primary.equals(backup) && primary.equals(mirrormaker) ? primary.toString()
                : "primary " + primary + ", backup " + backup + ", MirrorMaker " + mirrormaker;
    }
}
