package io.firedrill.replication;

import java.time.Duration;

/**
 * When a flow counts as lagging or disrupted. Lag is the age of the oldest source record not yet
 * on the target, so an idle flow has none however long it idles; a backlog being worked off
 * (MirrorMaker just started, a link was slow) is lagging, not disrupted.
 *
 * @param laggingAfter     lag above this: {@code lagging} (default 1 s, twice MirrorMaker's
 *                         offset-commit interval: a healthy flow stays far below it)
 * @param disruptedAfter   records wait and no partition has advanced for this long: {@code disrupted},
 *                         replication is stalled (default 5 s); one partition waiting while others
 *                         are copied is a busy MirrorMaker, {@code lagging}
 * @param heartbeatTimeout no MirrorMaker heartbeat on the target for this long: {@code disrupted}
 *                         (default 5 s: heartbeats come every second)
 */
public record HealthThresholds(Duration laggingAfter, Duration disruptedAfter, Duration heartbeatTimeout) {

    public static final HealthThresholds DEFAULT =
            new HealthThresholds(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5));

    public HealthThresholds {
        if (laggingAfter.compareTo(disruptedAfter) >= 0) {
            throw new IllegalArgumentException("the lagging threshold must be below the stall threshold");
        }
    }
}
