package io.firedrill.scenario;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** {@code drill validate}: every problem of every file, starting nothing. */
public final class ScenarioValidator {

    private ScenarioValidator() {
    }

    /** The problems of each file in argument order, each file's sorted by position; empty when all are valid. */
    public static List<Problem> validate(Path... files) {
        return validate(Arrays.asList(files));
    }

    public static List<Problem> validate(Collection<Path> files) {
        return files.stream().flatMap(file -> ScenarioParser.parse(file).problems().stream()).toList();
    }
}
