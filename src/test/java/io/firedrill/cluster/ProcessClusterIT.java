package io.firedrill.cluster;

import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.process.ChildProcesses;

import java.util.ArrayList;
import java.util.List;

/** The contract on real {@code kafka.Kafka} child JVMs: a broker is a process of this machine. */
class ProcessClusterIT extends KafkaClusterContract {

    @Override
    protected ClusterBackend backend() {
        return new ProcessClusterBackend();
    }

    @Override
    protected boolean runs(KafkaBroker broker) {
        return ProcessHandle.of(broker.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    protected String identity(KafkaBroker broker) {
        return Long.toString(broker.pid());
    }

    @Override
    protected List<String> leftovers(List<String> identitiesBeforeClose) {
        List<String> alive = new ArrayList<>(identitiesBeforeClose.stream()
                .filter(pid -> ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false))
                .toList());
        ChildProcesses.live().forEach(child -> alive.add("child process " + child.pid()));
        return alive;
    }
}
