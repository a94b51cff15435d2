package io.firedrill.cluster.process;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.support.HostPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders one node's server.properties from the template in {@code harness/kafka/broker.properties}
 * (on the classpath as {@code firedrill/kafka/broker.properties}) plus the scenario's overrides.
 * Every backend that runs its own brokers renders them here, so a broker tunes the same whether it
 * is a child JVM or a container.
 */
public final class BrokerProperties {

    private static final String TEMPLATE = "firedrill/kafka/broker.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z.]+)}");

    private BrokerProperties() {}

    /**
     * @param listeners  listener name to the address the node binds (CONTROLLER, INTERNAL, DIRECT and client listeners)
     * @param advertised listener name to the address clients are told (all but CONTROLLER)
     * @param logDir     the node's data directory as the broker sees it
     */
    public static String render(ClusterSpec spec, int nodeId, List<HostPort> controllers,
                                Map<String, HostPort> listeners, Map<String, HostPort> advertised, String logDir) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("node.id", Integer.toString(nodeId));
        values.put("quorum.voters", quorumVoters(controllers));
        values.put("listeners", join(listeners));
        values.put("advertised.listeners", join(advertised));
        values.put("security.protocol.map", listeners.keySet().stream()
                .map(name -> name + ":PLAINTEXT").collect(Collectors.joining(",")));
        values.put("log.dir", logDir);
        int internalRf = spec.internalReplicationFactor();
        int internalMinIsr = Math.min(2, internalRf);
        values.put("internal.rf", Integer.toString(internalRf));
        values.put("internal.min.isr", Integer.toString(internalMinIsr));

        StringBuilder text = new StringBuilder(fill(template(), values));
        Map<String, String> lineSettings = spec.kafka().line().internalTopicSettings(internalRf, internalMinIsr);
        if (!lineSettings.isEmpty()) {
            text.append(System.lineSeparator()).append("# Kafka ").append(spec.kafka().line().name()).append(" only")
                    .append(System.lineSeparator());
            new TreeMap<>(lineSettings).forEach((key, value) ->
                    text.append(key).append('=').append(value).append(System.lineSeparator()));
        }
        if (!spec.brokerConfig().isEmpty()) {
            text.append(System.lineSeparator()).append("# Overrides from the scenario").append(System.lineSeparator());
            spec.brokerConfig().forEach((key, value) ->
                    text.append(key).append('=').append(value).append(System.lineSeparator()));
        }
        return text.toString();
    }

    static String quorumVoters(List<HostPort> controllers) {
        StringBuilder voters = new StringBuilder();
        for (int id = 0; id < controllers.size(); id++) {
            if (id > 0) {
                voters.append(',');
            }
            voters.append(id).append('@').append(controllers.get(id));
        }
        return voters.toString();
    }

    private static String join(Map<String, HostPort> listeners) {
        return listeners.entrySet().stream()
                .map(entry -> entry.getKey() + "://" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException(TEMPLATE + " uses ${" + matcher.group(1) + "}, which BrokerProperties does not fill");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String template() {
        try (InputStream in = BrokerProperties.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the classpath: rebuild with mvn");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE, e);
        }
    }
}
