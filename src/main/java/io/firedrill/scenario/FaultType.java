package io.firedrill.scenario;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The contract's fault types: what each is, which attributes it takes (with their defaults) and
 * which targets it can hit.
 */
public enum FaultType implements Keyword {
    LATENCY("latency", Attr.required(FaultAttribute.LATENCY), Attr.optional(FaultAttribute.JITTER, 0)),
    BANDWIDTH("bandwidth", Attr.required(FaultAttribute.RATE)),
    /** Holds data, then closes the connection after {@code timeout}; 0 holds it forever. */
    TIMEOUT("timeout", Attr.optional(FaultAttribute.TIMEOUT, 0)),
    RESET_PEER("reset_peer", Attr.optional(FaultAttribute.TIMEOUT, 0)),
    SLOW_CLOSE("slow_close", Attr.required(FaultAttribute.DELAY)),
    SLICER("slicer", Attr.required(FaultAttribute.AVERAGE_SIZE), Attr.optional(FaultAttribute.SIZE_VARIATION, 0),
            Attr.optional(FaultAttribute.DELAY, 0)),
    LIMIT_DATA("limit_data", Attr.required(FaultAttribute.BYTES)),
    /** The target's proxies are disabled: the link is cut both ways. */
    PARTITION(Kind.LINK_CUT),
    /** SIGKILL of the target's broker process(es). */
    BROKER_KILL(Kind.PROCESS),
    /** SIGSTOP, SIGCONT when healed or after {@code duration}. */
    BROKER_PAUSE(Kind.PROCESS),
    /** Clean stop, then start again on the same data. */
    BROKER_RESTART(Kind.PROCESS),
    /** SIGKILL of every broker of one whole cluster. */
    CLUSTER_OUTAGE(Kind.PROCESS),
    MIRRORMAKER_KILL(Kind.MIRRORMAKER),
    MIRRORMAKER_RESTART(Kind.MIRRORMAKER),
    /**
     * SIGKILL, and before the restart every log segment loses what was written after the broker's
     * last flush, as the page cache does in a power cut.
     */
    POWER_LOSS(Kind.HOST),
    /** The broker's log directory runs out of space. */
    DISK_FULL(Kind.HOST),
    /** The broker's log directory fails under it, as on an I/O error. */
    LOG_DIR_FAILURE(Kind.HOST),
    /** The broker, or MirrorMaker 2, runs with its wall clock {@code offset} ahead of the machine's. */
    CLOCK_SKEW(Kind.HOST, Attr.required(FaultAttribute.OFFSET)),
    /** SIGKILL of an application's processes; started again when healed or after {@code duration}. */
    APPLICATION_KILL(Kind.APPLICATION),
    /** SIGTERM to an application, then started again, as a redeploy does. */
    APPLICATION_RESTART(Kind.APPLICATION),
    /** SIGSTOP of an application's processes, SIGCONT when healed or after {@code duration}. */
    APPLICATION_PAUSE(Kind.APPLICATION);

    public enum Kind {
        /** A Toxiproxy toxic on the target's proxies. */
        TOXIC,
        /** The target's proxies are disabled. */
        LINK_CUT,
        /** Broker processes are signalled. */
        PROCESS,
        /** The MirrorMaker 2 process is signalled. */
        MIRRORMAKER,
        /**
         * The machine under a broker: its disk, its power, its clock. Only brokers Firedrill runs as
         * its own processes can be hit (the process backend).
         */
        HOST,
        /** An application's processes are signalled. */
        APPLICATION
    }

    private final Kind kind;
    private final String toxiproxyType;
    private final List<Attr> attributes;

    FaultType(String toxiproxyType, Attr... attributes) {
        this.kind = Kind.TOXIC;
        this.toxiproxyType = toxiproxyType;
        this.attributes = List.of(attributes);
    }

    FaultType(Kind kind, Attr... attributes) {
        this.kind = kind;
        this.toxiproxyType = null;
        this.attributes = List.of(attributes);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether this fault takes a whole cluster away when it hits one (its data unreachable until
     * healed or rebuilt): what makes a cluster "lost" for the drill's state and reports. A power
     * loss of every broker is a whole site going dark.
     */
    public boolean losesCluster() {
        return this == CLUSTER_OUTAGE || this == POWER_LOSS;
    }

    /**
     * The family a fault of this type on {@code target} belongs to: a cluster outage; signalled
     * brokers are process faults; anything on MirrorMaker 2 or its link is a replication fault;
     * other connection faults are network faults; a broker's disk, power and clock have their own
     * families, whatever they hit, because a power loss is not an outage an SRE fails over from
     * the same way (its data may be gone).
     */
    public FaultFamily family(Target target) {
        return switch (this) {
            case CLUSTER_OUTAGE -> FaultFamily.CLUSTER_OUTAGE;
            case POWER_LOSS -> FaultFamily.POWER;
            case DISK_FULL, LOG_DIR_FAILURE -> FaultFamily.STORAGE;
            case CLOCK_SKEW -> FaultFamily.TIME;
            default -> switch (kind) {
                case PROCESS, HOST -> FaultFamily.PROCESS;
                case MIRRORMAKER -> FaultFamily.REPLICATION;
                case APPLICATION -> FaultFamily.APPLICATION;
                case TOXIC, LINK_CUT -> target instanceof Target.ReplicationLink || target instanceof Target.MirrorMaker
                        ? FaultFamily.REPLICATION : FaultFamily.NETWORK;
            };
        };
    }

    /** Faults on broker processes or the machine under them: brokers replaced by a restore take them along. */
    public boolean actsOnBrokers() {
        return kind == Kind.PROCESS || kind == Kind.HOST;
    }

    /** Faults on connections (toxics and partitions), as opposed to faults on processes. */
    public boolean isNetwork() {
        return kind == Kind.TOXIC || kind == Kind.LINK_CUT;
    }

    /** Toxics can hit one direction and a share of connections; a partition cuts everything. */
    public boolean takesDirectionAndToxicity() {
        return kind == Kind.TOXIC;
    }

    /** The toxic's type in Toxiproxy's API ({@code reset_peer}); empty for faults that are not toxics. */
    public Optional<String> toxiproxyType() {
        return Optional.ofNullable(toxiproxyType);
    }

    /** The attributes this fault takes, in the contract's order. */
    public List<FaultAttribute> attributes() {
        return attributes.stream().map(Attr::attribute).toList();
    }

    /** The value used when the file leaves {@code attribute} out; empty when the file must set it. */
    public OptionalLong defaultValue(FaultAttribute attribute) {
        return attributes.stream().filter(a -> a.attribute() == attribute).findFirst()
                .map(a -> a.defaultValue() == null ? OptionalLong.empty() : OptionalLong.of(a.defaultValue()))
                .orElseThrow(() -> new IllegalArgumentException(keyword() + " takes no " + attribute.keyword()));
    }

    /**
     * Whether this fault can hit {@code target}: network faults hit links, clusters and brokers
     * (through their proxies), process faults hit brokers or whole clusters, cluster-outage only
     * whole clusters, mirrormaker faults only the MirrorMaker process, application faults only an application.
     */
    public boolean accepts(Target target) {
        return switch (kind) {
            case TOXIC, LINK_CUT -> !(target instanceof Target.MirrorMaker) && !(target instanceof Target.Application);
            case PROCESS -> target instanceof Target.Cluster
                    || this != CLUSTER_OUTAGE && target instanceof Target.Broker;
            case MIRRORMAKER -> target instanceof Target.MirrorMaker;
            case HOST -> target instanceof Target.Cluster || target instanceof Target.Broker
                    || this == CLOCK_SKEW && target instanceof Target.MirrorMaker;
            case APPLICATION -> target instanceof Target.Application;
        };
    }

    /** The targets {@link #accepts} allows, spelled for a message. */
    public String acceptedTargets() {
        return switch (kind) {
            case TOXIC, LINK_CUT -> "replication-link, clients->primary, clients->backup, primary, backup or one broker"
                    + " (primary/broker-N)";
            case PROCESS -> this == CLUSTER_OUTAGE ? "primary or backup"
                    : "primary, backup or one broker (primary/broker-N, backup/broker-N)";
            case MIRRORMAKER -> "mirrormaker";
            case HOST -> "primary, backup or one broker (primary/broker-N, backup/broker-N)"
                    + (this == CLOCK_SKEW ? ", or mirrormaker" : "");
            case APPLICATION -> "one application (application/NAME)";
        };
    }

    private record Attr(FaultAttribute attribute, Long defaultValue) {
        static Attr required(FaultAttribute attribute) {
            return new Attr(attribute, null);
        }

        static Attr optional(FaultAttribute attribute, long defaultValue) {
            return new Attr(attribute, defaultValue);
        }
    }
}
