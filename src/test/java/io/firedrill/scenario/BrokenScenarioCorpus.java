package io.firedrill.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The broken scenario files of {@code src/test/resources/broken-scenarios/} and the exact
 * {@code FILE:LINE:COL: message} lines each must give, file named by its bare name. A text file
 * carries them in a trailing {@code # expected:} comment block; a file that cannot (binary, not
 * UTF-8, or one whose error a comment would move) has them in {@code <file>.expected} beside it.
 */
public final class BrokenScenarioCorpus {

    public static final Path DIRECTORY = Path.of("src/test/resources/broken-scenarios");
    private static final String EXPECTED_BLOCK = "# expected:";
    private static final String SIDECAR = ".expected";

    private BrokenScenarioCorpus() {
    }

    /** Every broken scenario file (the sidecars excluded), by name. */
    public static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file -> !file.toString().endsWith(SIDECAR)).sorted().toList();
        }
    }

    /** The lines {@code file} must give, in order; never empty. */
    public static List<String> expected(Path file) throws IOException {
        Path sidecar = file.resolveSibling(file.getFileName() + SIDECAR);
        List<String> expected;
        if (Files.exists(sidecar)) {
            expected = Files.readAllLines(sidecar).stream().filter(line -> !line.isBlank()).toList();
        } else {
            List<String> lines = Files.readAllLines(file);
            int block = lines.indexOf(EXPECTED_BLOCK);
            if (block < 0) {
                throw new AssertionError(file + " has neither an '" + EXPECTED_BLOCK + "' block nor " + sidecar.getFileName());
            }
            expected = lines.subList(block + 1, lines.size()).stream().map(line -> line.replaceFirst("^# ", "")).toList();
        }
        if (expected.isEmpty()) {
            throw new AssertionError(file + " expects no problem; a broken file expects at least one");
        }
        return expected;
    }
}
