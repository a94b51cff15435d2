package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.support.BadInputException;
import io.firedrill.verify.RecordFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioParserTest {

    private static final Path MINIMAL = Path.of("src/test/resources/valid-scenarios/minimal.yaml");

    @TempDir
    Path dir;

    @Test
    void aReplicaAssignmentPinsPartitionsToPrimaryBrokersAndSetsPartitionsAndReplicationFactor() {
        String text = """
                name: pinned
                description: pinned replicas
                clusters:
                  primary: { brokers: 5 }
                  backup: { brokers: 1 }
                topics:
                  - { name: payments, replica-assignment: [[0, 1], [1, 0]], min-insync-replicas: 1 }
                replication:
                  engine: mirrormaker2
                traffic:
                  - producer: { topic: payments }
                steps:
                  - run: 1s
                """;

        assertThat(ScenarioParser.parse("pinned.yaml", text).orThrow().topics()).containsExactly(new TopicSpec("payments", 2, 2,
                OptionalInt.of(1), true, List.of(List.of(0, 1), List.of(1, 0))));
    }

    @Test
    void aTopicCanBeCreatedWhileTheDrillRuns() {
        String text = """
                name: late
                description: a topic added mid-drill
                clusters:
                  primary: { brokers: 1 }
                  backup: { brokers: 1 }
                topics:
                  - { name: orders }
                  - { name: refunds, partitions: 2, create-after: 5s }
                replication:
                  engine: mirrormaker2
                traffic:
                  - producer: { topic: refunds }
                steps:
                  - run: 1s
                """;

        assertThat(ScenarioParser.parse("late.yaml", text).orThrow().topics()).extracting(TopicSpec::name, TopicSpec::createAfter)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", java.util.Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("refunds", java.util.Optional.of(java.time.Duration.ofSeconds(5))));
        assertThat(ScenarioParser.parse("late.yaml", text.replace("create-after: 5s", "create-after: soon")).problems())
                .extracting(Problem::toString).containsExactly("late.yaml:8:51: 'create-after': 'soon' is not a duration; write it like"
                        + " 250ms, 10s, 1.5s, 2m, 1m30s or 1h");
    }

    @Test
    void aMissingFileIsOneProblem() {
        Path missing = dir.resolve("nowhere.yaml");

        assertThat(ScenarioValidator.validate(missing)).extracting(Problem::toString)
                .containsExactly(missing + ":1:1: no such file");
    }

    @Test
    void aDirectoryIsOneProblem() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("looks-like.yaml"));

        assertThat(ScenarioValidator.validate(directory)).extracting(Problem::toString)
                .containsExactly(directory + ":1:1: is a directory, not a scenario file");
    }

    @Test
    void aFileThatIsNotUtf8IsOneProblem() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "description: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(ScenarioValidator.validate(latin1)).extracting(Problem::toString)
                .containsExactly(latin1 + ":1:17: the file is not UTF-8 text: byte 0xE9 at offset 16 is not UTF-8"
                        + " (binary, or another encoding); save it as UTF-8");
    }

    @Test
    void aControlCharacterIsReportedWhereItStands() {
        String text = "name: minimal\ndescription: bell\u0007\n";

        assertThat(ScenarioParser.parse("minimal.yaml", text).problems()).extracting(Problem::toString)
                .containsExactly("minimal.yaml:2:18: the file holds a character YAML does not allow (U+0007); remove it");
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkReadTheSame() throws IOException {
        String text = Files.readString(MINIMAL);
        Scenario expected = ScenarioParser.load(MINIMAL);

        assertThat(ScenarioParser.parse("minimal.yaml", text.replace("\n", "\r\n")).orThrow()).isEqualTo(expected);
        assertThat(ScenarioParser.parse("minimal.yaml", "\uFEFF" + text).orThrow()).isEqualTo(expected);
    }

    @Test
    void positionsStayRightWithWindowsLineEndings() throws IOException {
        Path brokenRegex = Path.of("src/test/resources/broken-scenarios/bad-regex.yaml");
        String text = Files.readString(brokenRegex);

        assertThat(ScenarioParser.parse("bad-regex.yaml", text.replace("\n", "\r\n")).problems())
                .isEqualTo(ScenarioParser.parse("bad-regex.yaml", text).problems());
    }

    @Test
    void loadingAnInvalidFileThrowsWithEveryProblemOnItsOwnLine() throws IOException {
        Path file = Files.writeString(dir.resolve("two-problems.yaml"), Files.readString(MINIMAL)
                .replace("name: minimal", "name: two-problems").replace("run: 10s", "run: 10"));
        Files.writeString(file, Files.readString(file) + "colour: red\n");

        assertThatThrownBy(() -> ScenarioParser.load(file))
                .isInstanceOf(BadInputException.class)
                .isInstanceOfSatisfying(InvalidScenarioException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(),
                            file + ":16:10: 'run': '10' has no unit; write 10s or 10ms",
                            file + ":17:1: unknown key 'colour' in the scenario (known keys: name, description, tags,"
                                    + " severity, clusters, topics, replication, applications, traffic, detection, steps, expect)"));
                });
    }

    @Test
    void anInvalidFileGivesProblemsAndNoScenarioAValidOneTheReverse() {
        ScenarioFile invalid = ScenarioParser.parse("x.yaml", "name: x\n");
        ScenarioFile valid = ScenarioParser.parse(MINIMAL);

        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.scenario()).isEmpty();
        assertThat(invalid.problems()).isNotEmpty();
        assertThat(valid.valid()).isTrue();
        assertThat(valid.problems()).isEmpty();
        assertThat(valid.file()).isEqualTo(MINIMAL.toString());
    }

    @Test
    void problemsAreSortedByPositionWhateverOrderTheyAreFoundIn() {
        // steps are checked after expect in the file's order of reading, but come first by position
        String text = "expect: { order: random }\nname: sorted\nsteps: [ { run: 1 } ]\ndescription: d\n";

        List<Problem> problems = ScenarioParser.parse("sorted.yaml", text).problems();

        assertThat(problems).isSortedAccordingTo(Problem.BY_POSITION);
        assertThat(problems.get(0).toString()).isEqualTo("sorted.yaml:1:1: missing 'clusters' in the scenario (the two"
                + " clusters, like 'clusters: { primary: { brokers: 1 }, backup: { brokers: 1 } }')");
    }

    @Test
    void everyRecordSizeTheFormatAllowsHoldsTheTrafficRecordHeader() {
        assertThat(ScenarioReader.MIN_RECORD_SIZE).isGreaterThanOrEqualTo(RecordFormat.MIN_RECORD_SIZE);
    }

    @Test
    void aProblemMessageIsAlwaysOneLine() {
        Problem problem = new Problem("f.yaml", 3, 4, "first line\n  second line\r\nthird");

        assertThat(problem.toString()).isEqualTo("f.yaml:3:4: first line second line third");
    }

    @Test
    void stepTextIsTheStepOnOneLineWithoutComments() {
        String text = "name: t\ndescription: d\nclusters: { primary: {}, backup: {} }\ntopics: [ { name: orders } ]\n"
                + "replication: { engine: mirrormaker2 }\ntraffic: [ { producer: { topic: orders } } ]\nsteps:\n"
                + "  - fault:   # the disaster\n      type: latency\n      target: 'clients->primary'\n"
                + "      latency: \"1s\"\n  - run: 2m\n  - await: { condition: \"replication-healthy\", timeout: '1m' }\n";

        Scenario scenario = ScenarioParser.parse("t.yaml", text).orThrow();

        assertThat(scenario.steps()).extracting(Step::text)
                .containsExactly("fault: { type: latency, target: clients->primary, latency: 1s }", "run: 2m",
                        "await: { condition: replication-healthy, timeout: 1m }");
        assertThat(scenario.steps()).extracting(Step::line).containsExactly(8, 12, 13);
    }
}
