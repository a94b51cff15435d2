package io.firedrill.fault.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proxies' lifecycle on real connections: cutting a link, restarts, unreachable upstreams, cleanup. */
class EmbeddedToxiproxyConnectionsTest {

    private EchoServer echo;
    private EmbeddedToxiproxy toxiproxy;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        toxiproxy = EmbeddedToxiproxy.start(new InetSocketAddress("127.0.0.1", 0));
        client = new ToxiproxyClient(toxiproxy.address().getHostString(), toxiproxy.address().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        toxiproxy.close();
        echo.close();
    }

    @Test
    void disablingCutsLiveConnectionsAndEnablingReopensTheSamePort() throws Exception {
        Proxy proxy = client.createProxy("link", "127.0.0.1:0", echo.hostPort());
        String listen = proxy.getListen();
        try (TcpClient first = TcpClient.to(listen); TcpClient second = TcpClient.to(listen)) {
            first.echo("a".getBytes());
            second.echo("b".getBytes());

            proxy.disable();

            assertThat(first.awaitEnd(Duration.ofSeconds(5))).isIn(TcpClient.Outcome.EOF, TcpClient.Outcome.RESET);
            assertThat(second.awaitEnd(Duration.ofSeconds(5))).isIn(TcpClient.Outcome.EOF, TcpClient.Outcome.RESET);
            assertThatThrownBy(() -> TcpClient.to(listen)).isInstanceOf(IOException.class);
            await().atMost(5, TimeUnit.SECONDS).until(() -> echo.openConnections() == 0);
        }

        proxy.enable();

        assertThat(client.getProxy("link").getListen()).isEqualTo(listen);
        try (TcpClient again = TcpClient.to(listen)) {
            again.echo("healed".getBytes());
        }
    }

    @Test
    void deletingAProxyClosesItsConnections() throws Exception {
        Proxy proxy = client.createProxy("doomed", "127.0.0.1:0", echo.hostPort());
        try (TcpClient connection = TcpClient.to(proxy.getListen())) {
            connection.echo("x".getBytes());

            proxy.delete();

            assertThat(connection.awaitEnd(Duration.ofSeconds(5))).isIn(TcpClient.Outcome.EOF, TcpClient.Outcome.RESET);
        }
    }

    @Test
    void anUnreachableUpstreamClosesTheClientConnection() throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        Proxy proxy = client.createProxy("dead-end", "127.0.0.1:0", "127.0.0.1:" + deadPort);

        try (TcpClient connection = TcpClient.to(proxy.getListen())) {
            assertThat(connection.awaitEnd(Duration.ofSeconds(5))).isEqualTo(TcpClient.Outcome.EOF);
        }
    }

    @Test
    void changingTheUpstreamRestartsTheProxyAndDropsItsConnections() throws Exception {
        Proxy proxy = client.createProxy("repointed", "127.0.0.1:0", "127.0.0.1:1");
        try (TcpClient doomed = TcpClient.to(proxy.getListen())) {
            proxy.setUpstream(echo.hostPort());
            assertThat(doomed.awaitEnd(Duration.ofSeconds(5))).isIn(TcpClient.Outcome.EOF, TcpClient.Outcome.RESET);
        }
        try (TcpClient connection = TcpClient.to(client.getProxy("repointed").getListen())) {
            connection.echo("new upstream".getBytes());
        }
    }

    @Test
    void aHostnameListenIsReportedResolvedAndSettingItAgainDoesNotRestart() throws Exception {
        Proxy proxy = client.createProxy("named", "localhost:0", echo.hostPort());
        assertThat(proxy.getListen()).startsWith("127.0.0.1:");
        int port = Integer.parseInt(proxy.getListen().substring("127.0.0.1:".length()));

        try (TcpClient connection = TcpClient.to(proxy.getListen())) {
            proxy.setListen("localhost:" + port);
            connection.echo("kept".getBytes());
        }
    }

    @Test
    void aClientClosingItsSideClosesTheWholeConnectionAsToxiproxyDoes() throws Exception {
        Proxy proxy = client.createProxy("closing", "127.0.0.1:0", echo.hostPort());
        try (TcpClient connection = TcpClient.to(proxy.getListen())) {
            connection.echo("bye".getBytes());

            connection.socket().shutdownOutput();

            assertThat(connection.awaitEnd(Duration.ofSeconds(5))).isEqualTo(TcpClient.Outcome.EOF);
            assertThat(echo.endings().poll(5, TimeUnit.SECONDS)).isIn(EchoServer.Ending.EOF, EchoServer.Ending.RESET);
        }
    }

    @Test
    void carriesManyConcurrentConnections() throws Exception {
        Proxy proxy = client.createProxy("busy", "127.0.0.1:0", echo.hostPort());
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Duration>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                byte[] payload = ("connection " + i).repeat(1000).getBytes();
                results.add(clients.submit(() -> {
                    try (TcpClient connection = TcpClient.to(proxy.getListen())) {
                        return connection.echo(payload);
                    }
                }));
            }
            for (Future<Duration> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            clients.shutdownNow();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closingTheServerEndsEveryConnectionAndThread() throws Exception {
        Proxy proxy = client.createProxy("all", "127.0.0.1:0", echo.hostPort());
        proxy.toxics().latency("lag", eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM, 10_000);
        try (TcpClient connection = TcpClient.to(proxy.getListen())) {
            connection.send("held in a toxic".getBytes());
            await().atMost(5, TimeUnit.SECONDS).until(() -> echo.bytesReceived() > 0);

            toxiproxy.close();

            assertThat(connection.awaitEnd(Duration.ofSeconds(5))).isIn(TcpClient.Outcome.EOF, TcpClient.Outcome.RESET);
        }
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.getName().startsWith("toxiproxy-"))
                .isEmpty());
    }
}
