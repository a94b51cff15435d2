package io.firedrill.replication;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a flow's mm2.properties from the template in {@code harness/kafka/mirrormaker.properties}
 * (on the classpath as {@code firedrill/kafka/mirrormaker.properties}). Comment lines are copied
 * as they are; values are escaped, so a regex keeps its backslashes.
 */
final class MirrorMakerProperties {

    static final String TEMPLATE = "firedrill/kafka/mirrormaker.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z.]+)}");

    private MirrorMakerProperties() {}

    /**
     * @param instance    names this MirrorMaker's own config and status topics
     * @param workerGroup fresh for every start, see the template
     */
    static String render(ReplicationFlow flow, String instance, String workerGroup) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("source", flow.source().alias());
        values.put("target", flow.target().alias());
        values.put("source.bootstrap", flow.source().bootstrapServers());
        values.put("target.bootstrap", flow.target().bootstrapServers());
        values.put("topics", flow.topics());
        values.put("groups", flow.groups());
        values.put("policy.class", flow.policy().policyClassName());
        values.put("sync.group.offsets", Boolean.toString(flow.syncGroupOffsets()));
        values.put("replication.factor", Integer.toString(flow.replicationFactor()));
        values.put("internal.rf", Integer.toString(flow.internalReplicationFactor()));
        values.put("worker.group", workerGroup);
        values.put("instance", instance);

        Map<String, String> pending = new LinkedHashMap<>();
        for (ReplicationEndpoint endpoint : new ReplicationEndpoint[] {flow.source(), flow.target()}) {
            endpoint.clientProperties().forEach((key, value) -> pending.put(endpoint.alias() + "." + key, value));
        }
        pending.putAll(flow.overrides());

        StringBuilder out = new StringBuilder();
        for (String line : template().split("\\R", -1)) {
            int equals = line.indexOf('=');
            if (line.isBlank() || line.startsWith("#") || equals < 0) {
                out.append(line).append('\n');
                continue;
            }
            String key = fill(line.substring(0, equals), values, false);
            String value = pending.containsKey(key) ? escape(pending.remove(key)) : fill(line.substring(equals + 1), values, true);
            out.append(key).append('=').append(value).append('\n');
        }
        if (!pending.isEmpty()) {
            out.append("# Client properties and overrides of this flow\n");
            pending.forEach((key, value) -> out.append(key).append('=').append(escape(value)).append('\n'));
        }
        return out.toString();
    }

    private static String fill(String text, Map<String, String> values, boolean escapeValues) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException(TEMPLATE + " uses ${" + matcher.group(1) + "}, which Firedrill does not fill");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(escapeValues ? escape(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Escapes a value for java.util.Properties, which would read {@code \.} as {@code .}. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String template() {
        try (InputStream in = MirrorMakerProperties.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the classpath: rebuild with mvn");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE, e);
        }
    }
}
