package io.firedrill.process;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** No orphans: brokers die with the harness JVM that started them, even when it is SIGKILLed. */
class ParentDeathIT {

    @ParameterizedTest(name = "broker {0}")
    @ValueSource(strings = {"running", "pause"})
    void brokersDieWhenTheirHarnessIsKilled(String brokerState) throws Exception {
        Path log = Files.createTempDirectory("orphan-probe").resolve("probe.log");
        ChildJvm harness = ChildJvm.builder("orphan-probe", OrphanProbe.class.getName())
                .classpath(System.getProperty("java.class.path"))
                .args(List.of(brokerState))
                .jvmOptions(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"))
                .systemProperty("firedrill.child.classpath", ChildJvm.defaultClasspath())
                .log(log)
                .start();
        try {
            await("probe harness prints its broker pids").atMost(Duration.ofSeconds(120))
                    .until(() -> !harness.isAlive() || LogFiles.contains(log, 0, "BROKER_PIDS="));
            assertThat(harness.isAlive()).as("probe harness alive; its log:%n%s", String.join("\n", harness.logTail(30))).isTrue();
            List<ProcessHandle> brokers = brokerPids(log).stream()
                    .map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
            assertThat(brokers).hasSize(1).allMatch(ProcessHandle::isAlive);

            harness.kill();

            await("brokers of a SIGKILLed harness exit").atMost(Duration.ofSeconds(15))
                    .until(() -> brokers.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            harness.close();
        }
    }

    private static List<Long> brokerPids(Path log) throws Exception {
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("BROKER_PIDS=")).findFirst().orElseThrow();
        return Arrays.stream(line.substring("BROKER_PIDS=".length()).split(" ")).map(Long::parseLong).toList();
    }
}
