package io.firedrill.replication;

import io.firedrill.support.BadInputException;

import java.util.Map;
import java.util.TreeMap;

/**
 * One end of a replication flow as MirrorMaker 2 sees it: the cluster alias, the addresses it
 * must use (in a drill the {@code replication-link} proxies) and the client properties it needs
 * (security for external clusters). MirrorMaker is given nothing else.
 */
public record ReplicationEndpoint(String alias, String bootstrapServers, Map<String, String> clientProperties) {

    public ReplicationEndpoint {
        if (alias == null || !alias.matches("[a-z0-9][a-z0-9-]*")) {
            throw new BadInputException("cluster alias '" + alias + "' is invalid: use lower-case letters, digits and '-'");
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new BadInputException("cluster '" + alias + "' needs bootstrap servers");
        }
        clientProperties = Map.copyOf(new TreeMap<>(clientProperties));
    }

    /** The same cluster under another alias (the one the team's own MirrorMaker gives it). */
    public ReplicationEndpoint withAlias(String other) {
        return new ReplicationEndpoint(other, bootstrapServers, clientProperties);
    }

    public static ReplicationEndpoint of(String alias, String bootstrapServers) {
        return new ReplicationEndpoint(alias, bootstrapServers, Map.of());
    }
}
