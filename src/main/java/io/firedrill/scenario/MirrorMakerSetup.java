package io.firedrill.scenario;

import io.firedrill.kafka.KafkaVersion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scenario's {@code replication.mirrormaker}: the profile the drill starts from and the team's
 * own MirrorMaker 2 properties on top of it, checked against MirrorMaker's ConfigDefs.
 *
 * @param profile    the base when the team gives no config (and beneath the keys it gives)
 * @param properties the team's keys and values, in file order; empty when none are given
 * @param source     where they came from: the path as written in the scenario, {@code inline},
 *                   or null when there are none
 * @param warnings   {@code FILE:LINE:COL: warning: ...} lines for keys MirrorMaker does not know
 *                   (MirrorMaker ignores them, so the drill runs; the team should know)
 * @param kafka      the Kafka release MirrorMaker 2 runs ({@code replication.mirrormaker.kafka})
 * @param exactlyOnce {@code replication.mirrormaker.exactly-once}: MirrorMaker 2's exactly-once source
 *                   support (KIP-618) instead of Kafka's default at-least-once copying
 */
public record MirrorMakerSetup(MirrorMakerProfile profile, Map<String, String> properties, String source,
                               List<String> warnings, KafkaVersion kafka, boolean exactlyOnce) {

    public static final MirrorMakerSetup DEFAULT =
            new MirrorMakerSetup(MirrorMakerProfile.KAFKA_DEFAULTS, Map.of(), null, List.of(), KafkaVersion.HARNESS, false);
    public static final String INLINE = "inline";

    public MirrorMakerSetup {
        Objects.requireNonNull(profile, "profile");
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(kafka, "kafka");
    }

    public static MirrorMakerSetup of(MirrorMakerProfile profile) {
        return new MirrorMakerSetup(profile, Map.of(), null, List.of(), KafkaVersion.HARNESS, false);
    }

    public MirrorMakerSetup withKafka(KafkaVersion version) {
        return new MirrorMakerSetup(profile, properties, source, warnings, version, exactlyOnce);
    }
}
