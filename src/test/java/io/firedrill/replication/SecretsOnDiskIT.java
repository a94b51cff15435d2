package io.firedrill.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.process.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the external backend, SASL and TLS passwords are client settings MirrorMaker 2 must get.
 * They go into its properties file, readable by this user only under a private run directory,
 * and nowhere else: not its command line, not its log (whose tail the reports carry).
 */
class SecretsOnDiskIT extends ClusterPair {

    private static final String SECRET = "hunter2-do-not-print";

    @Test
    void passwordsStayInAPrivatePropertiesFileAndOutOfLogsAndCommandLines() throws Exception {
        Map<String, String> settings = Map.of("ssl.truststore.password", SECRET, "ssl.key.password", SECRET);
        ReplicationFlow flow = ReplicationFlow.between(new ReplicationEndpoint("primary", primary.bootstrapServers(), settings),
                new ReplicationEndpoint("backup", backup.bootstrapServers(), settings)).withTopics("sec-.*").withGroups("sec-.*");
        TopicData.create(primary, "sec-orders", 1, Map.of());

        try (MirrorMaker mirrorMaker = MirrorMaker.start(flow);
             ReplicationMonitor monitor = ReplicationMonitor.watch(mirrorMaker, primary, backup)) {
            monitor.awaitHealthy(Duration.ofSeconds(60));
            Path properties = mirrorMaker.logFile().resolveSibling("mm2.properties");

            assertThat(Files.readString(properties)).contains(SECRET);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(RunDirectory.current()))).isEqualTo("rwx------");
            assertThat(mirrorMaker.logged("ssl.truststore.password = [hidden]")).as("MirrorMaker ran with the setting").isTrue();
            assertThat(Files.readString(mirrorMaker.logFile())).doesNotContain(SECRET);
            assertThat(mirrorMaker.logTail(10_000)).noneMatch(line -> line.contains(SECRET));
            assertThat(ProcessHandle.allProcesses().flatMap(process -> process.info().commandLine().stream()))
                    .noneMatch(commandLine -> commandLine.contains(SECRET));
        }
    }
}
