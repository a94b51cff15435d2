package io.firedrill.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid drill, as its scenario file describes it. Only {@link ScenarioParser} builds these
 * from files, and only from files without problems.
 */
public record Scenario(String name, String description, List<String> tags, Severity severity,
                       ClusterSetup primary, ClusterSetup backup, List<TopicSpec> topics, Replication replication,
                       Traffic traffic, Detection detection, List<Step> steps, Expectations expect) {

    public static final List<String> DEFAULT_TAGS = List.of("nightly");

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
        Objects.requireNonNull(severity, "severity");
        if (primary.role() != ClusterRole.PRIMARY || backup.role() != ClusterRole.BACKUP) {
            throw new IllegalArgumentException("clusters out of place: " + primary.role() + ", " + backup.role());
        }
        topics = List.copyOf(topics);
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(detection, "detection");
        steps = List.copyOf(steps);
        Objects.requireNonNull(expect, "expect");
    }

    public ClusterSetup cluster(ClusterRole role) {
        return role == ClusterRole.PRIMARY ? primary : backup;
    }

    public Optional<TopicSpec> topic(String topicName) {
        return topics.stream().filter(t -> t.name().equals(topicName)).findFirst();
    }

    /** The topics MirrorMaker 2 copies: critical and matched by {@code replication.topics}. */
    public List<TopicSpec> replicatedTopics() {
        return topics.stream().filter(replication::replicatesTopic).toList();
    }

    /** The disaster: the last fault before the first failover; RTO counts from it. */
    public Optional<Step.Fault> disasterStep() {
        Step.Fault disaster = null;
        for (Step step : steps) {
            if (step instanceof Step.Failover) {
                return Optional.ofNullable(disaster);
            }
            if (step instanceof Step.Fault fault) {
                disaster = fault;
            }
        }
        return Optional.empty();
    }

    /**
     * How the clients fail over, from the first failover (every failover of a drill agrees):
     * absent when the drill never fails over, and then the clients stay on the primary.
     */
    public Optional<Step.Failover> clientFailover() {
        return steps.stream().filter(Step.Failover.class::isInstance).map(Step.Failover.class::cast).findFirst();
    }

    /** Whether the clients bootstrap on the active address and recover by themselves ({@code clients: redirect}). */
    public boolean redirectsClients() {
        return clientFailover().filter(failover -> failover.clients() == ClientsMode.REDIRECT).isPresent();
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
