package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in broken-scenarios/ holds one kind of mistake and the exact
 * {@code FILE:LINE:COL: message} lines validation must print for it ({@link BrokenScenarioCorpus}):
 * all of them, in position order, nothing more.
 */
class BrokenScenariosTest {

    private static final Path BROKEN = BrokenScenarioCorpus.DIRECTORY;

    @TestFactory
    Stream<DynamicTest> eachBrokenFileGivesExactlyItsExpectedProblems() throws IOException {
        return brokenFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ScenarioFile read = ScenarioParser.parse(file);

            assertThat(read.scenario()).as("an invalid file yields no scenario").isEmpty();
            assertThat(read.problems().stream().map(p -> withoutDirectory(p, file)).toList())
                    .containsExactlyElementsOf(expectedProblems(file));
        }));
    }

    @Test
    void theCorpusCoversManyKindsOfMistakes() throws IOException {
        List<Path> files = brokenFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(60);
        long problems = 0;
        for (Path file : files) {
            problems += expectedProblems(file).size();
        }
        assertThat(problems).isGreaterThan(150);
    }

    @Test
    void validateReportsEveryFileInArgumentOrder() throws IOException {
        Path misspelt = BROKEN.resolve("misspelt-keys.yaml");
        Path badName = BROKEN.resolve("bad-name.yaml");

        List<Problem> problems = ScenarioValidator.validate(misspelt, badName);

        assertThat(problems).extracting(Problem::file).containsSubsequence(misspelt.toString(), badName.toString());
        assertThat(problems).hasSize(expectedProblems(misspelt).size() + expectedProblems(badName).size());
        assertThat(problems.get(problems.size() - 1).toString()).startsWith(badName + ":2:7: 'name' must be lowercase");
    }

    private static List<Path> brokenFiles() throws IOException {
        return BrokenScenarioCorpus.files();
    }

    /** The problem as printed, with the file named as in the expected block: by its bare name. */
    private static String withoutDirectory(Problem problem, Path file) {
        assertThat(problem.file()).isEqualTo(file.toString());
        return file.getFileName() + problem.toString().substring(file.toString().length());
    }

    private static List<String> expectedProblems(Path file) throws IOException {
        return BrokenScenarioCorpus.expected(file);
    }
}
