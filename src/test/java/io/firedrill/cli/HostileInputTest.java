package io.firedrill.cli;

import io.firedrill.process.ChildProcesses;
import io.firedrill.scenario.BrokenScenarioCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files and arguments a hostile (or unlucky) user gives the real CLI entry: every one is bad input
 * (exit 2) told in one {@code FILE:LINE:COL: message} line per problem, never a stack trace, fast.
 */
class HostileInputTest {

    private static final Path BROKEN = BrokenScenarioCorpus.DIRECTORY;
    private static final Path BOMB = BROKEN.resolve("alias-bomb.yaml");
    private static final long FAST_MS = 2_000;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private long timed(String... args) {
        console.reset();
        long start = System.nanoTime();
        int exit = DrillCommand.execute(args);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(exit).as("exit code of drill %s", String.join(" ", args)).isEqualTo(DrillCommand.BAD_INPUT);
        return ms;
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenFileIsExit2WithItsLinesOnlyFastAndWithoutAStackTrace() throws IOException {
        return BrokenScenarioCorpus.files().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<String> expected = BrokenScenarioCorpus.expected(file).stream().map(line -> BROKEN.resolve(line).toString()).toList();

            long validateMs = timed("validate", file.toString());
            assertThat(console.outLines()).containsExactlyElementsOf(expected);
            assertThat(console.errLines()).isEmpty();
            assertThat(validateMs).as("validate ms").isLessThan(FAST_MS);

            long runMs = timed("run", file.toString());
            List<String> printed = console.errLines();
            assertThat(printed.subList(0, printed.size() - 1)).containsExactlyElementsOf(expected);
            assertThat(printed.get(printed.size() - 1)).startsWith("drill: nothing was started");
            assertThat(console.errText()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(runMs).as("run ms").isLessThan(FAST_MS);
            assertThat(ChildProcesses.live()).isEmpty();
        }));
    }

    @Test
    void aBillionLaughsIsRejectedAtItsAliasWellUnderASecond() {
        // classes loaded first: the figure is the rejection, not the JVM warming up on a shared machine
        assertThat(DrillCommand.execute("validate", "scenarios/primary-outage.yaml")).isZero();
        long ms = timed("validate", BOMB.toString());
        assertThat(console.outLines()).singleElement().asString()
                .startsWith(BOMB + ":9:10: the alias *d takes the file past 10,000 values once expanded (an alias bomb)");
        console.log("alias bomb rejected in " + ms + " ms");
        assertThat(ms).isLessThan(1_000);
    }

    /** Bounded memory: the real CLI in a JVM with a 32 MB heap rejects the bomb the same way. */
    @Test
    void aBillionLaughsFitsIn32MegabytesOfHeap() throws Exception {
        String classpath = System.getProperty("java.class.path");
        Process drill = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", classpath, DrillCommand.class.getName(), "validate", BOMB.toString())
                .redirectErrorStream(true).start();
        assertThat(drill.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = new String(drill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(drill.exitValue()).as(printed).isEqualTo(DrillCommand.BAD_INPUT);
        assertThat(printed.lines().filter(line -> line.startsWith(BOMB.toString()))).singleElement().asString().contains("alias bomb");
        assertThat(printed).doesNotContain("OutOfMemoryError");
    }

    @Test
    void listSkipsTheBombWithItsLineAndListsTheRest(@TempDir Path dir) throws IOException {
        Files.copy(BOMB, dir.resolve("alias-bomb.yaml"));
        Files.copy(Path.of("scenarios/primary-outage.yaml"), dir.resolve("primary-outage.yaml"));

        assertThat(DrillCommand.execute("list", dir.toString())).isZero();

        assertThat(console.outLines()).singleElement().asString().startsWith("primary-outage");
        assertThat(console.errLines()).singleElement().asString().startsWith(dir.resolve("alias-bomb.yaml") + ":9:10: the alias *d");
    }

    @Test
    void aFileOverOneMebibyteIsOneProblemUnread(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.yaml");
        Files.writeString(huge, "name: huge\ndescription: " + "x".repeat(1_100_000) + "\n");

        timed("validate", huge.toString());

        assertThat(console.outLines()).containsExactly(huge + ":1:1: the file is 1,100,025 bytes; a scenario file is at most 1,048,576"
                + " (1 MiB): is this the right file?");
    }

    @Test
    void selectingNothingIsBadInputSayingSo(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path namedLikeAFile = Files.createDirectory(dir.resolve("x.yaml"));
        List<String[]> commands = new ArrayList<>();
        for (Path selection : List.of(empty, namedLikeAFile)) {
            commands.add(new String[] {"validate", selection.toString()});
            commands.add(new String[] {"run", selection.toString()});
        }
        for (String[] command : commands) {
            timed(command);
            assertThat(console.errLines()).as(String.join(" ", command)).singleElement().asString()
                    .isEqualTo("drill: nothing was selected: " + command[1] + " holds no *.yaml scenario file;"
                            + " name scenario files or a directory that has some");
            assertThat(console.outLines()).isEmpty();
        }
    }

    @Test
    void unwritableReportsAreBadInputBeforeAnythingStarts(@TempDir Path dir) throws IOException {
        Path inTheWay = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path reports = inTheWay.resolve("reports");

        timed("run", "scenarios/primary-outage.yaml", "--reports", reports.toString());

        assertThat(console.errLines()).singleElement().asString().startsWith("drill: --reports " + reports + " cannot be written (")
                .endsWith("nothing was started: give a folder you can write to");
        assertThat(console.outLines()).isEmpty();
        assertThat(ChildProcesses.live()).isEmpty();
    }
}
