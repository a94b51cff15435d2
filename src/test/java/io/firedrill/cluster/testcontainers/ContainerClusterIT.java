package io.firedrill.cluster.testcontainers;

import io.firedrill.cluster.ClusterBackend;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaClusterContract;
import io.firedrill.support.InfrastructureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on {@code apache/kafka} containers: a broker is a container of the Docker engine.
 * Skipped, saying why, where no engine answers; failed there under {@code FIREDRILL_REQUIRE_DOCKER=1} (CI).
 */
@EnabledIf(value = "io.firedrill.cluster.testcontainers.DockerForTests#engine",
        disabledReason = "no Docker engine answers (DOCKER_HOST or the local socket): the testcontainers backend needs one")
class ContainerClusterIT extends KafkaClusterContract {

    @Override
    protected ClusterBackend backend() {
        return ContainerClusterBackend.connect();
    }

    @Override
    protected boolean runs(KafkaBroker broker) {
        return ((ContainerKafkaBroker) broker).isRunning();
    }

    @Override
    protected String identity(KafkaBroker broker) {
        return ((ContainerKafkaBroker) broker).containerId();
    }

    @Test
    void anImageThatCannotBePulledFailsBeforeAnyContainerExists() {
        System.setProperty(ContainerClusterBackend.IMAGE_PROPERTY, "apache/kafka:0.0.0-no-such-tag");
        try {
            assertThatThrownBy(() -> backend().start(ClusterSpec.of("unpullable", 1)))
                    .isInstanceOf(InfrastructureException.class)
                    .hasMessageStartingWith("cannot pull Docker image apache/kafka:0.0.0-no-such-tag (");
        } finally {
            System.clearProperty(ContainerClusterBackend.IMAGE_PROPERTY);
        }
    }

    /** Containers go with their volumes, networks with them, whatever the identities were. */
    @Override
    protected List<String> leftovers(List<String> identitiesBeforeClose) {
        return DockerEngine.require().leftoversOfThisHarness();
    }
}
