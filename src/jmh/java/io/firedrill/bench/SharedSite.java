package io.firedrill.bench;

import io.firedrill.drill.DrillSite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark scenario's primary and backup behind the drill's proxies, started once by
 * {@link BenchSuite} in its own JVM for the client benchmarks, whose forks reach it through the
 * endpoints passed as system properties: the two sides of each paired figure (direct and
 * proxied, Firedrill's producer and Kafka's own tool) hit the same brokers in the same run.
 */
final class SharedSite implements AutoCloseable {

    private static final String PREFIX = "firedrill.bench.site.";

    private final DrillSite site;

    private SharedSite(DrillSite site) {
        this.site = site;
    }

    static SharedSite start() {
        return new SharedSite(DrillSite.start(BenchScenario.get(), BenchScenario.options()));
    }

    /** The JVM options that give a fork this site's endpoints. */
    List<String> forkOptions() {
        return site.endpoints().entrySet().stream().map(e -> "-D" + PREFIX + e.getKey() + "=" + e.getValue()).toList();
    }

    @Override
    public void close() {
        site.close();
    }

    /** The primary as the drill's clients reach it: through the {@code clients->primary} proxies. */
    static String primaryProxied() {
        return endpoint("primary.bootstrap.servers");
    }

    /** The primary's own listener, no proxy in between. */
    static String primaryDirect() {
        return endpoint("primary.direct.bootstrap.servers");
    }

    static String backupDirect() {
        return endpoint("backup.direct.bootstrap.servers");
    }

    /** Where MirrorMaker 2 reaches a cluster in drills: the {@code replication-link} proxies. */
    static String replicationLink(String cluster) {
        return endpoint(cluster + ".replication.bootstrap.servers");
    }

    private static String endpoint(String key) {
        String value = System.getProperty(PREFIX + key);
        if (value == null) {
            throw new IllegalStateException("no shared site: this benchmark runs on clusters BenchSuite starts; run it with "
                    + "mvn -B -Pbench -DskipTests verify -Dbench.include=<its name>");
        }
        return value;
    }

    /** Creates a topic on the shared primary, named after its benchmark and this fork so that runs never share data. */
    static String createTopic(String name, int partitions) {
        String topic = name + "-" + ProcessHandle.current().pid();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, primaryDirect()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + topic + " on the shared primary: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return topic;
    }

    /** Deletes a benchmark's topic wherever it is, so the shared brokers do not fill their disks; best effort. */
    static void deleteTopic(String topic) {
        for (String bootstrap : List.of(primaryDirect(), backupDirect())) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // not there (the backup of a benchmark that does not replicate) or the site is going away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
