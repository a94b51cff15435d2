package io.firedrill.cluster.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import io.firedrill.cli.DrillCommand;
import io.firedrill.process.ChildJvm;
import io.firedrill.process.LogFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code drill} on the testcontainers backend as a user runs it: a CLI process, its brokers
 * containers of a real engine, Ryuk off (as on engines that cannot pull or run it), so that what
 * is checked is Firedrill's own cleanup: after a PASS, a SIGTERM and a SIGKILL nothing of the run
 * is left on the engine, and a run removes what a killed run left and says so.
 */
@EnabledIf(value = "io.firedrill.cluster.testcontainers.DockerForTests#engine",
        disabledReason = "no Docker engine answers (DOCKER_HOST or the local socket): the testcontainers backend needs one")
class ContainerDrillIT {

    private static DockerClient docker;

    @TempDir
    Path reports;

    @BeforeAll
    static void connect() {
        // this JVM's own sweep of dead harnesses runs here, before any leftover is planted below
        docker = DockerEngine.require().client();
    }

    @Test
    void primaryOutagePassesOnLoopbackPortsLeavesNothingAndRemovesAKilledRunsLeftovers() throws Exception {
        int volumesBefore = volumes();
        String killedRun = deadHarness();
        String leftover = "firedrill-leftover-" + Long.toHexString(System.nanoTime());
        Map<String, String> labels = Map.of(DockerEngine.HARNESS_LABEL, killedRun, DockerEngine.CLUSTER_LABEL, "primary");
        docker.createNetworkCmd().withName(leftover).withLabels(labels).exec();
        docker.createContainerCmd(ContainerClusterBackend.kafkaImage()).withName(leftover).withLabels(labels).exec();

        long started = System.nanoTime();
        ChildJvm drill = cli("run", "scenarios/primary-outage.yaml", "--backend", "testcontainers", "--reports", reports.toString());
        Set<String> bindIps = ConcurrentHashMap.newKeySet();
        while (drill.isAlive()) {
            containersOf(drill).forEach(container -> {
                for (ContainerPort port : container.getPorts()) {
                    if (port.getPublicPort() != null) {
                        bindIps.add(port.getIp());
                    }
                }
            });
            Thread.sleep(500);
        }
        System.out.printf("ContainerDrillIT: primary-outage on containers took %.1f s%n", (System.nanoTime() - started) / 1e9);

        assertThat(drill.exitValue()).as("exit code; log:%n%s", tail(drill)).isEqualTo(DrillCommand.PASS);
        JsonNode summary = new ObjectMapper().readTree(reports.resolve("drills/primary-outage/summary.json").toFile());
        assertThat(summary.get("verdict").asText()).isEqualTo("PASS");
        assertThat(summary.get("backend").asText()).isEqualTo("testcontainers");
        assertThat(bindIps).as("host addresses the brokers' ports were published on while the drill ran").containsExactly("127.0.0.1");

        assertThat(String.join("\n", drill.logTail(400)))
                .contains("removed container " + leftover + " (and its volumes) left by Firedrill run " + killedRun + ", which was killed")
                .contains("removed network " + leftover + " left by Firedrill run " + killedRun);
        assertThat(leftoversOf(killedRun)).isEmpty();
        assertThat(leftoversOf(harnessOf(drill))).as("what the drill itself left").isEmpty();
        assertThat(volumes()).as("volumes on the engine").isEqualTo(volumesBefore);
    }

    @Test
    void sigtermOfTheHarnessLeavesNoContainer() throws Exception {
        ChildJvm up = upAndServing();
        up.stop(Duration.ofSeconds(60));
        assertThat(leftoversOf(harnessOf(up))).as("left after SIGTERM; log:%n%s", tail(up)).isEmpty();
    }

    @Test
    void sigkillOfTheHarnessLeavesNoContainer() throws Exception {
        ChildJvm up = upAndServing();
        up.kill();
        // nothing of the harness runs after SIGKILL: its reaper removes what it had
        await("containers of the SIGKILLed harness removed").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(leftoversOf(harnessOf(up))).isEmpty());
    }

    private ChildJvm upAndServing() throws Exception {
        ChildJvm up = cli("up", "scenarios/primary-outage.yaml", "--backend", "testcontainers", "--reports", reports.toString());
        Path endpoints = reports.resolve("up/primary-outage/endpoints.properties");
        await("drill up serves").atMost(Duration.ofMinutes(3))
                .until(() -> !up.isAlive() || Files.exists(endpoints) && LogFiles.contains(up.log(), 0, "# written to"));
        assertThat(up.isAlive()).as("drill up runs; log:%n%s", tail(up)).isTrue();
        assertThat(containersOf(up)).as("broker containers of drill up").hasSize(2);
        return up;
    }

    private static String harnessOf(ChildJvm cli) {
        return harnessOfThisHost(cli.pid());
    }

    private static String harnessOfThisHost(long pid) {
        return DockerLeftovers.THIS_HARNESS.substring(0, DockerLeftovers.THIS_HARNESS.lastIndexOf('/') + 1) + pid;
    }

    private static List<Container> containersOf(ChildJvm cli) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerEngine.HARNESS_LABEL, harnessOf(cli))).exec();
    }

    /** Containers and networks labelled with the harness. */
    private static List<String> leftoversOf(String harness) {
        List<String> names = new ArrayList<>();
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerEngine.HARNESS_LABEL, harness)).exec()
                .forEach(container -> names.add("container " + String.join(",", container.getNames())));
        docker.listNetworksCmd().withFilter("label", List.of(DockerEngine.HARNESS_LABEL + "=" + harness)).exec()
                .forEach(network -> names.add("network " + network.getName()));
        return names;
    }

    private static int volumes() {
        List<?> all = docker.listVolumesCmd().exec().getVolumes();
        return all == null ? 0 : all.size();
    }

    /** The label of a harness of this host whose pid is gone. */
    private static String deadHarness() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return harnessOfThisHost(gone.pid());
    }

    private static ChildJvm cli(String... args) throws Exception {
        return ChildJvm.builder("drill-cli", DrillCommand.class.getName())
                .args(List.of(args))
                .jvmOptions(List.of("-Xmx512m"))
                .systemProperty("firedrill.child.classpath", ChildJvm.defaultClasspath())
                .log(Files.createTempFile("drill-container-cli-", ".log"))
                .start();
    }

    private static String tail(ChildJvm jvm) {
        return String.join("\n", jvm.logTail(80));
    }
}
