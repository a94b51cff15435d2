package io.firedrill.fault;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fault hits, as written in scenario files: {@code primary}, {@code backup},
 * {@code primary/broker-0}, {@code replication-link}, {@code clients->primary},
 * {@code clients->backup}, {@code mirrormaker}.
 */
public record FaultTarget(Kind kind, String cluster, int broker) {

    public enum Kind { CLUSTER, BROKER, REPLICATION_LINK, CLIENTS, MIRRORMAKER }

    private static final Pattern BROKER = Pattern.compile("(primary|backup)/broker-(\\d+)");
    private static final Pattern CLIENTS = Pattern.compile("clients->(primary|backup)");

    /** Parses a target; an unknown form is an {@link IllegalArgumentException} naming the valid ones. */
    public static FaultTarget parse(String text) {
        if (text.equals("primary") || text.equals("backup")) {
            return new FaultTarget(Kind.CLUSTER, text, -1);
        }
        if (text.equals("replication-link")) {
            return new FaultTarget(Kind.REPLICATION_LINK, null, -1);
        }
        if (text.equals("mirrormaker")) {
            return new FaultTarget(Kind.MIRRORMAKER, null, -1);
        }
        Matcher broker = BROKER.matcher(text);
        if (broker.matches()) {
            return new FaultTarget(Kind.BROKER, broker.group(1), Integer.parseInt(broker.group(2)));
        }
        Matcher clients = CLIENTS.matcher(text);
        if (clients.matches()) {
            return new FaultTarget(Kind.CLIENTS, clients.group(1), -1);
        }
        throw new IllegalArgumentException("unknown target '" + text + "': use primary, backup, primary/broker-N,"
                + " backup/broker-N, replication-link, clients->primary, clients->backup or mirrormaker");
    }

    /** True when healing this target must also heal a fault on {@code other}. */
    public boolean covers(FaultTarget other) {
        if (equals(other)) {
            return true;
        }
        return kind == Kind.CLUSTER && other.kind == Kind.BROKER && cluster.equals(other.cluster);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CLUSTER -> cluster;
            case BROKER -> cluster + "/broker-" + broker;
            case REPLICATION_LINK -> "replication-link";
            case CLIENTS -> "clients->" + cluster;
            case MIRRORMAKER -> "mirrormaker";
        };
    }
}
