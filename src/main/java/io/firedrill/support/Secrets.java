package io.firedrill.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one rule for what is secret in a Kafka or MirrorMaker 2 property: reports, summary.json,
 * Allure attachments and validation messages show such values as {@link #REDACTED}, never as
 * written. A key is secret when its name mentions a password, secret, JAAS config or token, or
 * holds key material ({@code ssl.key.*}, {@code ssl.keystore.*}).
 */
public final class Secrets {

    public static final String REDACTED = "[redacted]";
    private static final List<String> MARKERS = List.of("password", "secret", "jaas", "token", "credential",
            "ssl.key");

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return MARKERS.stream().anyMatch(lower::contains);
    }

    /** The value as it may be shown for {@code key}. */
    public static String shown(String key, String value) {
        return value != null && isSecret(key) ? REDACTED : value;
    }

    /** A copy, in the same order, with every secret value redacted. */
    public static Map<String, String> redacted(Map<String, String> properties) {
        Map<String, String> shown = new LinkedHashMap<>();
        properties.forEach((key, value) -> shown.put(key, shown(key, value)));
        return shown;
    }
}
