package io.firedrill.scenario;

import java.util.Optional;

/**
 * What a fault hits or a heal repairs: a whole cluster, one broker, one of the proxied links, or
 * the MirrorMaker 2 process, or an application of the scenario. {@link #text()} is the spelling of the scenario file.
 */
public sealed interface Target
        permits Target.Cluster, Target.Broker, Target.ReplicationLink, Target.ClientLink, Target.MirrorMaker,
        Target.Application {

    Target REPLICATION_LINK = new ReplicationLink();
    Target MIRRORMAKER = new MirrorMaker();

    String text();

    /**
     * Whether healing this target heals a fault on {@code other}: the same target, or one broker
     * of this whole cluster.
     */
    default boolean covers(Target other) {
        return equals(other);
    }

    /** The cluster this target belongs to, if it belongs to exactly one. */
    default Optional<ClusterRole> cluster() {
        return Optional.empty();
    }

    /** Every broker of one cluster; for network faults, every proxy in front of them. */
    record Cluster(ClusterRole role) implements Target {
        @Override
        public String text() {
            return role.keyword();
        }

        @Override
        public boolean covers(Target other) {
            return equals(other) || other instanceof Broker broker && broker.role() == role;
        }

        @Override
        public Optional<ClusterRole> cluster() {
            return Optional.of(role);
        }
    }

    /** One broker, 0-based; for network faults, the proxies in front of it. */
    record Broker(ClusterRole role, int index) implements Target {
        @Override
        public String text() {
            return role.keyword() + "/broker-" + index;
        }

        @Override
        public Optional<ClusterRole> cluster() {
            return Optional.of(role);
        }
    }

    /** MirrorMaker 2's connections to both clusters. */
    record ReplicationLink() implements Target {
        @Override
        public String text() {
            return "replication-link";
        }
    }

    /** The producers' and consumers' connections to one cluster. */
    record ClientLink(ClusterRole role) implements Target {
        @Override
        public String text() {
            return "clients->" + role.keyword();
        }

        @Override
        public Optional<ClusterRole> cluster() {
            return Optional.of(role);
        }
    }

    /** The MirrorMaker 2 process. */
    record MirrorMaker() implements Target {
        @Override
        public String text() {
            return "mirrormaker";
        }
    }

    /** One application of the scenario's {@code applications:}, by name. */
    record Application(String name) implements Target {
        public static final String PREFIX = "application/";

        @Override
        public String text() {
            return PREFIX + name;
        }
    }
}
