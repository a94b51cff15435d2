package io.firedrill.fault.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend seam: the factory, the embedded default, and the binary backend's process handling. */
class ToxiproxyBackendTest {

    private EchoServer echo;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
    }

    @AfterEach
    void stop() throws Exception {
        echo.close();
    }

    @Test
    void anUnknownBackendNameIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> ToxiproxyBackend.named("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Toxiproxy backend 'docker': use embedded (default, in this JVM), "
                        + "binary (toxiproxy-server on PATH) or testcontainers (Docker)");
    }

    @Test
    void theEmbeddedBackendProxiesThroughTheToxiproxyClient() throws Exception {
        try (ToxiproxyBackend backend = ToxiproxyBackend.named("embedded")) {
            ProxyEndpoint endpoint = backend.createProxy("clients-primary-0", echo.address());

            assertThat(backend.name()).isEqualTo("embedded");
            assertThat(backend.apiUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(endpoint.hostPort()).isEqualTo(endpoint.proxy().getListen());
            assertThat(backend.client().getProxy("clients-primary-0").getUpstream()).isEqualTo(echo.hostPort());
            endpoint.proxy().toxics().latency("lag", DOWNSTREAM, 200);
            try (TcpClient connection = new TcpClient(endpoint.clientAddress())) {
                assertThat(connection.echo("via backend".getBytes())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            }
        }
    }

    @Test
    void theEmbeddedBackendSaysWhenItsAddressIsTaken() throws Exception {
        try (EmbeddedToxiproxyBackend first = EmbeddedToxiproxyBackend.start(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress taken = first.server().address();

            assertThatThrownBy(() -> EmbeddedToxiproxyBackend.start(taken))
                    .isInstanceOf(ToxiproxyBackendException.class)
                    .hasMessageStartingWith("cannot serve the Toxiproxy API on 127.0.0.1:" + taken.getPort() + ": ")
                    .hasMessageContaining("choose another address");
        }
    }

    @Test
    void theBinaryBackendWithoutToxiproxyServerOnPathSaysHowToInstallIt(@TempDir Path emptyDirectory) {
        assertThatThrownBy(() -> BinaryToxiproxyBackend.start(new InetSocketAddress("127.0.0.1", 0), emptyDirectory.toString()))
                .isInstanceOf(ToxiproxyBackendException.class)
                .hasMessageStartingWith("toxiproxy-server was not found on PATH: install Toxiproxy 2.x")
                .hasMessageContaining("https://github.com/Shopify/toxiproxy/releases")
                .hasMessageContaining("embedded backend");
    }

    @Test
    void theBinaryBackendOnThisMachineEitherRunsToxiproxyServerOrSaysItIsMissing() throws Exception {
        if (BinaryToxiproxyBackend.findOnPath(System.getenv("PATH")).isEmpty()) {
            assertThatThrownBy(() -> ToxiproxyBackend.named("binary")).isInstanceOf(ToxiproxyBackendException.class)
                    .hasMessageContaining("toxiproxy-server was not found on PATH");
            return;
        }
        try (ToxiproxyBackend backend = ToxiproxyBackend.named("binary")) {
            ProxyEndpoint endpoint = backend.createProxy("real", echo.address());
            try (TcpClient connection = new TcpClient(endpoint.clientAddress())) {
                connection.echo("real toxiproxy".getBytes());
            }
        }
    }

    /**
     * A toxiproxy-server stand-in on PATH (the embedded server in its own JVM, which takes the same
     * -host/-port flags) shows the backend starts the binary, waits for its API and stops it.
     */
    @Test
    void theBinaryBackendStartsWaitsForAndStopsTheServerProcess(@TempDir Path bin) throws Exception {
        Path script = bin.resolve("toxiproxy-server");
        Files.writeString(script, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + System.getProperty("java.class.path") + "' " + EmbeddedToxiproxy.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        long pid;
        try (BinaryToxiproxyBackend backend = BinaryToxiproxyBackend.start(new InetSocketAddress("127.0.0.1", 0), bin.toString())) {
            pid = backend.pid();
            ProxyEndpoint endpoint = backend.createProxy("through-binary", echo.address());
            try (TcpClient connection = new TcpClient(endpoint.clientAddress())) {
                connection.echo("out of process".getBytes());
            }
            assertThat(backend.client().version()).contains("2.12.0");
            assertThat(backend.log()).exists();
        }

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void theTestcontainersBackendWithoutDockerSaysSo() {
        assumeFalse(TestcontainersToxiproxyBackend.dockerAvailable(), "a Docker engine answers here");

        assertThatThrownBy(() -> ToxiproxyBackend.named("testcontainers"))
                .isInstanceOf(ToxiproxyBackendException.class)
                .hasMessageStartingWith("no Docker engine answers")
                .hasMessageContaining("embedded backend");
    }
}
