package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's reset_peer toxic: on the first data (or the close) it waits {@code timeout} ms and
 * then closes both sockets with SO_LINGER 0, so both peers get a TCP RST; the data is dropped.
 */
final class ResetPeerStage implements Stage {

    private final long timeoutMs;

    ResetPeerStage(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void onAttach(ProxiedConnection connection) {
        connection.resetOnClose();
    }

    @Override
    public void onData(Segment segment, StageOutput out) throws IOException, Interruption {
        out.drop(segment);
        onEnd(out);
    }

    @Override
    public void onEnd(StageOutput out) throws IOException, Interruption {
        out.sleepIgnoringChanges(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs));
        out.end();
    }
}
