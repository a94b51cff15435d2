package io.firedrill.scenario;

/** Which ordering a consumer group must observe. */
public enum OrderExpectation implements Keyword {
    /** Records of one key arrive in the order they were acknowledged. */
    PER_KEY,
    /** Order is not checked. */
    NONE
}
