package io.firedrill.cli;

import io.firedrill.scenario.ScenarioLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code drill list [DIR]}: names, tags and descriptions of the scenario library. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the scenarios of a directory (default scenarios/): name, tags, description.")
final class ListCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Directory of scenario files (default: scenarios).")
    private Path dir = Path.of("scenarios");

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            System.err.println("drill: " + dir + ": no such directory; give the folder that holds the scenario files");
            return DrillCommand.BAD_INPUT;
        }
        List<ScenarioLibrary.Entry> entries = ScenarioLibrary.list(dir);
        int width = entries.stream().mapToInt(entry -> entry.name().length()).max().orElse(4);
        int tagWidth = entries.stream().mapToInt(entry -> String.join(",", entry.tags()).length()).max().orElse(4);
        for (ScenarioLibrary.Entry entry : entries) {
            String tags = entry.valid() ? String.join(",", entry.tags()) : "invalid";
            String description = entry.valid() ? entry.description()
                    : entry.problems().size() + " problem(s), see: drill validate " + entry.file();
            System.out.printf("%-" + width + "s  %-" + Math.max(tagWidth, 7) + "s  %s%n", entry.name(), tags, description);
        }
        return DrillCommand.PASS;
    }
}
