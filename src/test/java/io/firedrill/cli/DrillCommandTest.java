package io.firedrill.cli;

import io.firedrill.process.ChildProcesses;
import io.firedrill.scenario.BrokenScenarioCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI contract that needs no cluster: exit codes, messages, and that bad input starts nothing. */
class DrillCommandTest {

    private static final Path BROKEN = BrokenScenarioCorpus.DIRECTORY;
    private static final Path LIBRARY = Path.of("scenarios");

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void theLibraryValidates() {
        assertThat(DrillCommand.execute("validate", LIBRARY.toString())).isZero();
        assertThat(console.outLines()).last().asString().endsWith("scenario file(s) valid");
    }

    @Test
    void unknownMirrorMakerKeysAreWarningsWithTheKeyMeantAndTheFileStaysValid() throws Exception {
        Path team = Path.of("src/test/resources/valid-scenarios/team-mirrormaker.yaml");

        assertThat(DrillCommand.execute("validate", team.toString())).isZero();
        assertThat(console.outLines()).contains("src/test/resources/valid-scenarios/mm2-team.properties:10:1: warning:"
                + " 'emit.checkpoint.interval.seconds' is not a MirrorMaker 2 property, MirrorMaker ignores it;"
                + " did you mean 'emit.checkpoints.interval.seconds'?");
    }

    @Test
    void brokenFilesGiveOneFileLineColumnLinePerProblemAndExit2() throws Exception {
        assertThat(DrillCommand.execute("validate", BROKEN.toString())).isEqualTo(DrillCommand.BAD_INPUT);
        List<String> printed = console.outLines();
        List<String> expected = BrokenScenarioCorpus.files().stream().filter(file -> file.toString().endsWith(".yaml"))
                .flatMap(file -> expectedProblems(file).stream()).toList();
        assertThat(expected).hasSizeGreaterThan(40);
        assertThat(printed).allMatch(line -> line.matches("\\S+:\\d+:\\d+: .+"), "FILE:LINE:COL: message")
                .containsAll(expected);
    }

    /** The lines each broken file must give, with the file named as the CLI names it. */
    private static List<String> expectedProblems(Path file) {
        try {
            return BrokenScenarioCorpus.expected(file).stream().map(line -> BROKEN.resolve(line).toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void runOnBrokenFilesStartsNothing() {
        assertThat(DrillCommand.execute("run", BROKEN.resolve("toxicity.yaml").toString(), LIBRARY.resolve("primary-outage.yaml").toString()))
                .isEqualTo(DrillCommand.BAD_INPUT);
        assertThat(console.errLines()).anyMatch(line -> line.startsWith(BROKEN.resolve("toxicity.yaml") + ":"))
                .anyMatch(line -> line.contains("nothing was started"));
        assertThat(ChildProcesses.live()).isEmpty();
        assertThat(console.outText()).doesNotContain("boot");
    }

    @Test
    void aMissingFileIsBadInput() {
        assertThat(DrillCommand.execute("run", "scenarios/no-such-drill.yaml")).isEqualTo(DrillCommand.BAD_INPUT);
        assertThat(console.errLines()).first().asString().startsWith("scenarios/no-such-drill.yaml:1:1: ");
    }

    @Test
    void anUnsupportedMatrixVersionIsBadInputListingTheSupportedOnesAndStartsNothing() {
        assertThat(DrillCommand.execute("run", LIBRARY.resolve("primary-outage.yaml").toString(), "--kafka", "3.9.1,4.0.1"))
                .isEqualTo(DrillCommand.BAD_INPUT);
        assertThat(console.errText()).contains("--kafka: Kafka 4.0.1 is not supported; supported: 3.6.2, ")
                .contains("did you mean 4.0.0 or 4.0.2?");
        assertThat(ChildProcesses.live()).isEmpty();
        assertThat(console.outText()).doesNotContain("boot");
    }

    @Test
    void aMatrixVersionMavenCannotResolveIsBadInputNamingTheArtifactAndStartsNothing(@TempDir Path dir) {
        System.setProperty("firedrill.kafka.cache.dir", dir.resolve("cache").toString());
        System.setProperty("firedrill.maven.args", "-o -Dmaven.repo.local=" + dir.resolve("no-repository"));
        try {
            assertThat(DrillCommand.execute("run", LIBRARY.resolve("primary-outage.yaml").toString(), "--kafka", "4.2.0"))
                    .isEqualTo(DrillCommand.BAD_INPUT);
        } finally {
            System.clearProperty("firedrill.kafka.cache.dir");
            System.clearProperty("firedrill.maven.args");
        }
        assertThat(console.errText()).contains("cannot resolve Kafka 4.2.0 (org.apache.kafka:kafka_2.13, "
                + "org.apache.kafka:connect-mirror)").contains("Maven's local repository: " + dir.resolve("no-repository"));
        assertThat(ChildProcesses.live()).isEmpty();
        assertThat(console.outText()).doesNotContain("boot");
    }

    @Test
    void anUnknownBackendIsBadInputNamingTheChoices() {
        assertThat(DrillCommand.execute("run", LIBRARY.resolve("primary-outage.yaml").toString(), "--backend", "kubernetes"))
                .isEqualTo(DrillCommand.BAD_INPUT);
        assertThat(console.errText()).contains("unknown backend 'kubernetes'").contains("process | testcontainers | external");
        assertThat(ChildProcesses.live()).isEmpty();
    }

    @Test
    void aBadShardIsBadInputAndStartsNothing() {
        for (String bad : List.of("0/2", "3/2", "half")) {
            assertThat(DrillCommand.execute("run", LIBRARY.resolve("primary-outage.yaml").toString(), "--shard", bad))
                    .as(bad).isEqualTo(DrillCommand.BAD_INPUT);
        }
        assertThat(console.errText()).contains("--shard 0/2: give I/N with 1 <= I <= N");
    }

    @Test
    void aShardWithNoScenarioOfTheGivenFilesRunsNothingAndPasses() {
        assertThat(DrillCommand.execute("run", LIBRARY.resolve("primary-outage.yaml").toString(), "--shard", "2/2"))
                .isEqualTo(DrillCommand.PASS);
        assertThat(console.outText()).contains("drill: shard 2/2 runs 0 of 1 scenario(s)");
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        assertThat(DrillCommand.execute("run", "--fast", "x.yaml")).isEqualTo(DrillCommand.BAD_INPUT);
        assertThat(console.errText()).contains("--fast").contains("drill run --help");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(DrillCommand.execute()).isEqualTo(DrillCommand.BAD_INPUT);
        assertThat(DrillCommand.execute("explode")).isEqualTo(DrillCommand.BAD_INPUT);
    }

    @Test
    void listShowsEveryScenarioWithTagsAndDescription() {
        assertThat(DrillCommand.execute("list")).isZero();
        assertThat(console.outLines()).anyMatch(line -> line.startsWith("primary-outage") && line.contains("smoke")
                && line.contains("The whole primary dies"));
        assertThat(DrillCommand.execute("list", "no-such-dir")).isEqualTo(DrillCommand.BAD_INPUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "list", "up", "toxiproxy"})
    void everyCommandHasHelp(String command) {
        assertThat(DrillCommand.execute(command, "--help")).isZero();
        assertThat(console.outText()).contains("Usage: drill " + command);
    }

    @Test
    void aBadListenAddressIsBadInput() {
        assertThat(DrillCommand.execute("toxiproxy", "--listen", "nowhere")).isEqualTo(DrillCommand.BAD_INPUT);
        assertThat(console.errText()).contains("--listen nowhere");
    }
}
