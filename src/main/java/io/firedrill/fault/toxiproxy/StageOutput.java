package io.firedrill.fault.toxiproxy;

import java.io.IOException;

/** What a toxic on a link hands its data to: the next toxic, and in the end the link's destination. */
interface StageOutput {

    void emit(Segment segment) throws IOException, Interruption;

    /** The toxic swallows these bytes. */
    void drop(Segment segment);

    /** Closes the stream from this toxic on, as Toxiproxy's {@code stub.Close()}: the link then closes. */
    void end() throws IOException, Interruption;

    /** Waits until {@code deadline} (System.nanoTime), cut short when the chain changes or the link closes. */
    void sleepUntil(long deadline) throws Interruption;

    /** Waits until {@code deadline}, cut short only when the link closes. */
    void sleepIgnoringChanges(long deadline) throws Interruption;
}
