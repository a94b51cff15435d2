package io.firedrill.scenario;

/** The producer's {@code acks} setting, spelled as Kafka spells it. */
public enum Acks implements Keyword {
    ALL("all"), ONE("1"), ZERO("0");

    private final String kafkaValue;

    Acks(String kafkaValue) {
        this.kafkaValue = kafkaValue;
    }

    @Override
    public String keyword() {
        return kafkaValue;
    }
}
