package io.firedrill.kafka;

import io.firedrill.support.BadInputException;

/** A Kafka version that is malformed or not one Firedrill supports; the message lists the supported ones. */
public final class UnsupportedKafkaVersionException extends BadInputException {
    public UnsupportedKafkaVersionException(String message) {
        super(message);
    }
}
