package io.firedrill.fault;

import io.firedrill.scenario.Step;

/**
 * A fault in force: the step that injected it, since when, how to undo exactly it, and what it
 * did beyond its name (a power loss: what each broker's log lost), empty when nothing more.
 */
public record ActiveFault(int id, Step.Fault step, long injectedAtMs, Runnable healer, String effect) {

    public String describe() {
        return "#" + id + " " + step.type().keyword() + " on " + step.target().text();
    }
}
