package io.firedrill.cli;

import io.firedrill.scenario.ScenarioLibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** File arguments as users give them: files, or directories standing for their *.yaml files. */
final class ScenarioFiles {

    private ScenarioFiles() {}

    static List<Path> expand(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                files.addAll(ScenarioLibrary.files(argument));
            } else {
                files.add(argument);
            }
        }
        return files;
    }
}
