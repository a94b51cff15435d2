package io.firedrill.replication;

import io.firedrill.support.Secrets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MirrorMaker 2 settings a flow ran with, as a report shows them: what the drill started from
 * ({@code base}: profile and team config), the keys that gave ({@code givenSettings}), and every
 * key Firedrill set on top with why and whether it changed a given value. {@link #redacted()} is
 * the form that leaves the process; the raw form only goes into the flow's mm2.properties.
 *
 * @param base            {@link MirrorMakerBase#describe()}
 * @param givenSettings   the profile's keys, then the team's, in order (the team's win)
 * @param harnessSettings what Firedrill set, in the order written
 * @param warnings        keys of the team's that MirrorMaker does not know (it ignores them)
 */
public record MirrorMakerSettings(String base, Map<String, String> givenSettings, List<HarnessSetting> harnessSettings,
                                  List<String> warnings) {

    /**
     * One key Firedrill set.
     *
     * @param overrode true when the profile or the team gave the key another value
     */
    public record HarnessSetting(String key, String value, String reason, boolean overrode) {}

    public MirrorMakerSettings {
        givenSettings = Collections.unmodifiableMap(new LinkedHashMap<>(givenSettings));
        harnessSettings = List.copyOf(harnessSettings);
        warnings = List.copyOf(warnings);
    }

    /** What MirrorMaker runs with: the given keys with Firedrill's on top. */
    public Map<String, String> effective() {
        Map<String, String> effective = new LinkedHashMap<>(givenSettings);
        harnessSettings.forEach(setting -> effective.put(setting.key(), setting.value()));
        return effective;
    }

    /** The same with every secret value replaced (passwords, JAAS configs, tokens, key material). */
    public MirrorMakerSettings redacted() {
        return new MirrorMakerSettings(base, Secrets.redacted(givenSettings), harnessSettings.stream()
                .map(s -> new HarnessSetting(s.key(), Secrets.shown(s.key(), s.value()), s.reason(), s.overrode())).toList(),
                warnings);
    }
}
