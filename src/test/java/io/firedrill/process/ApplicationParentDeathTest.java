package io.firedrill.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No orphans for applications: every process of an application command (here a shell pipeline,
 * which PR_SET_PDEATHSIG alone would not reach) dies with the harness JVM, even a SIGKILLed one and
 * even while the application is paused; kill and pause act on the whole command.
 */
class ApplicationParentDeathTest {

    @ParameterizedTest(name = "application {0}")
    @ValueSource(strings = {"running", "pause"})
    void everyProcessOfAnApplicationDiesWhenItsHarnessIsKilled(String state) throws Exception {
        Path log = Files.createTempDirectory("application-orphan-probe").resolve("probe.log");
        ChildJvm harness = ChildJvm.builder("application-orphan-probe", ApplicationOrphanProbe.class.getName())
                .classpath(System.getProperty("java.class.path"))
                .args(List.of(state))
                .jvmOptions(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"))
                .log(log)
                .start();
        try {
            await("probe harness prints its application's pids").atMost(Duration.ofSeconds(60))
                    .until(() -> !harness.isAlive() || LogFiles.contains(log, 0, "APP_PIDS="));
            assertThat(harness.isAlive()).as("probe harness alive; its log:%n%s", String.join("\n", harness.logTail(30))).isTrue();
            List<ProcessHandle> app = pids(log).stream().map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
            // supervisor, watcher, sh, and the two sleeps
            assertThat(app).hasSizeGreaterThanOrEqualTo(4).allMatch(ProcessHandle::isAlive);

            harness.kill();

            await("every process of the application of a SIGKILLed harness exits").atMost(Duration.ofSeconds(15))
                    .until(() -> app.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            harness.close();
        }
    }

    @Test
    void killEndsTheWholePipelineAndPauseStopsOnlyTheCommand() throws Exception {
        Path log = Files.createTempDirectory("application-kill").resolve("app.log");
        ChildCommand app = ChildCommand.start("pipeline", List.of("sh", "-c", "echo started; sleep 1000 | sleep 1001"),
                Map.of("FIREDRILL_GROUP", "g1"), log);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.processes().size() >= 5);
        List<ProcessHandle> all = app.processes();

        app.pause();
        await().atMost(Duration.ofSeconds(5)).until(() -> stoppedCount(all) >= 3);
        assertThat(stoppedCount(all)).as("sh and both sleeps stopped, supervisor and watcher not").isEqualTo(3);
        app.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> stoppedCount(all) == 0);

        app.kill();

        assertThat(all).noneMatch(ProcessHandle::isAlive);
        assertThat(Files.readString(log)).contains("started");
    }

    private static long stoppedCount(List<ProcessHandle> processes) {
        return processes.stream().filter(p -> {
            try {
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    private static List<Long> pids(Path log) throws Exception {
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("APP_PIDS=")).findFirst().orElseThrow();
        return Arrays.stream(line.substring("APP_PIDS=".length()).split(" ")).map(Long::parseLong).toList();
    }
}
