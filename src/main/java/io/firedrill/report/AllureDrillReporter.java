package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.ExpectationFailure;
import io.firedrill.drill.DrillResult.LogTail;
import io.firedrill.drill.DrillResult.Sample;
import io.firedrill.drill.DrillResult.Status;
import io.firedrill.drill.DrillResult.StepRecord;
import io.firedrill.drill.DrillResult.Verdict;
import io.firedrill.report.DrillFigures.Figure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A drill as an Allure test: the scenario is the test (epic "DR drills", a feature per fault
 * family, the scenario as story, severity and tags from the file), its steps are the drill's
 * steps with their real times and outcomes, its headline figures are parameters, and the process
 * table, summary.json, charts, trend and (when it did not pass) log tails are attachments.
 *
 * <p>Two ways in, one look: {@link #write} writes a result of its own (the CLI), {@link #attachTo}
 * fills the test the JUnit suite is running (allure-junit5 writes it). Both give the drill the same
 * {@code historyId}, so Allure's history follows a scenario whichever way it ran.
 */
public final class AllureDrillReporter {

    public static final String EPIC = "DR drills";

    /** Labels a drill sets; a JUnit result's own values for these are replaced. */
    private static final Set<String> DRILL_LABELS = Set.of(ResultsUtils.EPIC_LABEL_NAME,
            ResultsUtils.FEATURE_LABEL_NAME, ResultsUtils.STORY_LABEL_NAME, ResultsUtils.SEVERITY_LABEL_NAME,
            ResultsUtils.TAG_LABEL_NAME, ResultsUtils.PARENT_SUITE_LABEL_NAME, ResultsUtils.SUITE_LABEL_NAME,
            ResultsUtils.SUB_SUITE_LABEL_NAME);
    private static final Set<String> SEVERITIES = Set.of("blocker", "critical", "normal", "minor", "trivial");

    private final Path resultsDir;

    public AllureDrillReporter(Path resultsDir) {
        this.resultsDir = resultsDir;
    }

    /** Writes the drill as a test result of its own into the results folder; returns its uuid. */
    public String write(DrillResult result, DrillArtifacts artifacts) {
        FileSystemResultsWriter writer = new FileSystemResultsWriter(resultsDir);
        String uuid = UUID.randomUUID().toString();
        TestResult test = new TestResult().setUuid(uuid)
                .setStage(Stage.FINISHED)
                .setStatus(status(result.verdict()))
                .setStatusDetails(new StatusDetails().setMessage(statusMessage(result)).setTrace(statusTrace(result)))
                .setStart(result.startedAtEpochMs())
                .setStop(result.startedAtEpochMs() + result.durationMs());
        describe(test, result);
        test.getLabels().addAll(List.of(ResultsUtils.createHostLabel(), ResultsUtils.createThreadLabel(),
                ResultsUtils.createFrameworkLabel("firedrill"), ResultsUtils.createLanguageLabel("java")));
        for (DrillArtifacts.Item item : artifacts.items(result)) {
            String source = uuid + "-" + UUID.randomUUID() + "-attachment." + item.extension();
            writer.write(source, new ByteArrayInputStream(item.content()));
            test.getAttachments().add(new Attachment().setName(item.name()).setType(item.type()).setSource(source));
        }
        writer.write(test);
        return uuid;
    }

    /**
     * Fills the test the JUnit suite is running with the drill: name, labels, parameters, steps,
     * description and attachments, exactly as {@link #write} would. Call it on the test's thread,
     * outside any Allure step, then let the test fail with {@link #assertPassed} so allure-junit5
     * records the same status and message (and the same Allure category) as the CLI.
     */
    public static void attachTo(AllureLifecycle lifecycle, DrillResult result, DrillArtifacts artifacts) {
        requireRunningTest(lifecycle);
        lifecycle.updateTestCase(test -> {
            test.getLabels().removeIf(l -> DRILL_LABELS.contains(l.getName()));
            describe(test, result);
            test.setStatusDetails(new StatusDetails().setMessage(statusMessage(result)).setTrace(statusTrace(result)));
        });
        for (DrillArtifacts.Item item : artifacts.items(result)) {
            lifecycle.addAttachment(item.name(), item.type(), item.extension(), item.content());
        }
    }

    static void requireRunningTest(AllureLifecycle lifecycle) {
        if (lifecycle.getCurrentTestCase().isEmpty()) {
            throw new IllegalStateException("no Allure test is running on this thread: publish the drill from inside"
                    + " the dynamic test's executable, with allure-junit5 on the test classpath");
        }
    }

    /**
     * Ends a JUnit drill test the way its verdict reads: FAIL throws an {@link AssertionError}
     * (Allure: failed), ERROR a {@link DrillCouldNotRun} (Allure: broken), both with the message
     * the CLI's result carries.
     */
    public static void assertPassed(DrillResult result) {
        switch (result.verdict()) {
            case PASS -> { }
            case FAIL -> throw new AssertionError(statusMessage(result));
            case ERROR -> throw new DrillCouldNotRun(statusMessage(result));
        }
    }

    /** The drill could not run to a verdict: infrastructure, not the system under test. */
    public static final class DrillCouldNotRun extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DrillCouldNotRun(String message) {
            super(message);
        }
    }

    /**
     * One line per broken bound, each starting with the {@code expect:} key in brackets; the
     * Allure categories (categories.json) match on those keys.
     */
    public static String statusMessage(DrillResult result) {
        return switch (result.verdict()) {
            case PASS -> "PASS: every bound held";
            case ERROR -> "ERROR: the drill could not run: "
                    + Optional.ofNullable(result.error()).orElse("no error message recorded");
            case FAIL -> {
                StringBuilder message = new StringBuilder("FAIL: ");
                List<ExpectationFailure> failures = SummaryJson.list(result.failures());
                message.append(failures.size()).append(failures.size() == 1 ? " bound broken" : " bounds broken");
                for (ExpectationFailure f : failures) {
                    message.append("\n[").append(f.expectation()).append("] measured ").append(f.actual())
                            .append(", bound ").append(f.bound());
                    if (f.message() != null && !f.message().isBlank()) {
                        message.append(": ").append(f.message());
                    }
                }
                yield message.toString();
            }
        };
    }

    private static String statusTrace(DrillResult result) {
        if (result.verdict() == Verdict.PASS) {
            return null;
        }
        StringBuilder trace = new StringBuilder();
        for (StepRecord s : SummaryJson.list(result.steps())) {
            if (s.outcome() == DrillResult.StepStatus.FAILED || s.outcome() == DrillResult.StepStatus.BROKEN) {
                trace.append("step ").append(s.index()).append(" (").append(s.action()).append("): ")
                        .append(Objects.toString(s.result(), "")).append(s.notes() == null ? "" : " — " + s.notes())
                        .append('\n');
            }
        }
        return trace.length() == 0 ? null : trace.toString();
    }

    static io.qameta.allure.model.Status status(Verdict verdict) {
        return switch (verdict) {
            case PASS -> io.qameta.allure.model.Status.PASSED;
            case FAIL -> io.qameta.allure.model.Status.FAILED;
            case ERROR -> io.qameta.allure.model.Status.BROKEN;
        };
    }

    /** The drill's identity (shared by CLI and JUnit results), labels, parameters, steps, description. */
    private static void describe(TestResult test, DrillResult r) {
        String id = ResultsUtils.md5("firedrill-drill:" + r.scenario());
        test.setName(r.scenario())
                .setFullName("firedrill.drills." + r.scenario())
                .setTestCaseName(r.scenario())
                .setTestCaseId(id)
                .setHistoryId(id)
                .setDescription(r.description())
                .setDescriptionHtml(descriptionHtml(r));
        List<Label> labels = test.getLabels();
        labels.add(ResultsUtils.createEpicLabel(EPIC));
        DrillFamilies.of(r).forEach(f -> labels.add(ResultsUtils.createFeatureLabel(f.title())));
        labels.add(ResultsUtils.createStoryLabel(r.scenario()));
        String severity = Optional.ofNullable(r.severity()).map(s -> s.toLowerCase(Locale.ROOT))
                .filter(SEVERITIES::contains).orElse("normal");
        labels.add(ResultsUtils.createSeverityLabel(severity));
        SummaryJson.list(r.tags()).forEach(t -> labels.add(ResultsUtils.createTagLabel(t)));
        labels.add(ResultsUtils.createParentSuiteLabel("Firedrill"));
        labels.add(ResultsUtils.createSuiteLabel(EPIC));
        labels.add(ResultsUtils.createSubSuiteLabel(DrillFamilies.of(r).get(0).title()));
        test.getParameters().addAll(parameters(r));
        test.getSteps().addAll(steps(r));
    }

    /** The figures a manager scans first, value with bound; excluded from Allure's identity of the test. */
    static List<Parameter> parameters(DrillResult r) {
        List<Figure> figures = DrillFigures.of(r);
        List<Parameter> params = new ArrayList<>();
        for (String label : List.of("RTO: groups processing again", "Detection", "Failover", "First produce",
                "RPO time span", "Lost acknowledged records", "Duplicates", "Skipped", "Reordered")) {
            Figure f = DrillFigures.named(figures, label);
            String name = switch (label) {
                case "Detection", "Failover", "First produce" -> "RTO: " + label.toLowerCase(Locale.ROOT);
                case "RPO time span" -> "RPO: time span";
                case "Lost acknowledged records" -> "RPO: lost acknowledged records";
                case "Duplicates" -> "Consumer duplicates";
                case "Skipped" -> "Skipped records";
                case "Reordered" -> "Reordered records";
                default -> label;
            };
            params.add(parameter(name, withBound(f)));
        }
        params.add(parameter("Max replication lag", maxLag(r)));
        Figure restored = DrillFigures.named(figures, "Restored records");
        if (restored.standing() != DrillFigures.Standing.NOT_MEASURED) {
            params.add(parameter("Restore", restored.value() + " in "
                    + DrillFigures.named(figures, "Restore time").value()));
        }
        params.add(parameter("Backend", Objects.toString(r.backend(), "?")));
        // one parameter per process kind, so Allure tells a mixed-version run from a matrix cell
        params.add(parameter("Kafka primary", r.kafka() == null ? "?" : r.kafka().primary().toString()));
        params.add(parameter("Kafka backup", r.kafka() == null ? "?" : r.kafka().backup().toString()));
        params.add(parameter("Kafka MirrorMaker", r.kafka() == null ? "?" : r.kafka().mirrormaker().toString()));
        return params;
    }

    private static String withBound(Figure f) {
        return switch (f.standing()) {
            case HELD -> f.value() + " (bound " + f.bound() + ")";
            case BROKEN -> f.value() + " (bound " + f.bound() + ", BROKEN)";
            case NO_BOUND -> f.value();
            case NOT_MEASURED -> "not measured";
        };
    }

    private static String maxLag(DrillResult r) {
        List<Sample> samples = r.series() == null ? List.of() : SummaryJson.list(r.series().samples());
        OptionalLong records = max(samples, Sample::replicationLagRecords);
        OptionalLong ms = max(samples, Sample::replicationLagMs);
        if (records.isEmpty() && ms.isEmpty()) {
            return "not measured";
        }
        List<String> parts = new ArrayList<>();
        records.ifPresent(v -> parts.add(ReportFormat.count(v) + " records"));
        ms.ifPresent(v -> parts.add(ReportFormat.duration(v)));
        return String.join(" / ", parts);
    }

    private static OptionalLong max(List<Sample> samples, Function<Sample, Long> figure) {
        return samples.stream().map(figure).filter(Objects::nonNull).mapToLong(Long::longValue).max();
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter().setName(name).setValue(value).setExcluded(true);
    }

    static List<StepResult> steps(DrillResult r) {
        List<StepResult> steps = new ArrayList<>();
        long t0 = r.startedAtEpochMs();
        for (StepRecord s : SummaryJson.list(r.steps())) {
            Status st = s.status() == null ? new Status(null, null, null) : s.status();
            StepResult step = new StepResult()
                    .setName(s.index() + ". " + s.action())
                    .setStage(Stage.FINISHED)
                    .setStatus(stepStatus(s.outcome()))
                    .setStart(t0 + s.startedAtMs())
                    .setStop(t0 + s.endedAtMs());
            addIfPresent(step, "condition", s.condition());
            addIfPresent(step, "result", s.result());
            addIfPresent(step, "data location", st.data_location());
            addIfPresent(step, "replication", st.replication_status());
            addIfPresent(step, "consumers read from", st.consumer_target());
            addIfPresent(step, "notes", s.notes());
            if (s.outcome() == DrillResult.StepStatus.FAILED || s.outcome() == DrillResult.StepStatus.BROKEN) {
                step.setStatusDetails(new StatusDetails().setMessage(
                        Objects.toString(s.result(), "") + (s.notes() == null ? "" : "\n" + s.notes())));
            }
            steps.add(step);
        }
        return steps;
    }

    private static void addIfPresent(StepResult step, String name, String value) {
        if (value != null && !value.isBlank()) {
            step.getParameters().add(new Parameter().setName(name).setValue(value));
        }
    }

    private static io.qameta.allure.model.Status stepStatus(DrillResult.StepStatus outcome) {
        if (outcome == null) {
            return io.qameta.allure.model.Status.PASSED;
        }
        return switch (outcome) {
            case PASSED -> io.qameta.allure.model.Status.PASSED;
            case FAILED -> io.qameta.allure.model.Status.FAILED;
            case BROKEN -> io.qameta.allure.model.Status.BROKEN;
            case SKIPPED -> io.qameta.allure.model.Status.SKIPPED;
        };
    }

    /** What Allure shows above the steps: the verdict and the figures against their bounds (inline styles). */
    static String descriptionHtml(DrillResult r) {
        String colour = switch (r.verdict()) {
            case PASS -> "#15803d";
            case FAIL -> "#b91c1c";
            case ERROR -> "#b45309";
        };
        StringBuilder rows = new StringBuilder();
        for (Figure f : DrillFigures.of(r)) {
            String standing = DrillReportHtml.standingText(f.standing());
            String mark = switch (f.standing()) {
                case BROKEN -> "color:#b91c1c;font-weight:700";
                case HELD -> "color:#15803d";
                default -> "color:#6b7280";
            };
            rows.append("<tr><td style=\"padding:2px 12px 2px 0\">").append(Html.esc(f.label()))
                    .append("</td><td style=\"padding:2px 12px;text-align:right\"><b>").append(Html.esc(f.value()))
                    .append("</b></td><td style=\"padding:2px 12px\">").append(Html.esc(DrillFigures.boundOf(f)))
                    .append("</td><td style=\"padding:2px 12px;").append(mark).append("\">").append(standing)
                    .append("</td></tr>");
        }
        return "<p>" + Html.esc(r.description()) + "</p>"
                + "<p style=\"font-size:15px\"><b style=\"color:#fff;background:" + colour
                + ";padding:2px 10px;border-radius:6px\">" + r.verdict() + "</b> "
                + Html.esc(statusMessage(r).lines().findFirst().orElse("")) + "</p>"
                + "<table style=\"border-collapse:collapse\"><tr><th align=\"left\">Figure</th><th>Measured</th>"
                + "<th align=\"left\">Bound</th><th align=\"left\">Standing</th></tr>" + rows + "</table>";
    }

    /** Log tails go with a drill that did not pass; a passing drill's logs stay in their files. */
    static List<LogTail> logTailsToAttach(DrillResult r) {
        return r.verdict() == Verdict.PASS ? List.of() : SummaryJson.list(r.logTails());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
