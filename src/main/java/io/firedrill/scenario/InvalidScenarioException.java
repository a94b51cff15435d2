package io.firedrill.scenario;

import io.firedrill.support.BadInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file has problems, so no drill may start from it. Bad input (the CLI exits 2); the
 * message holds one {@code FILE:LINE:COL: message} line per problem.
 */
public final class InvalidScenarioException extends BadInputException {

    private final transient List<Problem> problems;

    public InvalidScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid scenario has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
