package io.firedrill.cluster.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.cluster.BrokerState;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.support.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Free ports are probed and released before a broker binds them, so another process can take one
 * in between. Here the test takes it: the broker fails to bind, and the cluster starts again on
 * other ports instead of failing the drill.
 */
class PortTakenBeforeBindIT {

    @Test
    void aBrokerWhosePortWasTakenStartsAgainOnOtherPorts() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (ServerSocket thief = new ServerSocket()) {
            thief.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int taken = thief.getLocalPort();
            try (ProcessKafkaCluster cluster = ProcessKafkaCluster.start(ClusterSpec.of("bind-race", 1), count -> {
                List<Integer> ports = new ArrayList<>(FreePorts.next(count));
                if (attempts.incrementAndGet() == 1) {
                    ports.set(ports.size() - 1, taken); // the first attempt is handed the port the thief holds
                }
                return ports;
            })) {
                assertThat(attempts).hasValue(2);
                assertThat(cluster.brokers().get(0).state()).isEqualTo(BrokerState.RUNNING);
                assertThat(cluster.bootstrapServers(KafkaCluster.DIRECT)).doesNotContain(":" + taken);
            }
        }
    }
}
