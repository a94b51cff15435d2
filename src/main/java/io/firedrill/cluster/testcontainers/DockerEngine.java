package io.firedrill.cluster.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.utility.DockerImageName;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Docker engine Testcontainers found, and what this harness keeps on it.
 * <p>
 * No orphans: Testcontainers' Ryuk removes every container and network of a harness JVM that
 * dies, even by SIGKILL, unless {@code TESTCONTAINERS_RYUK_DISABLED=true}. As a second line,
 * everything Firedrill creates carries {@value #HARNESS_LABEL}={@code host/pid}, and the first
 * connection of a harness removes what harnesses on the same host left behind when they died.
 */
final class DockerEngine {

    static final String HARNESS_LABEL = "io.firedrill.harness";
    static final String CLUSTER_LABEL = "io.firedrill.cluster";
    static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    /** Without Ryuk, Testcontainers removes a session's containers and networks in a JVM shutdown hook instead. */
    static final boolean RYUK_DISABLED = Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);
    private static DockerEngine connected;

    private final DockerClient client;
    private final BrokerLayout.PublishedPorts published;
    private final String host;
    private final String harness;

    private DockerEngine(DockerClient client, BrokerLayout.PublishedPorts published, String host) {
        this.client = client;
        this.published = published;
        this.host = host;
        this.harness = host + "/" + ProcessHandle.current().pid();
    }

    /** True when Testcontainers can use a Docker engine from this JVM. */
    static boolean available() {
        try {
            DockerClientFactory.instance().client();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The engine, connected once per JVM; refuses with a one-line fix when there is none. */
    static synchronized DockerEngine require() {
        if (connected == null) {
            DockerClient client;
            try {
                client = DockerClientFactory.instance().client();
            } catch (RuntimeException e) {
                throw notUsable(e, System.getenv("DOCKER_HOST"));
            }
            if (RYUK_DISABLED) {
                LOG.warn("TESTCONTAINERS_RYUK_DISABLED=true: Kafka containers of a killed harness stay until the next"
                        + " Firedrill run on this host removes them; unset it so Ryuk removes them at once");
            }
            DockerEngine engine = new DockerEngine(client,
                    BrokerLayout.PublishedPorts.forDockerHost(DockerClientFactory.instance().dockerHostIpAddress()),
                    hostName());
            engine.removeWhatDeadHarnessesLeft();
            connected = engine;
        }
        return connected;
    }

    /**
     * Testcontainers says "no valid Docker environment" when nothing answers; anything else
     * (an engine too old, Ryuk failing to start) is the engine's problem, not the user's choice.
     */
    static RuntimeException notUsable(RuntimeException cause, String dockerHost) {
        if (String.valueOf(cause.getMessage()).contains("Docker environment")) {
            return new BadInputException(noEngineMessage(dockerHost), cause);
        }
        return new InfrastructureException("the Docker engine at " + where(dockerHost) + " cannot run containers for"
                + " Firedrill: " + rootMessage(cause), cause);
    }

    static String noEngineMessage(String dockerHost) {
        return "no Docker engine answers at " + where(dockerHost) + " (or it is older than Docker 25 and"
                + " -Dapi.version is unset); install/start Docker (or point DOCKER_HOST at one) or use --backend process";
    }

    private static String where(String dockerHost) {
        return dockerHost == null || dockerHost.isBlank() ? DEFAULT_DOCKER_HOST : dockerHost;
    }

    DockerClient client() {
        return client;
    }

    BrokerLayout.PublishedPorts published() {
        return published;
    }

    /** Labels of everything made for one cluster of this harness. */
    Map<String, String> labels(String cluster) {
        return Map.of(HARNESS_LABEL, harness, CLUSTER_LABEL, cluster);
    }

    /** Names of the containers and networks of this harness that exist now, running or not. */
    List<String> leftoversOfThisHarness() {
        List<String> names = new ArrayList<>();
        client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(HARNESS_LABEL, harness)).exec()
                .forEach(container -> names.add("container " + nameOf(container)));
        client.listNetworksCmd().withFilter("label", List.of(HARNESS_LABEL + "=" + harness)).exec()
                .forEach(network -> names.add("network " + network.getName()));
        return names;
    }

    /**
     * Resolves the image once per cluster (pulling it when the engine lacks it), so brokers do not
     * race to pull it and a bad name fails before any container exists.
     */
    static RemoteDockerImage pull(String imageName) {
        DockerImageName name;
        try {
            name = DockerImageName.parse(imageName);
            name.assertValid();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("-D" + ContainerClusterBackend.IMAGE_PROPERTY + "=" + imageName
                    + " is not a Docker image name (" + e.getMessage() + "); use e.g. apache/kafka:4.3.1");
        }
        RemoteDockerImage image = new RemoteDockerImage(name);
        try {
            image.get();
        } catch (RuntimeException e) {
            // ContainerFetchException after retries, or the engine's NotFoundException for an unknown image
            throw new InfrastructureException("cannot pull Docker image " + imageName + " (" + rootMessage(e)
                    + "); check -D" + ContainerClusterBackend.IMAGE_PROPERTY + " and that the Docker engine reaches its registry", e);
        }
        return image;
    }

    private void removeWhatDeadHarnessesLeft() {
        for (Container container : client.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(HARNESS_LABEL)).exec()) {
            if (leftByDeadHarness(container.getLabels())) {
                LOG.info("removing container {} left by a Firedrill harness that died", nameOf(container));
                bestEffort(() -> client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec());
            }
        }
        for (com.github.dockerjava.api.model.Network network : client.listNetworksCmd()
                .withFilter("label", List.of(HARNESS_LABEL)).exec()) {
            if (leftByDeadHarness(network.getLabels())) {
                bestEffort(() -> client.removeNetworkCmd(network.getId()).exec());
            }
        }
    }

    /** Runs a removal that may find its object gone (another harness or Ryuk got there first). */
    static void bestEffort(Runnable removal) {
        try {
            removal.run();
        } catch (DockerException e) {
            LOG.debug("{}", e.getMessage());
        }
    }

    /** The engine lists names as {@code /name}. */
    private static String nameOf(Container container) {
        return String.join(",", container.getNames()).replace("/", "");
    }

    private boolean leftByDeadHarness(Map<String, String> labels) {
        String owner = labels == null ? null : labels.get(HARNESS_LABEL);
        if (owner == null || !owner.startsWith(host + "/")) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(host.length() + 1));
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
