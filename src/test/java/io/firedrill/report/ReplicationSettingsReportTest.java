package io.firedrill.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.drill.DrillResult;
import io.firedrill.replication.MirrorMakerSettings;
import io.firedrill.replication.MirrorMakerSettings.HarnessSetting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MirrorMaker settings a drill ran with, in every report, and never a secret of the team's. */
class ReplicationSettingsReportTest {

    private static final String SECRET = "team-secret-s3cr3t";

    @TempDir
    Path reports;

    /** As MirrorMaker hands them to a drill result: redacted. */
    private static DrillResult.ReplicationFigures figures() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("emit.checkpoints.interval.seconds", "30");
        given.put("primary.ssl.key.password", SECRET);
        given.put("offset-syncs.topic.location", "source");
        MirrorMakerSettings raw = new MirrorMakerSettings("team config (mm2.properties) over the kafka-defaults profile", given,
                List.of(new HarnessSetting("offset-syncs.topic.location", "target", "the failover reads them on the backup", true),
                        new HarnessSetting("primary.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                                + " required username=\"drill\" password=\"" + SECRET + "\";", "the primary cluster's client settings", false)),
                List.of("mm2.properties:9:1: warning: 'emit.checkpoint.interval.seconds' is not a MirrorMaker 2 property"));
        DrillResult.FailoverResume failover = new DrillResult.FailoverResume("mirrormaker-synced", "MirrorMaker's synced group offsets",
                List.of(new DrillResult.ResumedGroup("billing", 4310L,
                        List.of(new DrillResult.ResumedPartition("orders", 0, 1200, "synced"),
                                new DrillResult.ResumedPartition("orders", 1, 0, "earliest")))));
        return new DrillResult.ReplicationFigures(raw.redacted(), failover);
    }

    @Test
    void summaryReportAndAllureCarryTheSettingsAndNoFileHoldsASecret() throws IOException {
        DrillResult result = SampleDrills.copy(SampleDrills.primaryOutagePass()).replication(figures()).build();

        DrillReports.Published published = new DrillReports(reports).publish(result);

        String summary = Files.readString(published.summaryJson());
        assertThat(summary).contains("\"replicationConfig\"", "\"harnessSettings\"", "\"overrode\" : true", "\"failoverOffsets\"",
                "\"mirrormaker-synced\"");
        assertThat(SummaryJson.read(published.summaryJson()).replication()).isEqualTo(result.replication());
        assertThat(Files.readString(published.reportHtml())).contains("<h2>Replication settings</h2>",
                "offset-syncs.topic.location", "overrode source", "the failover reads them on the backup", "4310 records re-read");
        try (Stream<Path> files = Files.walk(reports)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).filteredOn(file -> file.toString().endsWith("-attachment.html"))
                    .anyMatch(file -> read(file).contains("key set by Firedrill"));
            assertThat(all).allSatisfy(file -> assertThat(read(file)).as(file.toString()).doesNotContain(SECRET));
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
