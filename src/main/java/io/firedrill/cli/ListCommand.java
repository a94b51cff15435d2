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
        List<ScenarioLibrary.Entry> all = ScenarioLibrary.list(dir);
        // an invalid file (an alias bomb included) is skipped with the reason it would not run
        all.stream().filter(entry -> !entry.valid()).forEach(entry -> System.err.println(entry.problems().get(0)
                + (entry.problems().size() > 1 ? " (and " + (entry.problems().size() - 1) + " more; see: drill validate "
                + entry.file() + ")" : "")));
        List<ScenarioLibrary.Entry> entries = all.stream().filter(ScenarioLibrary.Entry::valid).toList();
        int width = entries.stream().mapToInt(entry -> entry.name().length()).max().orElse(4);
        int tagWidth = entries.stream().mapToInt(entry -> String.join(",", entry.tags()).length()).max().orElse(4);
        for (ScenarioLibrary.Entry entry : entries) {
            System.out.printf("%-" + width + "s  %-" + tagWidth + "s  %s%n", entry.name(), String.join(",", entry.tags()),
                    entry.description());
        }
        return DrillCommand.PASS;
    }
}
