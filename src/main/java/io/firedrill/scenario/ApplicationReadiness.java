package io.firedrill.scenario;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * When an application counts as up: the drill waits for it, at most {@link #timeout()}, before it
 * sends the application anything, and after every restart.
 */
public sealed interface ApplicationReadiness permits ApplicationReadiness.GroupMember, ApplicationReadiness.Http {

    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    Duration timeout();

    /** The condition as a message names it ("a member of group app on orders-in"). */
    String describe(ApplicationSpec application);

    /** A member of the application's consumer group holds partitions of its input topic. */
    record GroupMember(Duration timeout) implements ApplicationReadiness {
        public GroupMember {
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String describe(ApplicationSpec application) {
            return "a member of group " + application.group() + " assigned " + application.input();
        }
    }

    /** An HTTP GET of {@code url} answers 2xx (a health endpoint). */
    record Http(URI url, Duration timeout) implements ApplicationReadiness {
        public Http {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String describe(ApplicationSpec application) {
            return "HTTP 2xx from " + url;
        }
    }
}
