package io.firedrill.fault.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each toxic's effect, measured on real TCP connections through the embedded server to a real echo
 * server, with toxics set through the toxiproxy-java client. Timing bounds are one-sided where
 * possible (a latency is at least what was set) and generous where not: the machine is noisy.
 */
class EmbeddedToxiproxyToxicsTest {

    private static final Duration NO_TOXIC_ROUND_TRIP = Duration.ofMillis(150);

    private EchoServer echo;
    private EmbeddedToxiproxy toxiproxy;
    private ToxiproxyClient client;
    private Proxy proxy;
    private final List<TcpClient> connections = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        toxiproxy = EmbeddedToxiproxy.start(new InetSocketAddress("127.0.0.1", 0));
        client = new ToxiproxyClient(toxiproxy.address().getHostString(), toxiproxy.address().getPort());
        proxy = client.createProxy("echo", "127.0.0.1:0", echo.hostPort());
    }

    @AfterEach
    void stop() throws Exception {
        for (TcpClient connection : connections) {
            connection.close();
        }
        toxiproxy.close();
        echo.close();
    }

    private TcpClient connect() throws IOException {
        TcpClient connection = TcpClient.to(proxy.getListen());
        connections.add(connection);
        return connection;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    @Test
    void withoutToxicsDataPassesUnchangedBothWays() throws Exception {
        TcpClient connection = connect();
        byte[] payload = randomBytes(4 * 1024 * 1024);
        Thread writer = new Thread(() -> {
            try {
                connection.send(payload);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        assertThat(connection.readExactly(payload.length)).isEqualTo(payload);
        writer.join();
    }

    @Test
    void downstreamLatencyDelaysTheAnswerNotTheRequest() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().latency("slow-answers", DOWNSTREAM, 300);

        long sent = System.nanoTime();
        Duration roundTrip = connection.echo("ping".getBytes());

        assertThat(echo.bytesReceived()).isEqualTo(4);
        assertThat(roundTrip).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(3_000));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void upstreamLatencyHoldsTheRequestBack() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().latency("slow-requests", UPSTREAM, 400);

        long sent = System.nanoTime();
        connection.send("ping".getBytes());
        await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5)).until(() -> echo.bytesReceived() == 4);
        Duration toServer = Duration.ofNanos(System.nanoTime() - sent);
        connection.readExactly(4);

        assertThat(toServer).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void jitterKeepsEveryDelayWithinLatencyPlusOrMinusJitter() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().latency("jittery", DOWNSTREAM, 200).setJitter(100);

        for (int i = 0; i < 5; i++) {
            assertThat(connection.echo(new byte[] {(byte) i})).isGreaterThanOrEqualTo(Duration.ofMillis(100))
                    .isLessThan(Duration.ofMillis(2_300));
        }
    }

    @Test
    void latencyToxicsInOneStreamAddUp() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().latency("first", DOWNSTREAM, 200);
        proxy.toxics().latency("second", DOWNSTREAM, 200);

        assertThat(connection.echo("x".getBytes())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void latencyIsPerChunkSoAStreamDoesNotPileUpDelay() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().latency("slow", DOWNSTREAM, 300);

        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            connection.send(new byte[] {(byte) i});
            Thread.sleep(10);
        }
        connection.readExactly(20);
        Duration all = Duration.ofNanos(System.nanoTime() - start);

        // twenty sends 10 ms apart each delayed 300 ms arrive after about 500 ms, not 20 x 300 ms
        assertThat(all).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(3_000));
    }

    @Test
    void removingALatencyToxicReleasesHeldDataAndKeepsTheConnection() throws Exception {
        TcpClient connection = connect();
        Latency latency = proxy.toxics().latency("long", DOWNSTREAM, 10_000);

        long start = System.nanoTime();
        connection.send("held".getBytes());
        await().atMost(5, TimeUnit.SECONDS).until(() -> echo.bytesReceived() == 4);
        latency.remove();
        assertThat(connection.readExactly(4)).isEqualTo("held".getBytes());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(5_000));
        assertThat(connection.echo("after".getBytes())).isLessThan(Duration.ofMillis(5_000));
    }

    @Test
    void updatingLatencyActsOnTheLiveConnection() throws Exception {
        TcpClient connection = connect();
        Latency latency = proxy.toxics().latency("adjustable", DOWNSTREAM, 50);
        assertThat(connection.echo("a".getBytes())).isGreaterThanOrEqualTo(Duration.ofMillis(50));

        latency.setLatency(400);

        assertThat(connection.echo("b".getBytes())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void downstreamBandwidthLimitsTheRateToTheClient() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().bandwidth("narrow", DOWNSTREAM, 100);
        byte[] payload = randomBytes(200_000);

        long start = System.nanoTime();
        Thread writer = new Thread(() -> {
            try {
                connection.send(payload);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        byte[] back = connection.readExactly(payload.length);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        writer.join();

        // 200,000 bytes at 100 KB/s take 2 s
        assertThat(back).isEqualTo(payload);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1_700)).isLessThan(Duration.ofMillis(12_000));
    }

    @Test
    void upstreamBandwidthLimitsTheRateToTheServer() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().bandwidth("narrow", UPSTREAM, 50);

        long start = System.nanoTime();
        connection.send(randomBytes(50_000));
        await().atMost(15, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(10)).until(() -> echo.bytesReceived() == 50_000);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(850));
        connection.readExactly(50_000);
    }

    @Test
    void slowCloseHoldsBackTheCloseOfTheStream() throws Exception {
        TcpClient connection = connect();
        connection.echo("hello".getBytes());
        Socket serverSide = echo.accepted().poll(5, TimeUnit.SECONDS);
        proxy.toxics().slowClose("lingering", DOWNSTREAM, 600);

        long closed = System.nanoTime();
        serverSide.close();
        assertThat(connection.awaitEnd(Duration.ofSeconds(10))).isEqualTo(TcpClient.Outcome.EOF);

        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void withoutSlowCloseTheServersCloseReachesTheClientAtOnce() throws Exception {
        TcpClient connection = connect();
        connection.echo("hello".getBytes());
        Socket serverSide = echo.accepted().poll(5, TimeUnit.SECONDS);

        serverSide.close();

        assertThat(connection.awaitEnd(Duration.ofSeconds(10))).isEqualTo(TcpClient.Outcome.EOF);
    }

    @Test
    void timeoutSwallowsDataAndClosesTheConnectionAfterTheTimeout() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().timeout("stall", DOWNSTREAM, 500);

        long start = System.nanoTime();
        connection.send("lost answer".getBytes());
        TcpClient.Outcome outcome = connection.awaitEnd(Duration.ofSeconds(10));

        assertThat(outcome).isEqualTo(TcpClient.Outcome.EOF);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(echo.bytesReceived()).as("upstream still got the request").isEqualTo(11);
    }

    @Test
    void upstreamTimeoutKeepsRequestsFromTheServer() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().timeout("stall", UPSTREAM, 300);

        connection.send("never arrives".getBytes());

        assertThat(connection.awaitEnd(Duration.ofSeconds(10))).isEqualTo(TcpClient.Outcome.EOF);
        assertThat(echo.bytesReceived()).isZero();
    }

    @Test
    void timeoutZeroHoldsTheConnectionOpenUntilTheToxicIsRemovedThenClosesIt() throws Exception {
        TcpClient connection = connect();
        var timeout = proxy.toxics().timeout("hold", DOWNSTREAM, 0);

        connection.send("swallowed".getBytes());
        assertThat(connection.awaitEnd(Duration.ofMillis(700))).isEqualTo(TcpClient.Outcome.SILENT);

        timeout.remove();

        assertThat(connection.awaitEnd(Duration.ofSeconds(10))).isEqualTo(TcpClient.Outcome.EOF);
    }

    @Test
    void resetPeerResetsBothPeersAfterTheTimeout() throws Exception {
        proxy.toxics().resetPeer("rst", DOWNSTREAM, 200);
        TcpClient connection = connect();

        long start = System.nanoTime();
        connection.send("reset me\n".getBytes());
        TcpClient.Outcome outcome = connection.awaitEnd(Duration.ofSeconds(10));

        assertThat(outcome).isEqualTo(TcpClient.Outcome.RESET);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(echo.endings().poll(10, TimeUnit.SECONDS)).isEqualTo(EchoServer.Ending.RESET);
    }

    @Test
    void upstreamResetPeerWithoutTimeoutResetsOnTheFirstData() throws Exception {
        proxy.toxics().resetPeer("rst", UPSTREAM, 0);
        TcpClient connection = connect();

        connection.send("first".getBytes());

        assertThat(connection.awaitEnd(Duration.ofSeconds(10))).isEqualTo(TcpClient.Outcome.RESET);
        assertThat(echo.bytesReceived()).isZero();
    }

    @Test
    void resetPeerAddedToALiveConnectionResetsIt() throws Exception {
        TcpClient connection = connect();
        connection.echo("alive".getBytes());
        proxy.toxics().resetPeer("rst", UPSTREAM, 0);

        connection.send("now".getBytes());

        assertThat(connection.awaitEnd(Duration.ofSeconds(10))).isEqualTo(TcpClient.Outcome.RESET);
    }

    @Test
    void slicerDeliversDataInSmallPiecesWithDelays() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().slicer("crumbs", DOWNSTREAM, 10, 2000).setSizeVariation(2);
        byte[] payload = randomBytes(1_000);

        long start = System.nanoTime();
        connection.send(payload);
        InputStream in = connection.input();
        byte[] buffer = new byte[64 * 1024];
        byte[] back = new byte[payload.length];
        int received = 0;
        int reads = 0;
        while (received < payload.length) {
            int read = in.read(buffer);
            System.arraycopy(buffer, 0, back, received, read);
            received += read;
            reads++;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(back).isEqualTo(payload);
        // about 100 pieces 2 ms apart; a busy machine may merge some, never all
        assertThat(reads).isGreaterThanOrEqualTo(10);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void limitDataLetsTheLimitThroughThenClosesTheConnection() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().limitData("cap", DOWNSTREAM, 1_000);
        byte[] payload = randomBytes(5_000);

        connection.send(payload);
        byte[] back = connection.input().readAllBytes();

        assertThat(back).hasSize(1_000).isEqualTo(java.util.Arrays.copyOf(payload, 1_000));
    }

    @Test
    void limitDataCountsAcrossChunksOfOneConnection() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().limitData("cap", UPSTREAM, 10);

        connection.echo("12345".getBytes());
        connection.send("6789012345".getBytes());

        assertThat(connection.readExactly(5)).isEqualTo("67890".getBytes());
        assertThat(connection.awaitEnd(Duration.ofSeconds(10))).isEqualTo(TcpClient.Outcome.EOF);
        assertThat(echo.bytesReceived()).isEqualTo(10);
    }

    @Test
    void toxicityZeroLeavesConnectionsAloneAndOneHitsEveryConnection() throws Exception {
        proxy.toxics().latency("never", DOWNSTREAM, 1_000).setToxicity(0f);
        for (int i = 0; i < 5; i++) {
            assertThat(connect().echo("x".getBytes())).isLessThan(Duration.ofMillis(1_000));
        }

        proxy.toxics().get("never").setToxicity(1f);
        for (int i = 0; i < 3; i++) {
            assertThat(connect().echo("x".getBytes())).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
        }
    }

    @Test
    void aToxicOnOneStreamLeavesTheOtherAlone() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().timeout("requests-stall", UPSTREAM, 0);

        // a downstream-only timeout would still let the request reach the server
        connection.send("blocked".getBytes());
        assertThat(connection.awaitEnd(Duration.ofMillis(500))).isEqualTo(TcpClient.Outcome.SILENT);
        assertThat(echo.bytesReceived()).isZero();
    }

    @Test
    void noopToxicPassesDataUnchanged() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().latency("zero", DOWNSTREAM, 0);
        byte[] payload = randomBytes(100_000);

        Thread writer = new Thread(() -> {
            try {
                connection.send(payload);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        assertThat(connection.readExactly(payload.length)).isEqualTo(payload);
        writer.join();
    }

    @Test
    void addingAndRemovingToxicsUnderTrafficNeitherDropsNorReordersData() throws Exception {
        TcpClient connection = connect();
        byte[] payload = randomBytes(2 * 1024 * 1024);
        Thread writer = new Thread(() -> {
            try {
                for (int offset = 0; offset < payload.length; offset += 16 * 1024) {
                    connection.socket().getOutputStream().write(payload, offset, 16 * 1024);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread churn = new Thread(() -> {
            try {
                for (int i = 0; i < 20; i++) {
                    proxy.toxics().latency("churn-down", DOWNSTREAM, 5);
                    proxy.toxics().slicer("churn-up", UPSTREAM, 4_000, 0);
                    proxy.toxics().get("churn-down").remove();
                    proxy.toxics().get("churn-up").remove();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        churn.start();

        assertThat(connection.readExactly(payload.length)).isEqualTo(payload);
        writer.join();
        churn.join();
        assertThat(connection.echo("still here".getBytes())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void resetRemovesToxicsFromLiveConnectionsWithoutDroppingThem() throws Exception {
        TcpClient connection = connect();
        proxy.toxics().latency("slow", DOWNSTREAM, 500);
        assertThat(connection.echo("slow".getBytes())).isGreaterThanOrEqualTo(Duration.ofMillis(500));

        client.reset();

        assertThat(connection.echo("fast".getBytes())).isLessThan(Duration.ofMillis(500));
        assertThat(NO_TOXIC_ROUND_TRIP).isPositive();
    }
}
