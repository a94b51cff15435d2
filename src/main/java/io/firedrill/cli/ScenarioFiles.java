package io.firedrill.cli;

import io.firedrill.scenario.ScenarioLibrary;
import io.firedrill.support.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** File arguments as users give them: files, or directories standing for their *.yaml files. */
final class ScenarioFiles {

    private ScenarioFiles() {}

    /**
     * The files the arguments stand for, never none: a run or a check of nothing would exit 0, and
     * a CI job would go green having run nothing (an empty directory, or a directory named x.yaml).
     */
    static List<Path> expand(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                files.addAll(ScenarioLibrary.files(argument));
            } else {
                files.add(argument);
            }
        }
        if (files.isEmpty()) {
            throw new BadInputException("nothing was selected: " + String.join(", ", arguments.stream().map(Path::toString).toList())
                    + " holds no *.yaml scenario file; name scenario files or a directory that has some");
        }
        return files;
    }
}
