package io.firedrill.fault;

/**
 * The two kinds of connection a drill can fault separately. Each broker has one Kafka listener
 * per path, advertised as that path's proxy, so clients and MirrorMaker 2 never share a socket.
 */
public enum NetworkPath {
    /** Producers and consumer groups: targets {@code clients->primary}, {@code clients->backup}. */
    CLIENTS("CLIENTS", "clients"),
    /** MirrorMaker 2's connections to both clusters: target {@code replication-link}. */
    REPLICATION("REPLICATION", "replication");

    private final String listener;
    private final String proxyPrefix;

    NetworkPath(String listener, String proxyPrefix) {
        this.listener = listener;
        this.proxyPrefix = proxyPrefix;
    }

    /** The broker listener name of this path. */
    public String listener() {
        return listener;
    }

    /** Toxiproxy proxy name of one broker on this path, e.g. {@code clients-primary-broker-0}. */
    public String proxyName(String cluster, int broker) {
        return proxyPrefix + "-" + cluster + "-broker-" + broker;
    }
}
