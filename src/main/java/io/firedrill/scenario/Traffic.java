package io.firedrill.scenario;

import java.util.List;

/** The drill's clients, in file order. */
public record Traffic(List<ProducerSpec> producers, List<ConsumerSpec> consumers) {

    public Traffic {
        producers = List.copyOf(producers);
        consumers = List.copyOf(consumers);
    }
}
