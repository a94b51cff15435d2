package io.firedrill.scenario;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads scenario files (the format of SCENARIO-FORMAT.md) into {@link Scenario}s. A file with any
 * problem gives no scenario, only its problems, all of them, found in one pass.
 */
public final class ScenarioParser {

    private ScenarioParser() {
    }

    /** Reads and checks {@code file}; problems name it as given. Unreadable files are one problem. */
    public static ScenarioFile parse(Path file) {
        String label = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return new ScenarioFile(label, Optional.empty(), List.of(new Problem(label, 1, 1, whyUnreadable(file, e))));
        }
        return parse(label, text);
    }

    /**
     * Checks {@code text} as the content of a file called {@code file} (its name must be the
     * scenario's name plus {@code .yaml}); problems name {@code file}.
     */
    public static ScenarioFile parse(String file, String text) {
        Problems problems = new Problems(file);
        Optional<Scenario> scenario = YamlTree.read(text, problems)
                .flatMap(root -> new ScenarioReader(file, text, problems).read(root));
        return new ScenarioFile(file, problems.isEmpty() ? scenario : Optional.empty(), problems.sorted());
    }

    /** The scenario in {@code file}; an {@link InvalidScenarioException} with every problem if it has any. */
    public static Scenario load(Path file) {
        return parse(file).orThrow();
    }

    private static String whyUnreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read the file: permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "the file is not UTF-8 text";
        }
        return Files.isDirectory(file) ? "is a directory, not a scenario file" : "cannot read the file: " + e.getMessage();
    }
}
