package io.firedrill.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario file has problems, so no drill may start from it; the message holds one line per problem. */
public final class InvalidScenarioException extends RuntimeException {

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
