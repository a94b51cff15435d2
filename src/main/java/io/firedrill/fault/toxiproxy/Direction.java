package io.firedrill.fault.toxiproxy;

import java.util.Locale;
import java.util.Optional;

/** The two streams of a proxied connection, named as Toxiproxy names them. */
enum Direction {
    /** client → upstream server */
    UPSTREAM("upstream"),
    /** upstream server → client */
    DOWNSTREAM("downstream");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** Toxiproxy accepts the stream name in any letter case. */
    static Optional<Direction> parse(String stream) {
        String lower = stream.toLowerCase(Locale.ROOT);
        for (Direction direction : values()) {
            if (direction.wireName.equals(lower)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
