package io.firedrill.scenario;

import java.util.List;
import java.util.Optional;

/**
 * What reading one scenario file gave: the scenario when the file has no problem, the problems
 * (sorted by position) otherwise, never both.
 */
public record ScenarioFile(String file, Optional<Scenario> scenario, List<Problem> problems) {

    public ScenarioFile {
        problems = List.copyOf(problems);
        if (scenario.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a scenario file is either valid or has problems: " + file);
        }
    }

    public boolean valid() {
        return scenario.isPresent();
    }

    /** The scenario; an {@link InvalidScenarioException} with every problem when the file is invalid. */
    public Scenario orThrow() {
        return scenario.orElseThrow(() -> new InvalidScenarioException(problems));
    }
}
