package io.firedrill.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.drill.DrillResult;
import io.firedrill.kafka.KafkaVersion;
import io.firedrill.kafka.KafkaVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummaryJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The example of SCENARIO-FORMAT.md, verbatim: every field in it must be in every summary. */
    private static final String CONTRACT = """
            { "scenario": "primary-outage", "verdict": "PASS", "failures": [],
              "kafkaVersion": "4.3.1", "backend": "process", "durationMs": 0,
              "records": { "sent": 0, "acked": 0, "lostAcked": 0, "consumerDuplicates": 0,
                           "skipped": 0, "reordered": 0, "corrupted": 0 },
              "rpo": { "lostAckedRecords": 0, "ms": 0 },
              "rto": { "detectionMs": 0, "failoverMs": 0, "firstProduceMs": 0, "firstConsumeMs": 0 },
              "restore": { "records": 0, "ms": 0, "complete": true },
              "steps": [ { "index": 1, "action": "…", "condition": "…", "result": "…", "notes": "…",
                           "startedAtMs": 0, "endedAtMs": 0,
                           "status": { "data_location": "primary cluster", "replication_status": "healthy",
                                       "consumer_target": "primary cluster" } } ] }
            """;

    @TempDir
    Path reports;

    @Test
    void everyContractFieldIsWrittenUnderItsContractName() throws Exception {
        JsonNode contract = JSON.readTree(CONTRACT);
        for (DrillResult drill : List.of(SampleDrills.primaryOutagePass(), SampleDrills.replicationLagOutageFail(),
                SampleDrills.mirrorMakerError(), SampleDrills.primaryOutageWithApplication())) {
            JsonNode written = JSON.readTree(SummaryJson.write(drill, reports).toFile());
            assertThat(missingPaths(contract, written, "")).as(drill.scenario()).isEmpty();
        }
    }

    @Test
    void writesThePassingDrillsFiguresWhereTheContractPutsThem() throws Exception {
        Path file = SummaryJson.write(SampleDrills.primaryOutagePass(), reports);

        assertThat(file).isEqualTo(reports.resolve("drills/primary-outage/summary.json"));
        JsonNode n = JSON.readTree(file.toFile());
        assertThat(n.path("verdict").asText()).isEqualTo("PASS");
        assertThat(n.path("failures").isArray()).isTrue();
        assertThat(n.path("failures")).isEmpty();
        assertThat(n.path("kafkaVersion").asText()).isEqualTo("4.3.1");
        assertThat(n.path("durationMs").asLong()).isEqualTo(48_600);
        assertThat(n.path("records").path("lostAcked").asLong()).isEqualTo(3);
        assertThat(n.path("records").path("consumerDuplicates").asLong()).isEqualTo(812);
        assertThat(n.path("rpo").path("ms").asLong()).isEqualTo(120);
        assertThat(n.path("rto").path("detectionMs").asLong()).isEqualTo(850);
        assertThat(n.path("rto").path("firstConsumeMs").asLong()).isEqualTo(3_250);
        assertThat(n.path("restore").path("records").asLong()).isEqualTo(16_210);
        assertThat(n.path("restore").path("complete").asBoolean()).isTrue();
        JsonNode failover = n.path("steps").get(5);
        assertThat(failover.path("index").asInt()).isEqualTo(6);
        assertThat(failover.path("action").asText()).isEqualTo("failover: { to: backup }");
        assertThat(failover.path("status").path("data_location").asText()).isEqualTo("backup cluster");
        assertThat(failover.path("status").path("replication_status").asText()).isEqualTo("stopped (primary down)");
        assertThat(failover.path("status").path("consumer_target").asText()).isEqualTo("backup cluster");
        assertThat(failover.path("endedAtMs").asLong() - failover.path("startedAtMs").asLong()).isEqualTo(1_600);
        assertThat(n.path("phases").path("bootMs").asLong()).isEqualTo(4_200);
        assertThat(n.path("phases").path("teardownMs").asLong()).isEqualTo(1_800);
        assertThat(n.path("expect").path("rto").asText()).isEqualTo("30s");
    }

    @Test
    void aFailureCarriesTheBrokenExpectationWithItsFigureAndBound() throws Exception {
        JsonNode n = JSON.readTree(SummaryJson.toJson(SampleDrills.replicationLagOutageFail()));

        assertThat(n.path("verdict").asText()).isEqualTo("FAIL");
        JsonNode rto = n.path("failures").get(2);
        assertThat(rto.path("expectation").asText()).isEqualTo("rto");
        assertThat(rto.path("actual").asText()).isEqualTo("41.2s");
        assertThat(rto.path("bound").asText()).isEqualTo("30s");
    }

    @Test
    void figuresAnErroredDrillNeverMeasuredAreNullNotZero() throws Exception {
        JsonNode n = JSON.readTree(SummaryJson.toJson(SampleDrills.mirrorMakerError()));

        assertThat(n.path("verdict").asText()).isEqualTo("ERROR");
        assertThat(n.path("error").asText()).contains("MirrorMaker 2 did not become healthy");
        for (String figure : List.of("sent", "acked", "lostAcked", "consumerDuplicates", "skipped", "reordered",
                "corrupted")) {
            assertThat(n.path("records").get(figure).isNull()).as("records." + figure).isTrue();
        }
        assertThat(n.path("rpo").get("ms").isNull()).isTrue();
        assertThat(n.path("rpo").get("lostAckedRecords").isNull()).isTrue();
        n.path("rto").forEach(v -> assertThat(v.isNull()).isTrue());
        assertThat(n.path("restore").get("records").isNull()).isTrue();
        assertThat(n.path("restore").get("complete").isNull()).isTrue();
        assertThat(n.path("phases").get("stepsMs").isNull()).isTrue();
        assertThat(n.path("steps").get(0).path("outcome").asText()).isEqualTo("BROKEN");
    }

    @Test
    void eachRedirectedClientsRecoveryAfterTheFlipIsWrittenAndReadBack() throws Exception {
        DrillResult redirected = SampleDrills.redirectedFailoverWithAStuckGroup();
        List<DrillResult.ClientRecovery> recoveries = redirected.clientRecoveries();

        JsonNode written = JSON.readTree(SummaryJson.toJson(redirected)).path("clientRecoveries");

        assertThat(written.get(0).path("client").asText()).isEqualTo("producer-1-orders");
        assertThat(written.get(0).path("kind").asText()).isEqualTo("producer");
        assertThat(written.get(0).path("recoveredMs").asLong()).isEqualTo(303);
        assertThat(written.get(1).path("recoveredMs").isNull()).as("a client that never recovered").isTrue();
        assertThat(written.get(2).path("kind").asText()).as("an application, not restarted at the flip").isEqualTo("application");
        assertThat(written.get(2).path("client").asText()).isEqualTo("streams");
        assertThat(SummaryJson.read(SummaryJson.write(redirected, reports)).clientRecoveries()).isEqualTo(recoveries);
        assertThat(JSON.readTree(SummaryJson.toJson(SampleDrills.primaryOutagePass())).path("clientRecoveries")).isEmpty();
    }

    @Test
    void readingASummaryBackGivesTheSameSummary() {
        for (DrillResult drill : List.of(SampleDrills.primaryOutagePass(), SampleDrills.replicationLagOutageFail(),
                SampleDrills.mirrorMakerError(), SampleDrills.primaryOutageWithApplication())) {
            Path file = SummaryJson.write(drill, reports);
            DrillResult read = SummaryJson.read(file);

            assertThat(SummaryJson.toJson(read)).isEqualTo(SummaryJson.toJson(drill));
            assertThat(read.steps()).isEqualTo(drill.steps());
            assertThat(read.series()).isEqualTo(drill.series());
            assertThat(read.failures()).isEqualTo(drill.failures());
            assertThat(read.applications()).isEqualTo(drill.applications());
        }
    }

    @Test
    void applicationsAreListedWithTheirFiguresPerPhaseAndTheirCapturedLog() throws Exception {
        JsonNode app = new ObjectMapper().readTree(SummaryJson.toJson(SampleDrills.primaryOutageWithApplication()))
                .path("applications").get(0);

        assertThat(app.path("name").asText()).isEqualTo("billing");
        assertThat(app.path("lost").asLong()).isEqualTo(7);
        assertThat(app.path("duplicated").asLong()).isEqualTo(35);
        assertThat(app.path("log").asText()).isEqualTo("applications/billing.log");
        assertThat(app.path("phases").get(1).path("latencyP99Ms").asLong()).isEqualTo(5_100);
        assertThat(app.path("phases").get(2).get("latencyP99Ms").isNull()).isTrue();
        assertThat(new ObjectMapper().readTree(SummaryJson.toJson(SampleDrills.primaryOutagePass())).path("applications").isEmpty())
                .isTrue();
    }

    @Test
    void theCpuBreakdownIsWrittenReadBackAndShownInTheReport() {
        DrillResult d = SampleDrills.primaryOutagePass();
        List<DrillResult.ProcessCpu> cpu = List.of(new DrillResult.ProcessCpu("mirrormaker primary->backup", 41.2, 0.69),
                new DrillResult.ProcessCpu("primary/broker-0", 30.5, 0.51));
        DrillResult withCpu = new DrillResult(d.scenario(), d.description(), d.tags(), d.severity(), d.verdict(), d.failures(),
                d.error(), d.kafka(), d.backend(), d.startedAtEpochMs(), d.durationMs(), d.records(), d.rpo(), d.rto(),
                d.restore(), d.steps(), d.phases(), d.series(), d.logTails(), d.expect(), d.recordsUnreadable(), d.clientRecoveries(), d.replication(),
                d.applications(), cpu);

        DrillResult read = SummaryJson.read(SummaryJson.write(withCpu, reports));

        assertThat(read.cpu()).isEqualTo(cpu);
        assertThat(DrillReportHtml.render(read, List.of(), List.of(), java.util.Optional.empty(), List.of()))
                .contains("Where the CPU went", "mirrormaker primary-&gt;backup", "0.69");
    }

    @Test
    void readsASummaryThatHoldsOnlyTheContractFields() throws Exception {
        Path file = Files.writeString(reports.resolve("summary.json"), CONTRACT);

        DrillResult read = SummaryJson.read(file);

        assertThat(read.scenario()).isEqualTo("primary-outage");
        assertThat(read.verdict()).isEqualTo(DrillResult.Verdict.PASS);
        assertThat(read.rto().firstConsumeMs()).isZero();
        assertThat(read.steps()).singleElement().satisfies(s -> {
            assertThat(s.status().consumer_target()).isEqualTo("primary cluster");
            assertThat(s.outcome()).isNull();
        });
        assertThat(read.series().samples()).isEmpty();
        assertThat(read.kafka()).as("v1 kafkaVersion stands for all three").isEqualTo(KafkaVersions.all(KafkaVersion.HARNESS));
    }

    @Test
    void aVersionMatrixCellHasItsOwnReportFolderAndNothingElseSlipsThrough() {
        assertThat(ReportFiles.drillDir(reports, "primary-outage@kafka-3.9.1"))
                .isEqualTo(reports.resolve("drills/primary-outage@kafka-3.9.1"));
        assertThatThrownBy(() -> ReportFiles.drillDir(reports, "primary-outage@kafka-../../etc"))
                .hasMessageContaining("cannot name a report folder");
        assertThatThrownBy(() -> ReportFiles.drillDir(reports, "primary-outage@3.9.1"))
                .hasMessageContaining("cannot name a report folder");
    }

    @Test
    void recordsTheKafkaVersionsOfBothClustersAndMirrorMaker() throws Exception {
        Path file = SummaryJson.write(SampleDrills.primaryOutagePass(), reports);
        JsonNode written = JSON.readTree(file.toFile());
        assertThat(written.path("kafkaVersions").toString())
                .isEqualTo("{\"primary\":\"4.3.1\",\"backup\":\"4.3.1\",\"mirrormaker\":\"4.3.1\"}");

        Files.writeString(file, Files.readString(file).replace("\"primary\" : \"4.3.1\"", "\"primary\" : \"3.9.1\"")
                .replace("\"mirrormaker\" : \"4.3.1\"", "\"mirrormaker\" : \"3.7.2\""));
        assertThat(SummaryJson.read(file).kafka()).isEqualTo(new KafkaVersions(KafkaVersion.parse("3.9.1"),
                KafkaVersion.HARNESS, KafkaVersion.parse("3.7.2")));
    }

    @Test
    void refusesAFileThatIsNotASummaryWithOneLineSayingWhy() throws Exception {
        Path file = Files.writeString(reports.resolve("other.json"), "{\"name\": \"x\"}");

        assertThatThrownBy(() -> SummaryJson.read(file))
                .hasMessage(file + " is not a drill summary (no \"scenario\" field)");
    }

    @Test
    void refusesAScenarioNameThatWouldEscapeTheReportsFolder() {
        DrillResult drill = SampleDrills.primaryOutagePass();
        DrillResult evil = SampleDrills.copy(drill).scenario("../../etc").build();

        assertThatThrownBy(() -> SummaryJson.write(evil, reports))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../../etc' cannot name a report folder");
    }

    /** Paths present in {@code expected} (objects recursively, the first element of arrays) but not in {@code actual}. */
    private static List<String> missingPaths(JsonNode expected, JsonNode actual, String at) {
        List<String> missing = new ArrayList<>();
        if (expected.isObject()) {
            expected.properties().forEach(e -> {
                String path = at + "." + e.getKey();
                if (!actual.has(e.getKey())) {
                    missing.add(path);
                } else if (!actual.get(e.getKey()).isNull()) {
                    missing.addAll(missingPaths(e.getValue(), actual.get(e.getKey()), path));
                }
            });
        } else if (expected.isArray() && !expected.isEmpty()) {
            if (!actual.isArray()) {
                missing.add(at + " (not an array)");
            } else if (!actual.isEmpty()) {
                missing.addAll(missingPaths(expected.get(0), actual.get(0), at + "[0]"));
            }
        }
        return missing;
    }
}
