package io.firedrill.fault.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import io.firedrill.cluster.testcontainers.DockerForTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Shopify's real Toxiproxy in Docker behind the same seam. Its image (and Testcontainers' sshd
 * for host access) come only from registries, so it runs where the engine already has them.
 */
@EnabledIf(value = "imagesOnTheEngine",
        disabledReason = "needs a Docker engine that has " + TestcontainersToxiproxyBackend.IMAGE + " (registries only)")
class TestcontainersToxiproxyBackendTest {

    static boolean imagesOnTheEngine() {
        return DockerForTests.engineHas(TestcontainersToxiproxyBackend.IMAGE);
    }

    @Test
    void proxiesToAnUpstreamOnThisHostWithToxics() throws Exception {
        try (EchoServer echo = new EchoServer(); ToxiproxyBackend backend = ToxiproxyBackend.named("testcontainers")) {
            ProxyEndpoint endpoint = backend.createProxy("clients-primary-0", echo.address());
            endpoint.proxy().toxics().latency("lag", DOWNSTREAM, 200);

            try (TcpClient connection = new TcpClient(endpoint.clientAddress())) {
                assertThat(connection.echo("via docker".getBytes())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            }
            assertThat(backend.client().version()).contains("2.12.0");
        }
    }
}
