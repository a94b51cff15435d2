package io.firedrill.fault.toxiproxy;

import java.io.IOException;

/**
 * One toxic running on one link. Stages are driven by a single thread per link, so they keep
 * per-link state in plain fields.
 */
interface Stage {

    long NO_DEADLINE = Long.MAX_VALUE;

    /** Data passes untouched: the noop toxic, and any toxic its toxicity roll left out. */
    Stage PASS_THROUGH = (segment, out) -> out.emit(segment);

    void onData(Segment segment, StageOutput out) throws IOException, Interruption;

    /** The source closed (or a toxic before this one closed the stream). */
    default void onEnd(StageOutput out) throws IOException, Interruption {
        out.end();
    }

    /** When this stage wants {@link #onDeadline} called even if no data comes (System.nanoTime). */
    default long deadline() {
        return NO_DEADLINE;
    }

    default void onDeadline(StageOutput out) throws IOException, Interruption {
    }

    /** Called once when the stage starts acting on a connection. */
    default void onAttach(ProxiedConnection connection) {
    }

    /** Whether removing this toxic closes the link, as Toxiproxy's timeout toxic does. */
    default boolean endsLinkWhenRemoved() {
        return false;
    }

    /** This stage with a toxic's new attributes; stateful toxics carry their state over. */
    default Stage reconfigured(ToxicSpec spec) {
        return spec.type().newStage(spec);
    }
}
