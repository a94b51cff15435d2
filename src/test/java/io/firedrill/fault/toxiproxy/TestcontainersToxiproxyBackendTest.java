package io.firedrill.fault.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Shopify's real Toxiproxy in Docker behind the same seam; skipped where no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersToxiproxyBackendTest {

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
