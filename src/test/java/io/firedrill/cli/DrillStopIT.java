package io.firedrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.process.ChildJvm;
import io.firedrill.process.LogFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SIGTERM to {@code drill run} during traffic: a judged, reported drill within seconds. */
class DrillStopIT {

    @TempDir
    Path reports;

    @Test
    void sigtermDuringTrafficEndsWithin10sWithSummaryAndReportHoldingFigures() throws Exception {
        Path log = Files.createTempFile("drill-stop-", ".log");
        ChildJvm drill = ChildJvm.builder("drill-cli", DrillCommand.class.getName())
                .args(List.of("run", "src/test/resources/engine-drills/long-traffic.yaml", "--reports", reports.toString()))
                .jvmOptions(List.of("-Xmx512m"))
                .systemProperty("firedrill.child.classpath", ChildJvm.defaultClasspath())
                .log(log)
                .start();
        await("the drill's run step has traffic flowing").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> !drill.isAlive() || LogFiles.contains(drill.log(), 0, "step 2  run: 120s"));
        assertThat(drill.isAlive()).as("drill runs; log:%n%s", String.join("\n", drill.logTail(60))).isTrue();
        Thread.sleep(3_000);

        long signalled = System.nanoTime();
        drill.stop(Duration.ofSeconds(30));
        long ms = (System.nanoTime() - signalled) / 1_000_000;

        String tail = String.join("\n", drill.logTail(60));
        assertThat(ms).as("ms from SIGTERM to exit; log:%n%s", tail).isLessThan(10_000);
        assertThat(drill.exitValue()).as("exit code; log:%n%s", tail).isEqualTo(DrillCommand.ERROR);
        assertThat(tail).contains("drill: stopped by SIGTERM");
        JsonNode summary = new ObjectMapper().readTree(reports.resolve("drills/long-traffic/summary.json").toFile());
        assertThat(summary.get("verdict").asText()).isEqualTo("ERROR");
        assertThat(summary.get("error").asText()).contains("stopped by SIGTERM");
        assertThat(summary.get("records").get("acked").asLong()).as("acked records judged").isGreaterThan(100);
        assertThat(summary.get("records").get("lostAcked").isNumber()).isTrue();
        assertThat(reports.resolve("drills/long-traffic/report.html")).content().contains("stopped by SIGTERM");
    }
}
