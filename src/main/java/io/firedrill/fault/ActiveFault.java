package io.firedrill.fault;

import io.firedrill.scenario.Step;

/** A fault in force: the step that injected it, since when, and how to undo exactly it. */
public record ActiveFault(int id, Step.Fault step, long injectedAtMs, Runnable healer) {

    public String describe() {
        return "#" + id + " " + step.type().keyword() + " on " + step.target().text();
    }
}
