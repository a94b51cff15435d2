package io.firedrill.cluster.testcontainers;

import io.firedrill.cluster.ClusterBackend;
import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** What a user sees when picking the backend, checked without a Docker engine. */
class ContainerClusterBackendTest {

    @Test
    void withoutAnEngineTheBackendIsRefusedWithHowToFixIt() {
        assumeFalse(ContainerClusterBackend.dockerAvailable(), "a Docker engine answers here, so it cannot be missing");

        assertThatThrownBy(() -> ClusterBackend.named("testcontainers"))
                .isInstanceOf(BadInputException.class)
                .hasMessage(DockerEngine.noEngineMessage(System.getenv("DOCKER_HOST")));
    }

    @Test
    void theMessageNamesWhereItLookedAndTheWayOut() {
        assertThat(DockerEngine.noEngineMessage(null)).isEqualTo("no Docker engine answers at unix:///var/run/docker.sock;"
                + " install/start Docker (or point DOCKER_HOST at one) or use --backend process");
        assertThat(DockerEngine.noEngineMessage("tcp://10.0.0.5:2375")).startsWith("no Docker engine answers at tcp://10.0.0.5:2375;");
    }

    @Test
    void anEngineThatAnswersButCannotServeIsAnInfrastructureError() {
        RuntimeException missing = new IllegalStateException("Could not find a valid Docker environment. Please see logs");
        RuntimeException ryuk = new IllegalStateException("Could not start Ryuk", new RuntimeException("pull access denied for testcontainers/ryuk"));

        assertThat(DockerEngine.notUsable(missing, null)).isInstanceOf(BadInputException.class);
        assertThat(DockerEngine.notUsable(ryuk, "tcp://docker:2375"))
                .isInstanceOf(InfrastructureException.class)
                .hasMessage("the Docker engine at tcp://docker:2375 cannot run containers for Firedrill:"
                        + " pull access denied for testcontainers/ryuk; without Ryuk, set TESTCONTAINERS_RYUK_DISABLED=true:"
                        + " Firedrill removes its containers itself");
    }

    @Test
    void theImageIsApacheKafkaOfTheBuildsKafkaVersionUnlessOverridden() {
        assertThat(ContainerClusterBackend.kafkaImage()).isEqualTo("apache/kafka:4.3.1");
        System.setProperty(ContainerClusterBackend.IMAGE_PROPERTY, "registry.local/kafka:4.3.1-patched");
        try {
            assertThat(ContainerClusterBackend.kafkaImage()).isEqualTo("registry.local/kafka:4.3.1-patched");
        } finally {
            System.clearProperty(ContainerClusterBackend.IMAGE_PROPERTY);
        }
    }

    @Test
    void aMalformedImageNameIsRefusedBeforeDockerIsAsked() {
        assertThatThrownBy(() -> DockerEngine.pull("Apache/Kafka:4.3.1"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("-Dfiredrill.kafka.image=Apache/Kafka:4.3.1 is not a Docker image name");
    }
}
