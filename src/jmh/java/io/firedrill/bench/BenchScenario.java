package io.firedrill.bench;

import io.firedrill.drill.DrillOptions;
import io.firedrill.scenario.FaultType;
import io.firedrill.scenario.ProducerSpec;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.scenario.Step;

import java.nio.file.Path;

/**
 * The DR setup every recovery and replication figure is measured on, written as a drill scenario
 * so the harness builds it exactly as {@code drill run} would. Its steps are not run in order:
 * they are the faults the benchmarks inject (the partition and the disaster) in a sequence the
 * validator accepts.
 */
final class BenchScenario {

    static final String YAML = """
            name: dr-benchmark
            description: One-broker primary and backup, MirrorMaker 2 with the identity policy, one producer and one group.
            tags: [bench]
            clusters:
              primary: { brokers: 1 }
              backup:  { brokers: 1 }
            topics:
              - name: orders
                partitions: 3
                replication-factor: 1
            replication:
              engine: mirrormaker2
              policy: identity
              topics: "orders"
            traffic:
              - producer: { topic: orders, rate: 500, keys: 100 }
              - consumer: { group: billing, topic: orders }
            steps:
              - await: replication-healthy
              - fault: { type: partition, target: replication-link }
              - heal: replication-link
              - await: replication-caught-up
              - fault: { type: cluster-outage, target: primary }
              - await: disaster-detected
              - failover: {}
            """;

    private static final Scenario SCENARIO = ScenarioParser.parse("dr-benchmark.yaml", YAML).orThrow();

    private BenchScenario() {}

    static Scenario get() {
        return SCENARIO;
    }

    /** The scenario's step injecting a fault of this type. */
    static Step.Fault fault(FaultType type) {
        return SCENARIO.steps().stream().filter(step -> step instanceof Step.Fault fault && fault.type() == type)
                .map(Step.Fault.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the benchmark scenario has no " + type.keyword() + " fault"));
    }

    /** Records per second of the scenario's producer: the steady rate replication figures are taken at. */
    static int producerRate() {
        return SCENARIO.traffic().producers().stream().mapToInt(ProducerSpec::rate).sum();
    }

    static DrillOptions options() {
        return DrillOptions.defaults().withReports(Path.of(System.getProperty("firedrill.reports", "reports")));
    }
}
