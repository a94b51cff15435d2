package io.firedrill.cli;

import io.firedrill.drill.BlockedPaths;
import io.firedrill.scenario.Problem;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.scenario.ScenarioValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code drill validate FILE...}: every problem as {@code FILE:LINE:COL: message}; starts nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files without starting anything: one FILE:LINE:COL: message line per problem. "
                + "Exit 0 when all are valid, 2 otherwise.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (or directories of *.yaml).")
    private List<Path> files;

    @Override
    public Integer call() {
        List<Path> selected = ScenarioFiles.expand(files);
        List<Problem> problems = ScenarioValidator.validate(selected);
        problems.forEach(problem -> System.out.println(problem));
        if (problems.isEmpty()) {
            warnBlockedPaths(selected);
            System.out.println(selected.size() + " scenario file(s) valid");
            return DrillCommand.PASS;
        }
        return DrillCommand.BAD_INPUT;
    }

    /** Steps that will find their path cut by a fault still in force: valid, but they will fail at once. */
    private static void warnBlockedPaths(List<Path> selected) {
        for (Path file : selected) {
            ScenarioParser.parse(file).scenario().ifPresent(scenario -> BlockedPaths.inOrder(scenario).forEach(blocked ->
                    System.out.println(file + ":" + blocked.step().line() + ":" + blocked.step().source().column()
                            + ": warning: " + blocked.message())));
        }
    }
}
