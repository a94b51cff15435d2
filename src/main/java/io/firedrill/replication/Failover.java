package io.firedrill.replication;

import io.firedrill.support.KafkaAdmin;
import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The failover step: fence the forward flow, prepare the backup for the clients, and commit every
 * consumer group's resume offsets on the backup before its consumers join there.
 *
 * <ol>
 *   <li>SIGKILL the forward MirrorMaker: its source is gone and nothing of its state is reused
 *       (failback starts a new generation), and if the primary is only cut off from the clients
 *       it must stop writing into topics the clients now write to.</li>
 *   <li>With {@code prefixed}, create the backup's own topics (same partitions and configs as the
 *       replicas) that producers write to from now on.</li>
 *   <li>Per group: {@link OffsetTranslator#translate}, then commit on the backup.</li>
 * </ol>
 * The translation gap is computed after the commits, off the clients' critical path.
 */
public final class Failover {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Failover() {}

    /**
     * @param forward       the forward flow's MirrorMaker (killed here; null if it already died)
     * @param monitor       the forward flow's monitor: its checkpoints and offset syncs are read
     *                      already, and it knows the groups' last committed offsets on the primary
     * @param primaryTopics the critical topics, by their names on the primary
     * @param groups        the consumer groups that move
     * @param sources       what the resume offsets may come from
     */
    public static FailoverResult run(MirrorMaker forward, ReplicationMonitor monitor, List<String> primaryTopics,
                                     Collection<String> groups, ResumeSources sources) {
        ReplicationFlow flow = monitor.flow();
        KafkaCluster backup = monitor.target();
        Function<String, Map<org.apache.kafka.common.TopicPartition, Long>> lastKnown = monitor::lastKnownGroupOffsets;
        long started = System.nanoTime();
        if (forward != null) {
            forward.kill();
        }
        long fencedAt = System.nanoTime();
        List<String> created = flow.policy() == ReplicationPolicyKind.PREFIXED
                ? createLocalTopics(flow, backup, primaryTopics) : List.of();
        List<GroupResume> moved = new ArrayList<>();
        try (OffsetTranslator translator = OffsetTranslator.using(monitor)) {
            for (String group : groups) {
                GroupResume failover = translator.translate(group,
                        sources == ResumeSources.MIRRORMAKER_AND_OBSERVED ? lastKnown.apply(group) : Map.of());
                translator.commit(failover);
                moved.add(failover);
            }
            long committedAt = System.nanoTime();
            List<GroupResume> withGaps = moved.stream().map(g -> translator.withGap(g, lastKnown.apply(g.group()))).toList();
            List<ClientRoute> routes = primaryTopics.stream().map(topic -> ClientRoute.of(flow, topic)).toList();
            return new FailoverResult(withGaps, routes, created, (fencedAt - started) / 1_000_000, (committedAt - started) / 1_000_000);
        }
    }

    /** The prefixed policy's local topics on the backup, shaped like their replicas. */
    private static List<String> createLocalTopics(ReplicationFlow flow, KafkaCluster backup, List<String> primaryTopics) {
        try (Admin admin = KafkaClients.admin(backup, "failover-topics", TIMEOUT)) {
            Set<String> existing = admin.listTopics().names().get();
            List<String> replicas = primaryTopics.stream().filter(flow::replicates).map(flow::remoteTopic)
                    .filter(existing::contains).toList();
            if (replicas.isEmpty()) {
                return List.of();
            }
            Map<String, TopicDescription> described = admin.describeTopics(replicas).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(replicas.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get();
            List<NewTopic> topics = new ArrayList<>();
            for (String replica : replicas) {
                String local = flow.replicationPolicy().originalTopic(replica);
                if (existing.contains(local)) {
                    continue;
                }
                TopicDescription description = described.get(replica);
                Map<String, String> topicConfigs = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, replica)).entries().stream()
                        .filter(entry -> entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && entry.value() != null)
                        .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
                topics.add(new NewTopic(local, description.partitions().size(),
                        (short) description.partitions().get(0).replicas().size()).configs(topicConfigs));
            }
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<String> names = topics.stream().map(NewTopic::name).toList();
            KafkaClients.awaitServed(admin, names, TIMEOUT); // producers write there next
            return names;
        } catch (ExecutionException e) {
            throw new ReplicationException("cannot create the backup's own topics for the prefixed policy: "
                    + KafkaAdmin.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted while preparing the backup's topics", e);
        }
    }
}
