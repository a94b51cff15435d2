package io.firedrill.scenario;

/** The step types of the contract, each with the form a message shows as an example. */
enum StepKind implements Keyword {
    AWAIT("await: replication-healthy"),
    RUN("run: 10s"),
    FAULT("fault: { type: latency, target: replication-link, latency: 300ms }"),
    HEAL("heal: replication-link"),
    BACKUP("backup: { to: backup-storage }"),
    FAILOVER("failover: { to: backup }"),
    RESTORE("restore: { to: primary, from: backup }"),
    FAILBACK("failback: { to: primary }"),
    STOP_TRAFFIC("stop-traffic: {}");

    private final String example;

    StepKind(String example) {
        this.example = example;
    }

    String example() {
        return example;
    }
}
