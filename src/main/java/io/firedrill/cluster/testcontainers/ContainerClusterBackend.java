package io.firedrill.cluster.testcontainers;

import io.firedrill.cluster.ClusterBackend;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.kafka.KafkaVersion;

/**
 * Brokers as real {@code apache/kafka} containers, for users who have Docker: the same broker
 * template, listeners, proxies and faults as the process backend, with the broker JVMs kept off
 * the harness's host. The image is {@code apache/kafka:<the Kafka version Firedrill is built
 * with>}, or {@code -Dfiredrill.kafka.image}.
 */
public final class ContainerClusterBackend implements ClusterBackend {

    public static final String IMAGE_PROPERTY = "firedrill.kafka.image";

    private final DockerEngine engine;

    private ContainerClusterBackend(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * The backend on the Docker engine Testcontainers finds (DOCKER_HOST, the local socket,
     * Docker Desktop...). Refuses at once, with how to fix it, when no engine answers.
     */
    public static ContainerClusterBackend connect() {
        return new ContainerClusterBackend(DockerEngine.require());
    }

    /** True when a Docker engine answers and Testcontainers can use it. */
    public static boolean dockerAvailable() {
        return DockerEngine.available();
    }

    /**
     * The official image of that Kafka release; {@code -Dfiredrill.kafka.image} replaces the image
     * of the harness's own version only, so a scenario's other versions keep their own images.
     */
    public static String kafkaImage(KafkaVersion version) {
        String official = "apache/kafka:" + version;
        return version.isHarness() ? System.getProperty(IMAGE_PROPERTY, official) : official;
    }

    @Override
    public String name() {
        return "testcontainers";
    }

    @Override
    public KafkaCluster start(ClusterSpec spec) {
        return ContainerKafkaCluster.start(spec, engine, kafkaImage(spec.kafka()));
    }
}
