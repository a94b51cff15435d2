package io.firedrill.cluster;

/** What the harness last did to a broker, and so what it can do next. */
public enum BrokerState {
    RUNNING,
    /** SIGSTOPped: alive, holding its sockets, answering nothing. */
    PAUSED,
    /** Cleanly stopped. */
    STOPPED,
    /** SIGKILLed or crashed. */
    KILLED
}
