package io.firedrill.cli;

import io.firedrill.drill.BlockedPaths;
import io.firedrill.fault.HostFaultSupport;
import io.firedrill.scenario.Problem;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.scenario.ScenarioValidator;
import io.firedrill.scenario.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        if (problems.isEmpty() && !hostRefusesFaults(selected)) {
            warn(selected);
            System.out.println(selected.size() + " scenario file(s) valid");
            return DrillCommand.PASS;
        }
        return DrillCommand.BAD_INPUT;
    }

    /**
     * Faults this machine cannot inject (a storage fault without root, a clock skew without
     * libfaketime): refused here as they would be at the start of the drill, never skipped.
     */
    private static boolean hostRefusesFaults(List<Path> selected) {
        boolean refused = false;
        for (Path file : selected) {
            Scenario scenario = ScenarioParser.parse(file).orThrow();
            for (Step step : scenario.steps()) {
                if (step instanceof Step.Fault fault) {
                    Optional<String> missing = HostFaultSupport.missing(fault.type());
                    missing.ifPresent(reason -> System.out.println(file + ":" + step.line() + ":" + step.source().column()
                            + ": " + reason));
                    refused |= missing.isPresent();
                }
            }
        }
        return refused;
    }

    /**
     * What is valid but likely not meant: MirrorMaker keys MirrorMaker does not know (it ignores
     * them), and steps that will find their path cut by a fault still in force (they fail at once).
     */
    private static void warn(List<Path> selected) {
        for (Path file : selected) {
            ScenarioParser.parse(file).scenario().ifPresent(scenario -> {
                scenario.replication().mirrorMaker().warnings().forEach(System.out::println);
                BlockedPaths.inOrder(scenario).forEach(blocked ->
                        System.out.println(file + ":" + blocked.step().line() + ":" + blocked.step().source().column()
                                + ": warning: " + blocked.message()));
            });
        }
    }
}
