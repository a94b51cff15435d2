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
}
