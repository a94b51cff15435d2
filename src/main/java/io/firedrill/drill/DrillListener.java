package io.firedrill.drill;

import io.firedrill.scenario.Step;

/** Progress of a running drill, for a terminal (one line per step) or a test log. */
public interface DrillListener {

    DrillListener SILENT = new DrillListener() {};

    /** Boot, replication start, verify, teardown: the phases around the steps. */
    default void phase(String scenario, String phase) {}

    default void stepStarted(String scenario, Step step) {}

    default void stepFinished(String scenario, DrillResult.StepRecord record) {}

    default void finished(DrillResult result) {}

    /** Tells this listener, then {@code next}, of every event. */
    default DrillListener andThen(DrillListener next) {
        DrillListener first = this;
        return new DrillListener() {
            @Override
            public void phase(String scenario, String phase) {
                first.phase(scenario, phase);
                next.phase(scenario, phase);
            }

            @Override
            public void stepStarted(String scenario, Step step) {
                first.stepStarted(scenario, step);
                next.stepStarted(scenario, step);
            }

            @Override
            public void stepFinished(String scenario, DrillResult.StepRecord record) {
                first.stepFinished(scenario, record);
                next.stepFinished(scenario, record);
            }

            @Override
            public void finished(DrillResult result) {
                first.finished(result);
                next.finished(result);
            }
        };
    }
}
