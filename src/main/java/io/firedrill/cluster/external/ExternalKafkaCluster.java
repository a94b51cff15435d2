package io.firedrill.cluster.external;

import io.firedrill.cluster.BrokerState;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.support.BadInputException;
import io.firedrill.support.HostPort;
import io.firedrill.support.InfrastructureException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A cluster Firedrill only connects to. */
final class ExternalKafkaCluster implements KafkaCluster {

    private static final String REFUSED = ": Firedrill cannot stop, kill, pause or wipe brokers it does not run;"
            + " use the process or testcontainers backend for lifecycle faults";

    private final String name;
    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private final List<KafkaBroker> brokers;

    private ExternalKafkaCluster(String name, String bootstrapServers, Map<String, Object> clientProperties,
                                 Collection<Node> nodes) {
        this.name = name;
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        this.brokers = nodes.stream().sorted(Comparator.comparingInt(Node::id))
                .map(node -> (KafkaBroker) new ExternalBroker(name, node)).toList();
    }

    /** Connects and lists the brokers; an unreachable cluster is the user's input to fix. */
    static ExternalKafkaCluster connect(String name, String bootstrapServers, Map<String, Object> clientProperties) {
        Map<String, Object> admin = new HashMap<>(clientProperties);
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin client = Admin.create(admin)) {
            Collection<Node> nodes = client.describeCluster().nodes().get(15, TimeUnit.SECONDS);
            return new ExternalKafkaCluster(name, bootstrapServers, clientProperties, nodes);
        } catch (ExecutionException | TimeoutException e) {
            throw new BadInputException("external cluster '" + name + "' at " + bootstrapServers
                    + " is unreachable (" + rootMessage(e) + "); check its bootstrap servers and client properties");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while connecting to " + name, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String backend() {
        return "external";
    }

    @Override
    public List<KafkaBroker> brokers() {
        return brokers;
    }

    @Override
    public String bootstrapServers(String listener) {
        return bootstrapServers;
    }

    @Override
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    @Override
    public boolean managesBrokers() {
        return false;
    }

    @Override
    public void killAll() {
        throw new BadInputException("cluster '" + name + "' is an external cluster" + REFUSED);
    }

    @Override
    public void startAll() {
        // the cluster runs on its own; nothing of ours to start
    }

    @Override
    public void rebuildEmpty() {
        throw new BadInputException("cluster '" + name + "' is an external cluster: Firedrill will not delete the data of a"
                + " cluster it does not run; restore onto a process or testcontainers cluster instead");
    }

    @Override
    public List<InfrastructureException.LogExcerpt> logTails(int lines) {
        return List.of();
    }

    @Override
    public void close() {
        // connections only; the cluster stays as it was
    }

    private record ExternalBroker(String cluster, Node node) implements KafkaBroker {
        @Override
        public int id() {
            return node.id();
        }

        @Override
        public String target() {
            return cluster + "/broker-" + node.id();
        }

        @Override
        public BrokerState state() {
            return BrokerState.RUNNING;
        }

        @Override
        public HostPort listenerAddress(String listener) {
            return new HostPort(node.host(), node.port());
        }

        @Override
        public void stop() {
            throw refused();
        }

        @Override
        public void kill() {
            throw refused();
        }

        @Override
        public void pause() {
            throw refused();
        }

        @Override
        public void resume() {
            throw refused();
        }

        @Override
        public void start() {
            throw refused();
        }

        @Override
        public void wipeAndStart() {
            throw refused();
        }

        @Override
        public long pid() {
            return -1;
        }

        @Override
        public Path logFile() {
            return null;
        }

        @Override
        public List<String> logTail(int lines) {
            return List.of();
        }

        private BadInputException refused() {
            return new BadInputException(target() + " is an external broker" + REFUSED);
        }
    }
}
