package io.firedrill.report;

import io.firedrill.kafka.KafkaVersion;
import io.firedrill.kafka.KafkaVersions;
import io.firedrill.kafka.UnsupportedKafkaVersionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.ApplicationFigures;
import io.firedrill.drill.DrillResult.ApplicationPhase;
import io.firedrill.drill.DrillResult.DrillSeries;
import io.firedrill.drill.DrillResult.ExpectationFailure;
import io.firedrill.drill.DrillResult.FaultWindow;
import io.firedrill.drill.DrillResult.LogTail;
import io.firedrill.drill.DrillResult.Mark;
import io.firedrill.drill.DrillResult.PhaseTimings;
import io.firedrill.drill.DrillResult.RecordFigures;
import io.firedrill.drill.DrillResult.ReplicationFigures;
import io.firedrill.drill.DrillResult.RestoreFigures;
import io.firedrill.drill.DrillResult.RpoFigures;
import io.firedrill.drill.DrillResult.RtoFigures;
import io.firedrill.drill.DrillResult.Sample;
import io.firedrill.drill.DrillResult.Status;
import io.firedrill.drill.DrillResult.StepRecord;
import io.firedrill.drill.DrillResult.StepStatus;
import io.firedrill.replication.MirrorMakerSettings;
import io.firedrill.scenario.FaultFamily;
import io.firedrill.scenario.Keyword;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code <reports>/drills/<name>/summary.json}: the contract of SCENARIO-FORMAT.md, field for
 * field ({@code null} for figures a drill did not measure, every contract object present even
 * when empty, so {@code jq .rto.detectionMs} never trips), plus what the reports need to be
 * rebuilt from the file alone: description, tags, severity, error, the {@code expect:} bounds,
 * phases, the sampled series and the log tails. {@link #read} turns the file back into a
 * {@link DrillResult}.
 */
public final class SummaryJson {

    public static final String FILE_NAME = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    /** Where the latest run of a scenario keeps its summary. */
    public static Path path(Path reportsDir, String scenario) {
        return ReportFiles.drillDir(reportsDir, scenario).resolve(FILE_NAME);
    }

    /** Writes the summary of this run, replacing the previous run's, and returns its path. */
    public static Path write(DrillResult result, Path reportsDir) {
        Path file = path(reportsDir, result.scenario());
        ReportFiles.writeAtomically(file, toJson(result));
        return file;
    }

    public static String toJson(DrillResult result) {
        try {
            return JSON.writeValueAsString(toTree(result)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise the summary of " + result.scenario(), e);
        }
    }

    public static ObjectNode toTree(DrillResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", r.scenario());
        root.put("verdict", r.verdict() == null ? null : r.verdict().name());
        ArrayNode failures = root.putArray("failures");
        for (ExpectationFailure f : list(r.failures())) {
            failures.addObject()
                    .put("expectation", f.expectation())
                    .put("actual", f.actual())
                    .put("bound", f.bound())
                    .put("message", f.message());
        }
        // kafkaVersion (v1): the primary's; kafkaVersions: both clusters' and MirrorMaker 2's
        root.put("kafkaVersion", r.kafka() == null ? null : r.kafka().primary().toString());
        if (r.kafka() != null) {
            root.putObject("kafkaVersions")
                    .put("primary", r.kafka().primary().toString())
                    .put("backup", r.kafka().backup().toString())
                    .put("mirrormaker", r.kafka().mirrormaker().toString());
        }
        root.put("backend", r.backend());
        root.put("durationMs", r.durationMs());

        RecordFigures rec = r.records();
        ObjectNode records = root.putObject("records");
        putLong(records, "sent", rec, RecordFigures::sent);
        putLong(records, "acked", rec, RecordFigures::acked);
        putLong(records, "lostAcked", rec, RecordFigures::lostAcked);
        putLong(records, "consumerDuplicates", rec, RecordFigures::consumerDuplicates);
        putLong(records, "skipped", rec, RecordFigures::skipped);
        putLong(records, "reordered", rec, RecordFigures::reordered);
        putLong(records, "corrupted", rec, RecordFigures::corrupted);
        putLong(records, "unknownOutcome", rec, RecordFigures::unknownOutcome);
        putLong(records, "failed", rec, RecordFigures::failed);
        putLong(records, "storageDuplicates", rec, RecordFigures::storageDuplicates);
        putLong(records, "abortedReads", rec, RecordFigures::abortedReads);
        putLong(records, "splitTransactions", rec, RecordFigures::splitTransactions);
        putLong(records, "sameClusterDuplicates", rec, RecordFigures::sameClusterDuplicates);
        if (r.recordsUnreadable() != null) {
            root.put("recordsUnreadable", r.recordsUnreadable());
        }

        ObjectNode rpo = root.putObject("rpo");
        putLong(rpo, "lostAckedRecords", r.rpo(), RpoFigures::lostAckedRecords);
        putLong(rpo, "ms", r.rpo(), RpoFigures::ms);

        ObjectNode rto = root.putObject("rto");
        putLong(rto, "detectionMs", r.rto(), RtoFigures::detectionMs);
        putLong(rto, "failoverMs", r.rto(), RtoFigures::failoverMs);
        putLong(rto, "firstProduceMs", r.rto(), RtoFigures::firstProduceMs);
        putLong(rto, "firstConsumeMs", r.rto(), RtoFigures::firstConsumeMs);

        RestoreFigures res = r.restore();
        ObjectNode restore = root.putObject("restore");
        putLong(restore, "records", res, RestoreFigures::records);
        putLong(restore, "ms", res, RestoreFigures::ms);
        restore.put("complete", res == null ? null : res.complete());
        restore.put("from", res == null ? null : res.from());
        if (res != null && res.missing() != null) {
            restore.put("missing", res.missing());
        }

        ArrayNode recoveries = root.putArray("clientRecoveries");
        for (DrillResult.ClientRecovery c : r.clientRecoveries()) {
            recoveries.addObject()
                    .put("client", c.client())
                    .put("kind", c.kind().keyword())
                    .put("step", c.step())
                    .put("cluster", c.cluster())
                    .put("recoveredMs", c.recoveredMs());
        }

        ArrayNode steps = root.putArray("steps");
        for (StepRecord s : list(r.steps())) {
            ObjectNode step = steps.addObject()
                    .put("index", s.index())
                    .put("action", s.action())
                    .put("condition", s.condition())
                    .put("result", s.result())
                    .put("notes", s.notes())
                    .put("startedAtMs", s.startedAtMs())
                    .put("endedAtMs", s.endedAtMs());
            ObjectNode status = step.putObject("status");
            Status st = s.status();
            status.put("data_location", st == null ? null : st.data_location());
            status.put("replication_status", st == null ? null : st.replication_status());
            status.put("consumer_target", st == null ? null : st.consumer_target());
            step.put("outcome", s.outcome() == null ? null : s.outcome().name());
            if (s.family() != null) {
                step.put("family", s.family().keyword());
            }
        }

        root.put("description", r.description());
        ArrayNode tags = root.putArray("tags");
        list(r.tags()).forEach(tags::add);
        root.put("severity", r.severity());
        root.put("error", r.error());
        root.put("startedAtEpochMs", r.startedAtEpochMs());
        root.put("startedAt", Instant.ofEpochMilli(r.startedAtEpochMs()).toString());
        ObjectNode expect = root.putObject("expect");
        map(r.expect()).forEach(expect::put);

        PhaseTimings ph = r.phases();
        ObjectNode phases = root.putObject("phases");
        putLong(phases, "bootMs", ph, PhaseTimings::bootMs);
        putLong(phases, "replicationStartMs", ph, PhaseTimings::replicationStartMs);
        putLong(phases, "stepsMs", ph, PhaseTimings::stepsMs);
        putLong(phases, "verifyMs", ph, PhaseTimings::verifyMs);
        putLong(phases, "teardownMs", ph, PhaseTimings::teardownMs);

        ArrayNode cpu = root.putArray("cpu");
        for (DrillResult.ProcessCpu c : list(r.cpu())) {
            cpu.addObject().put("process", c.process()).put("cpuSeconds", c.cpuSeconds()).put("cores", c.cores());
        }

        DrillSeries series = r.series();
        ObjectNode seriesNode = root.putObject("series");
        ArrayNode samples = seriesNode.putArray("samples");
        for (Sample s : series == null ? List.<Sample>of() : list(series.samples())) {
            ObjectNode sample = samples.addObject()
                    .put("atMs", s.atMs())
                    .put("producedPerSec", s.producedPerSec())
                    .put("consumedPerSec", s.consumedPerSec())
                    .put("replicationLagRecords", s.replicationLagRecords())
                    .put("replicationLagMs", s.replicationLagMs());
            ObjectNode position = sample.putObject("consumerPosition");
            map(s.consumerPosition()).forEach(position::put);
        }
        ArrayNode faults = seriesNode.putArray("faults");
        for (FaultWindow f : series == null ? List.<FaultWindow>of() : list(series.faults())) {
            faults.addObject().put("type", f.type()).put("target", f.target())
                    .put("startMs", f.startMs()).put("endMs", f.endMs())
                    .put("family", f.family() == null ? null : f.family().keyword());
        }
        ArrayNode marks = seriesNode.putArray("marks");
        for (Mark m : series == null ? List.<Mark>of() : list(series.marks())) {
            marks.addObject().put("name", m.name()).put("atMs", m.atMs());
        }

        ArrayNode applications = root.putArray("applications");
        for (ApplicationFigures a : list(r.applications())) {
            ObjectNode app = applications.addObject()
                    .put("name", a.name())
                    .put("command", a.command())
                    .put("sent", a.sent())
                    .put("acked", a.acked())
                    .put("lost", a.lost())
                    .put("duplicated", a.duplicated())
                    .put("changed", a.changed())
                    .put("foreign", a.foreign())
                    .put("log", ReportFiles.applicationLog(a.name()));
            ArrayNode appPhases = app.putArray("phases");
            for (ApplicationPhase p : list(a.phases())) {
                appPhases.addObject().put("phase", p.phase()).put("acked", p.acked()).put("lost", p.lost())
                        .put("duplicated", p.duplicated()).put("latencyP50Ms", p.p50Ms()).put("latencyP99Ms", p.p99Ms());
            }
            ArrayNode tail = app.putArray("logTail");
            list(a.logTail()).forEach(tail::add);
        }

        ArrayNode logTails = root.putArray("logTails");
        for (LogTail t : list(r.logTails())) {
            ArrayNode lines = logTails.addObject().put("process", t.process()).put("path", t.path())
                    .putArray("lines");
            list(t.lines()).forEach(lines::add);
        }
        ReplicationFigures replication = r.replication();
        if (replication != null) {
            // settings are redacted before they reach a DrillResult: no secret is ever written here
            root.set("replicationConfig", JSON.valueToTree(replication.settings()));
            if (replication.failover() != null) {
                root.set("failoverOffsets", JSON.valueToTree(replication.failover()));
            }
        }
        return root;
    }

    /** Reads a summary back; fields the contract does not require may be missing (older runs). */
    public static DrillResult read(Path file) {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read drill summary " + file + ": " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || !n.hasNonNull("scenario")) {
            throw new IllegalArgumentException(file + " is not a drill summary (no \"scenario\" field)");
        }
        return fromTree(n);
    }

    static DrillResult fromTree(JsonNode n) {
        List<ExpectationFailure> failures = new ArrayList<>();
        n.path("failures").forEach(f -> failures.add(new ExpectationFailure(
                text(f, "expectation"), text(f, "actual"), text(f, "bound"), text(f, "message"))));

        JsonNode rec = n.path("records");
        RecordFigures records = rec.hasNonNull("sent")
                ? new RecordFigures(rec.path("sent").asLong(), rec.path("acked").asLong(),
                rec.path("lostAcked").asLong(), rec.path("consumerDuplicates").asLong(),
                rec.path("skipped").asLong(), rec.path("reordered").asLong(),
                rec.path("corrupted").asLong(), rec.path("unknownOutcome").asLong(),
                rec.path("failed").asLong(), longOrNull(rec, "storageDuplicates"), longOrNull(rec, "abortedReads"),
                longOrNull(rec, "splitTransactions"), longOrNull(rec, "sameClusterDuplicates"))
                : null;
        JsonNode rpoNode = n.path("rpo");
        RpoFigures rpo = rpoNode.hasNonNull("lostAckedRecords")
                ? new RpoFigures(rpoNode.path("lostAckedRecords").asLong(), longOrNull(rpoNode, "ms"))
                : null;
        JsonNode rtoNode = n.path("rto");
        RtoFigures rto = new RtoFigures(longOrNull(rtoNode, "detectionMs"), longOrNull(rtoNode, "failoverMs"),
                longOrNull(rtoNode, "firstProduceMs"), longOrNull(rtoNode, "firstConsumeMs"));
        JsonNode resNode = n.path("restore");
        RestoreFigures restore = new RestoreFigures(longOrNull(resNode, "records"), longOrNull(resNode, "ms"),
                resNode.hasNonNull("complete") ? resNode.get("complete").asBoolean() : null,
                text(resNode, "from"), text(resNode, "missing"));

        List<StepRecord> steps = new ArrayList<>();
        n.path("steps").forEach(s -> {
            JsonNode st = s.path("status");
            steps.add(new StepRecord(s.path("index").asInt(), text(s, "action"), text(s, "condition"),
                    text(s, "result"), text(s, "notes"), s.path("startedAtMs").asLong(),
                    s.path("endedAtMs").asLong(),
                    s.hasNonNull("outcome") ? StepStatus.valueOf(s.get("outcome").asText()) : null,
                    new Status(text(st, "data_location"), text(st, "replication_status"),
                            text(st, "consumer_target")), family(s)));
        });

        List<String> tags = new ArrayList<>();
        n.path("tags").forEach(t -> tags.add(t.asText()));
        Map<String, String> expect = new LinkedHashMap<>();
        n.path("expect").properties().forEach(e -> expect.put(e.getKey(), e.getValue().asText()));

        JsonNode ph = n.path("phases");
        PhaseTimings phases = new PhaseTimings(longOrNull(ph, "bootMs"), longOrNull(ph, "replicationStartMs"),
                longOrNull(ph, "stepsMs"), longOrNull(ph, "verifyMs"), longOrNull(ph, "teardownMs"));

        JsonNode seriesNode = n.path("series");
        List<Sample> samples = new ArrayList<>();
        seriesNode.path("samples").forEach(s -> {
            Map<String, Long> position = new LinkedHashMap<>();
            s.path("consumerPosition").properties()
                    .forEach(e -> position.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asLong()));
            samples.add(new Sample(s.path("atMs").asLong(), s.path("producedPerSec").asDouble(),
                    s.path("consumedPerSec").asDouble(), longOrNull(s, "replicationLagRecords"),
                    longOrNull(s, "replicationLagMs"), position));
        });
        List<FaultWindow> faults = new ArrayList<>();
        seriesNode.path("faults").forEach(f -> faults.add(new FaultWindow(text(f, "type"), text(f, "target"),
                f.path("startMs").asLong(), longOrNull(f, "endMs"), family(f))));
        List<Mark> marks = new ArrayList<>();
        seriesNode.path("marks").forEach(m -> marks.add(new Mark(text(m, "name"), m.path("atMs").asLong())));

        List<DrillResult.ClientRecovery> recoveries = new ArrayList<>();
        n.path("clientRecoveries").forEach(c -> recoveries.add(new DrillResult.ClientRecovery(text(c, "client"),
                Keyword.parse(DrillResult.ClientKind.class, text(c, "kind")).orElseThrow(), c.path("step").asInt(),
                text(c, "cluster"), longOrNull(c, "recoveredMs"))));

        List<LogTail> logTails = new ArrayList<>();
        n.path("logTails").forEach(t -> {
            List<String> lines = new ArrayList<>();
            t.path("lines").forEach(l -> lines.add(l.asText()));
            logTails.add(new LogTail(text(t, "process"), text(t, "path"), lines));
        });

        List<ApplicationFigures> applications = new ArrayList<>();
        n.path("applications").forEach(a -> {
            List<ApplicationPhase> appPhases = new ArrayList<>();
            a.path("phases").forEach(p -> appPhases.add(new ApplicationPhase(text(p, "phase"), p.path("acked").asLong(),
                    p.path("lost").asLong(), p.path("duplicated").asLong(), longOrNull(p, "latencyP50Ms"),
                    longOrNull(p, "latencyP99Ms"))));
            List<String> tail = new ArrayList<>();
            a.path("logTail").forEach(l -> tail.add(l.asText()));
            applications.add(new ApplicationFigures(text(a, "name"), text(a, "command"), text(a, "log"), a.path("sent").asLong(),
                    a.path("acked").asLong(), a.path("lost").asLong(), a.path("duplicated").asLong(), a.path("changed").asLong(),
                    a.path("foreign").asLong(), appPhases, tail));
        });
        List<DrillResult.ProcessCpu> cpu = new ArrayList<>();
        n.path("cpu").forEach(c -> cpu.add(new DrillResult.ProcessCpu(text(c, "process"),
                c.path("cpuSeconds").asDouble(), c.path("cores").asDouble())));

        return new DrillResult(text(n, "scenario"), text(n, "description"), tags, text(n, "severity"),
                n.hasNonNull("verdict") ? DrillResult.Verdict.valueOf(n.get("verdict").asText()) : null,
                failures, text(n, "error"), kafkaVersions(n), text(n, "backend"),
                n.path("startedAtEpochMs").asLong(), n.path("durationMs").asLong(),
                records, rpo, rto, restore, steps, phases, new DrillSeries(samples, faults, marks),
                logTails, expect, text(n, "recordsUnreadable"), recoveries, replication(n),
                applications, cpu);
    }

    /** The replication figures; null in summaries written before they were recorded. */
    private static ReplicationFigures replication(JsonNode n) {
        if (!n.hasNonNull("replicationConfig")) {
            return null;
        }
        try {
            return new ReplicationFigures(JSON.treeToValue(n.get("replicationConfig"), MirrorMakerSettings.class),
                    n.hasNonNull("failoverOffsets") ? JSON.treeToValue(n.get("failoverOffsets"), DrillResult.FailoverResume.class) : null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException("summary.json has an unreadable replicationConfig or failoverOffsets", e);
        }
    }

    /** The versions a summary recorded; one v1 {@code kafkaVersion} stands for all three; null when none or unsupported. */
    private static KafkaVersions kafkaVersions(JsonNode n) {
        try {
            JsonNode versions = n.path("kafkaVersions");
            if (versions.isObject()) {
                return new KafkaVersions(KafkaVersion.parse(versions.path("primary").asText()),
                        KafkaVersion.parse(versions.path("backup").asText()), KafkaVersion.parse(versions.path("mirrormaker").asText()));
            }
            return n.hasNonNull("kafkaVersion") ? KafkaVersions.all(KafkaVersion.parse(n.get("kafkaVersion").asText())) : null;
        } catch (UnsupportedKafkaVersionException e) {
            return null;
        }
    }

    /** The family a step or fault window was typed with; null in summaries written before it was recorded. */
    private static FaultFamily family(JsonNode node) {
        String keyword = text(node, "family");
        return keyword == null ? null : Keyword.parse(FaultFamily.class, keyword).orElse(null);
    }

    private static <T> void putLong(ObjectNode node, String field, T figures, Function<T, Long> value) {
        node.put(field, figures == null ? null : value.apply(figures));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }

    static <K, V> Map<K, V> map(Map<K, V> maybe) {
        return maybe == null ? Map.of() : maybe;
    }
}
