package io.firedrill.fault;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.fault.toxiproxy.EmbeddedToxiproxyBackend;
import io.firedrill.support.HostPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill's active address over the embedded Toxiproxy, with servers that say which broker they
 * are in place of Kafka: a bootstrap address that follows the flips and the clients' paths.
 */
class DrillNetworkTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private DrillNetwork network;

    @BeforeEach
    void startTheProxyServer() {
        EmbeddedToxiproxyBackend toxiproxy = EmbeddedToxiproxyBackend.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        open.add(toxiproxy);
        network = new DrillNetwork(toxiproxy.client());
    }

    @AfterEach
    void closeEverything() throws Exception {
        network.close();
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void theActiveAddressReachesTheActiveClustersClientPathAndAFlipDropsWhatWentTheOtherWay() throws IOException {
        network.route(ClusterSpec.of("primary", 1));
        network.route(ClusterSpec.of("backup", 2));
        network.connect(cluster("primary", 1));
        network.connect(cluster("backup", 2));
        network.pointActiveAt("primary");
        List<HostPort> slots = Arrays.stream(network.activeBootstrapServers().split(",")).map(HostPort::parse).toList();

        assertThat(slots).as("one slot per broker of the larger cluster").hasSize(2);
        assertThat(whoAnswers(slots.get(0))).isEqualTo("primary-0");
        assertThat(whoAnswers(slots.get(1))).as("a slot past the cluster's size").isEqualTo("primary-0");

        try (Socket before = connect(slots.get(0))) {
            assertThat(readName(before)).isEqualTo("primary-0");
            network.pointActiveAt("backup");

            assertThat(before.getInputStream().read()).as("the connection made before the flip").isEqualTo(-1);
        }
        assertThat(whoAnswers(slots.get(0))).isEqualTo("backup-0");
        assertThat(whoAnswers(slots.get(1))).isEqualTo("backup-1");

        network.clientPath("backup", false);
        assertThat(whoAnswers(slots.get(0))).as("through the backup's closed client path").isEmpty();
        network.clientPath("backup", true);
        assertThat(whoAnswers(slots.get(0))).isEqualTo("backup-0");
    }

    /** A cluster whose broker N's CLIENTS and REPLICATION listeners are servers that answer "NAME-N". */
    private KafkaCluster cluster(String name, int brokers) throws IOException {
        List<KafkaBroker> list = new ArrayList<>();
        for (int id = 0; id < brokers; id++) {
            NamedServer server = new NamedServer(name + "-" + id);
            open.add(server);
            list.add((KafkaBroker) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{KafkaBroker.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "listenerAddress" -> server.address();
                        default -> throw new UnsupportedOperationException(method.getName());
                    }));
        }
        return (KafkaCluster) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{KafkaCluster.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "broker" -> list.get((Integer) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The name the server behind {@code address} sends, empty when the connection is closed without one. */
    private static String whoAnswers(HostPort address) throws IOException {
        try (Socket socket = connect(address)) {
            return readName(socket);
        }
    }

    private static Socket connect(HostPort address) throws IOException {
        Socket socket = new Socket(address.host(), address.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static String readName(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder name = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            name.append((char) b);
        }
        return name.toString();
    }

    /** Sends its name and a newline to every connection, and keeps the connection open. */
    private static final class NamedServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        NamedServer(String name) throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = listener.accept();
                        accepted.add(socket);
                        socket.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "named-" + name);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        HostPort address() {
            return HostPort.loopback(listener.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
