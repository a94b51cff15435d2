package io.firedrill.process;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;

/**
 * A stand-in harness for {@link ParentDeathIT}: starts a 1-broker cluster, pauses its broker when
 * asked (a SIGSTOPped child cannot run its own watchdog), prints the broker pids and waits to be
 * killed.
 */
public final class OrphanProbe {

    private OrphanProbe() {}

    public static void main(String[] args) throws InterruptedException {
        KafkaCluster cluster = new ProcessClusterBackend().start(ClusterSpec.of("probe", 1));
        if (args.length > 0 && args[0].equals("pause")) {
            cluster.broker(0).pause();
        }
        StringBuilder pids = new StringBuilder("BROKER_PIDS=");
        for (KafkaBroker broker : cluster.brokers()) {
            pids.append(broker.pid()).append(' ');
        }
        System.out.println(pids.toString().strip());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
