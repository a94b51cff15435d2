package io.firedrill.cluster.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine Testcontainers found, and what this harness keeps on it.
 * <p>
 * No orphans: everything Firedrill creates carries {@value #HARNESS_LABEL}={@code host/pid}.
 * Testcontainers' Ryuk removes it when the harness JVM dies, even by SIGKILL; where Ryuk cannot
 * run ({@code TESTCONTAINERS_RYUK_DISABLED=true}, the tested setup) Testcontainers' shutdown hook
 * does on a normal exit or SIGTERM and {@link ContainerReaper} after a SIGKILL. As a last line,
 * every Firedrill run removes what dead harnesses of its host left ({@link DockerLeftovers}).
 */
final class DockerEngine {

    static final String HARNESS_LABEL = "io.firedrill.harness";
    static final String CLUSTER_LABEL = "io.firedrill.cluster";
    static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    /** Without Ryuk, Testcontainers removes a session's containers and networks in a JVM shutdown hook instead. */
    static final boolean RYUK_DISABLED = Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);
    /** docker-java asks for this API version unless {@value #API_VERSION_PROPERTY} says otherwise; Docker 25 speaks it. */
    static final String CLIENT_API_VERSION = "1.44";
    static final String API_VERSION_PROPERTY = "api.version";
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);
    private static DockerEngine connected;
    private static boolean negotiated;

    private final DockerClient client;
    private final BrokerLayout.PublishedPorts published;

    private DockerEngine(DockerClient client, BrokerLayout.PublishedPorts published) {
        this.client = client;
        this.published = published;
    }

    /** True when Testcontainers can use a Docker engine from this JVM. */
    static boolean available() {
        negotiateApiVersion();
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
            negotiateApiVersion();
            DockerClient client;
            try {
                client = DockerClientFactory.instance().client();
            } catch (RuntimeException e) {
                throw notUsable(e, System.getenv("DOCKER_HOST"));
            }
            if (RYUK_DISABLED) {
                ContainerReaper.startFor(DockerLeftovers.THIS_HARNESS);
            }
            DockerLeftovers.removeWhatDeadHarnessesLeft();
            connected = new DockerEngine(client, BrokerLayout.PublishedPorts.of(
                    DockerClientFactory.instance().getTransportConfig().getDockerHost()));
        }
        return connected;
    }

    /**
     * Engines before Docker 25 refuse docker-java's default API version 1.44 ("client version is
     * too new"), and Testcontainers then reports no Docker at all. Before it connects, the engine
     * is asked its own version and, when older, docker-java is told to speak that one. An explicit
     * {@code -Dapi.version} wins; an engine this cannot ask (TLS) keeps docker-java's default.
     */
    static synchronized void negotiateApiVersion() {
        if (negotiated || System.getProperty(API_VERSION_PROPERTY) != null) {
            return;
        }
        negotiated = true;
        DockerApi.at(DockerApi.configuredHost()).flatMap(DockerEngine::olderApiOf).ifPresent(engine -> {
            LOG.info("the Docker engine speaks API {}: using it instead of {}", engine, CLIENT_API_VERSION);
            System.setProperty(API_VERSION_PROPERTY, engine);
        });
    }

    /** The engine's API version when it is older than docker-java's default; empty when not, or when it cannot tell. */
    static Optional<String> olderApiOf(DockerApi engine) {
        try {
            String version = engine.get("/version").path("ApiVersion").asText();
            return olderApi(version, CLIENT_API_VERSION) ? Optional.of(version) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not ask the Docker engine its API version: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code 1.41} is older than {@code 1.44}; anything that is not {@code major.minor} is not older. */
    static boolean olderApi(String version, String than) {
        String[] a = version.split("\\.");
        String[] b = than.split("\\.");
        if (a.length != 2 || !version.matches("\\d+\\.\\d+")) {
            return false;
        }
        int major = Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0]));
        return major != 0 ? major < 0 : Integer.parseInt(a[1]) < Integer.parseInt(b[1]);
    }

    /**
     * Testcontainers says "no valid Docker environment" when nothing answers; anything else
     * (an engine too old, Ryuk failing to start) is the engine's problem, not the user's choice.
     */
    static RuntimeException notUsable(RuntimeException cause, String dockerHost) {
        if (String.valueOf(cause.getMessage()).contains("Docker environment")) {
            return new BadInputException(noEngineMessage(dockerHost), cause);
        }
        String root = rootMessage(cause);
        String fix = root.toLowerCase(Locale.ROOT).contains("ryuk")
                ? "; without Ryuk, set TESTCONTAINERS_RYUK_DISABLED=true: Firedrill removes its containers itself"
                : root.contains("RemoteDockerImage") && System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null
                ? "; Testcontainers pulls an image to find the engine's address from inside a container: set"
                        + " TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 for a local engine (harness/bin/drill does)" : "";
        return new InfrastructureException("the Docker engine at " + where(dockerHost) + " cannot run containers for"
                + " Firedrill: " + root + fix, cause);
    }

    static String noEngineMessage(String dockerHost) {
        return "no Docker engine answers at " + where(dockerHost) + "; install/start Docker (or point DOCKER_HOST at one)"
                + " or use --backend process";
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
        return Map.of(HARNESS_LABEL, DockerLeftovers.THIS_HARNESS, CLUSTER_LABEL, cluster);
    }

    /** Names of the containers and networks of this harness that exist now, running or not. */
    List<String> leftoversOfThisHarness() {
        List<String> names = new ArrayList<>();
        client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(HARNESS_LABEL, DockerLeftovers.THIS_HARNESS)).exec()
                .forEach(container -> names.add("container " + nameOf(container)));
        client.listNetworksCmd().withFilter("label", List.of(HARNESS_LABEL + "=" + DockerLeftovers.THIS_HARNESS)).exec()
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
        DockerClient client = DockerClientFactory.instance().client();
        try {
            client.inspectImageCmd(imageName).exec();
        } catch (NotFoundException missing) {
            // one pull, not Testcontainers' retries for two minutes: an unreachable registry
            // (air-gapped) answers at once, and waiting changes nothing
            try {
                if (!client.pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart()).start()
                        .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no answer in " + PULL_TIMEOUT.toMinutes() + " min");
                }
            } catch (RuntimeException e) {
                throw new InfrastructureException("cannot pull Docker image " + imageName + " (" + rootMessage(e) + "); check -D"
                        + ContainerClusterBackend.IMAGE_PROPERTY + ", that the Docker engine reaches its registry, or build it"
                        + " with harness/bin/kafka-image", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfrastructureException("interrupted while pulling Docker image " + imageName, e);
            }
        }
        return new RemoteDockerImage(name);
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

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
