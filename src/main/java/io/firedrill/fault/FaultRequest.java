package io.firedrill.fault;

import eu.rekawek.toxiproxy.model.ToxicDirection;

import java.util.List;
import java.util.Map;

/**
 * One fault to inject. Attributes are numbers in Toxiproxy's units: milliseconds for latency,
 * jitter, timeout and delay (microseconds for the slicer's delay), KB/s for rate, bytes for
 * sizes.
 */
public record FaultRequest(FaultType type, FaultTarget target, Map<String, Long> attributes,
                           Direction direction, double toxicity) {

    public enum Direction {
        UPSTREAM(List.of(ToxicDirection.UPSTREAM)),
        DOWNSTREAM(List.of(ToxicDirection.DOWNSTREAM)),
        BOTH(List.of(ToxicDirection.UPSTREAM, ToxicDirection.DOWNSTREAM));

        private final List<ToxicDirection> streams;

        Direction(List<ToxicDirection> streams) {
            this.streams = streams;
        }

        List<ToxicDirection> streams() {
            return streams;
        }
    }

    public FaultRequest {
        attributes = Map.copyOf(attributes);
        if (toxicity < 0 || toxicity > 1) {
            throw new IllegalArgumentException("toxicity must be within 0..1, got " + toxicity);
        }
    }

    public static FaultRequest of(FaultType type, FaultTarget target) {
        return new FaultRequest(type, target, Map.of(), Direction.BOTH, 1.0);
    }

    public String describe() {
        return type + " on " + target + (attributes.isEmpty() ? "" : " " + attributes);
    }
}
