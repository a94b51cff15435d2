package io.firedrill.traffic;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The threads traffic clients run on: ours and the Kafka clients'; none may outlive a close. */
final class TrafficThreads {

    private TrafficThreads() {
    }

    static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("firedrill-producer-") || name.startsWith("firedrill-group-")
                        || name.startsWith("kafka-"))
                .sorted().toList();
    }

    static void assertNoneLeft() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(alive()).isEmpty());
    }
}
