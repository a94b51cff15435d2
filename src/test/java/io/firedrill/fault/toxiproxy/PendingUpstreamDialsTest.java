package io.firedrill.fault.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream that never accepts (a listener whose backlog is full: the kernel drops the SYNs)
 * leaves every client connection dialling. Deleting or disabling the proxy must end those dials:
 * no thread left in connect, no descriptor left open; and a dial gives up by itself after
 * {@link EmbeddedProxy#DIAL_TIMEOUT}.
 */
class PendingUpstreamDialsTest {

    private static final int CLIENTS = 5;

    private ServerSocket deaf;
    private final List<Socket> backlog = new ArrayList<>();
    private final List<Socket> clients = new ArrayList<>();
    private EmbeddedToxiproxy toxiproxy;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws IOException {
        deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        fillBacklog();
        toxiproxy = EmbeddedToxiproxy.start(new InetSocketAddress("127.0.0.1", 0));
        client = new ToxiproxyClient(toxiproxy.address().getHostString(), toxiproxy.address().getPort());
    }

    /** Connects until a connect hangs: from then on the upstream answers no SYN. */
    private void fillBacklog() throws IOException {
        for (int i = 0; i < 10; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(deaf.getLocalSocketAddress(), 300);
                backlog.add(socket);
            } catch (SocketTimeoutException e) {
                socket.close();
                return;
            }
        }
        assumeThat(false).as("this kernel accepts past a full backlog; no never-accepting upstream here").isTrue();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : clients) {
            socket.close();
        }
        toxiproxy.close();
        for (Socket socket : backlog) {
            socket.close();
        }
        deaf.close();
    }

    private static long threadsDialling() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getName().contains("link"))
                .filter(entry -> Arrays.stream(entry.getValue()).anyMatch(frame -> frame.getMethodName().contains("onnect")
                        && frame.getClassName().contains("SocketChannelImpl")))
                .count();
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private Proxy dialling() throws IOException {
        Proxy proxy = client.createProxy("deaf", "127.0.0.1:0", "127.0.0.1:" + deaf.getLocalPort());
        String[] listen = proxy.getListen().split(":");
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Socket(listen[0], Integer.parseInt(listen[1])));
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> threadsDialling() == CLIENTS);
        return proxy;
    }

    @Test
    void deletingTheProxyEndsItsPendingDials() throws IOException {
        client.getProxies(); // the API client's own connection is open before the count
        long descriptorsBefore = openDescriptors();
        Proxy proxy = dialling();

        proxy.delete();
        for (Socket socket : clients) {
            socket.close();
        }

        await().atMost(Duration.ofSeconds(1)).until(() -> threadsDialling() == 0);
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(openDescriptors()).isLessThanOrEqualTo(descriptorsBefore));
    }

    @Test
    void disablingTheProxyEndsItsPendingDialsToo() throws IOException {
        Proxy proxy = dialling();

        proxy.disable();

        await().atMost(Duration.ofSeconds(1)).until(() -> threadsDialling() == 0);
        for (Socket socket : clients) {
            assertThat(socket.getInputStream().read()).as("the client is closed with its dial").isEqualTo(-1);
        }
    }

    @Test
    void aDialGivesUpAfterItsTimeout() throws IOException {
        dialling();

        await().atMost(EmbeddedProxy.DIAL_TIMEOUT.plusSeconds(3)).until(() -> threadsDialling() == 0);
        assertThat(client.getProxy("deaf").isEnabled()).isTrue();
    }
}
