package io.firedrill.traffic;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A re-point handed to a client's own thread (Kafka clients belong to one thread) and awaited by
 * the caller: the new client (none for a pause), where it goes, how long the old client may take
 * to leave (zero abandons a lost cluster without a last commit), and whether it got there.
 */
record Handover<C>(TrafficEndpoint target, C client, Duration leaveTimeout, CompletableFuture<Void> done) {

    Handover(TrafficEndpoint target, C client, Duration leaveTimeout) {
        this(target, client, leaveTimeout, new CompletableFuture<>());
    }

    /** Waits for the client's thread to complete the move; {@code who} names the client in errors. */
    void await(String who, long timeoutMs) {
        try {
            done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(who + " could not move to " + target.alias() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(who + " did not move to " + target.alias() + " within " + timeoutMs
                    + " ms: its thread is blocked in a Kafka client call (max.block.ms, close timeouts)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while moving " + who + " to " + target.alias(), e);
        }
    }

    /** Whether the move is done (either way) within {@code timeout}, without throwing. */
    boolean completesWithin(Duration timeout) {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void supersededBy(TrafficEndpoint next) {
        done.completeExceptionally(new IllegalStateException("superseded by a re-point to " + next.alias()));
    }
}
