package io.firedrill.replication;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a flow's MirrorMaker 2 properties start from before Firedrill adds what the flow needs:
 * a profile ({@code kafka-defaults} or {@code firedrill-tuned}, see harness/kafka) and the team's
 * own keys on top of it.
 *
 * @param profile  the profile's name, as the scenario spells it
 * @param team     the team's keys, in their order (empty when they gave none)
 * @param source   where the team's keys came from (a file as written, {@code inline}); null for none
 * @param warnings keys MirrorMaker does not know, as validation reported them
 * @param exactlyOnce the scenario's {@code exactly-once}: Firedrill turns on MirrorMaker 2's exactly-once
 *                 source support (KIP-618) over the base; false is Kafka's default, at-least-once
 */
public record MirrorMakerBase(String profile, Map<String, String> team, String source, List<String> warnings,
                              boolean exactlyOnce) {

    public static final String KAFKA_DEFAULTS = "kafka-defaults";
    public static final String FIREDRILL_TUNED = "firedrill-tuned";
    /** Firedrill's own flows (restores, tests) keep the drill-speed settings. */
    public static final MirrorMakerBase TUNED = profile(FIREDRILL_TUNED);

    public MirrorMakerBase {
        if (!profile.equals(KAFKA_DEFAULTS) && !profile.equals(FIREDRILL_TUNED)) {
            throw new IllegalArgumentException("unknown MirrorMaker profile " + profile);
        }
        team = Collections.unmodifiableMap(new LinkedHashMap<>(team));
        warnings = List.copyOf(warnings);
    }

    public static MirrorMakerBase profile(String profile) {
        return new MirrorMakerBase(profile, Map.of(), null, List.of(), false);
    }

    /** How reports name the base: the profile, the team's config over it, and exactly-once when asked for. */
    public String describe() {
        return (source == null ? profile + " profile" : "team config (" + source + ") over the " + profile + " profile")
                + (exactlyOnce ? ", exactly-once" : "");
    }
}
