package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Valid files read into exactly the model they describe, defaults included. */
class ValidScenariosTest {

    private static final Path VALID = Path.of("src/test/resources/valid-scenarios");

    private static Scenario load(String name) {
        return ScenarioParser.load(VALID.resolve(name + ".yaml"));
    }

    @Test
    void everyOptionalKeyTakesItsDefault() {
        Scenario scenario = load("minimal");

        assertThat(scenario.tags()).containsExactly("nightly");
        assertThat(scenario.severity()).isEqualTo(Severity.NORMAL);
        assertThat(scenario.primary()).isEqualTo(new ClusterSetup(ClusterRole.PRIMARY, 1, Map.of()));
        assertThat(scenario.backup()).isEqualTo(new ClusterSetup(ClusterRole.BACKUP, 1, Map.of()));
        assertThat(scenario.topics()).containsExactly(new TopicSpec("orders", 3, 1, OptionalInt.empty(), true));
        assertThat(scenario.replication()).isEqualTo(new Replication(ReplicationEngineKind.MIRRORMAKER2,
                ReplicationPolicy.IDENTITY, ".*", ".*", true));
        assertThat(scenario.traffic()).isEqualTo(new Traffic(
                List.of(new ProducerSpec("orders", 200, 100, 256, Acks.ALL, true, false, 0)),
                List.of(new ConsumerSpec("billing", "orders"))));
        assertThat(scenario.detection()).isEqualTo(new Detection(Duration.ofSeconds(3), Duration.ofMillis(250)));
        assertThat(scenario.steps()).containsExactly(
                new Step.Await(source(1, 15, "await: replication-healthy"), AwaitCondition.REPLICATION_HEALTHY, Duration.ofSeconds(60)),
                new Step.Run(source(2, 16, "run: 10s"), Duration.ofSeconds(10)));
        assertThat(scenario.expect()).isEqualTo(new Expectations(OptionalLong.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), 0, OrderExpectation.PER_KEY, false, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()));
        assertThat(scenario.disasterStep()).isEmpty();
    }

    @Test
    void replicationFactorDefaultsToThreeAtMost() {
        String threeBrokers = text("minimal").replace("  primary:\n", "  primary: { brokers: 5 }\n");

        Scenario scenario = ScenarioParser.parse("minimal.yaml", threeBrokers).orThrow();

        assertThat(scenario.topics().get(0).replicationFactor()).isEqualTo(3);
    }

    @Test
    void everyStepTypeReadsIntoItsRecord() {
        Scenario scenario = load("every-step");

        assertThat(scenario.steps()).containsExactly(
                new Step.Await(source(1, 48, "await: replication-healthy"), AwaitCondition.REPLICATION_HEALTHY, Duration.ofSeconds(60)),
                new Step.Await(source(2, 49, "await: { condition: replication-caught-up, timeout: 1m30s }"),
                        AwaitCondition.REPLICATION_CAUGHT_UP, Duration.ofSeconds(90)),
                new Step.Run(source(3, 50, "run: 1.5s"), Duration.ofMillis(1500)),
                new Step.Fault(source(4, 51, "fault: { type: latency, target: replication-link, latency: 300ms, jitter: 50ms, duration: 10s }"),
                        FaultType.LATENCY, Target.REPLICATION_LINK, attributes(FaultAttribute.LATENCY, 300L, FaultAttribute.JITTER, 50L),
                        Optional.of(Duration.ofSeconds(10)), Direction.BOTH, 1.0),
                new Step.Heal(source(5, 52, "heal: replication-link"), Optional.of(Target.REPLICATION_LINK)),
                new Step.Backup(source(6, 53, "backup: { to: backup-storage }")),
                new Step.Fault(source(7, 54, "fault: { type: cluster-outage, target: primary }"), FaultType.CLUSTER_OUTAGE,
                        new Target.Cluster(ClusterRole.PRIMARY), Map.of(), Optional.empty(), Direction.BOTH, 1.0),
                new Step.Await(source(8, 57, "await: disaster-detected"), AwaitCondition.DISASTER_DETECTED, Duration.ofSeconds(60)),
                new Step.Failover(source(9, 58, "failover: { to: backup }"), ClientsMode.MOVE, true),
                new Step.Await(source(10, 59, "await: { condition: consumers-caught-up }"), AwaitCondition.CONSUMERS_CAUGHT_UP,
                        Duration.ofSeconds(60)),
                new Step.Restore(source(11, 60, "restore: { to: primary, from: backup }"), ClusterRole.PRIMARY, RestoreSource.BACKUP),
                new Step.Await(source(12, 61, "await: restore-complete"), AwaitCondition.RESTORE_COMPLETE, Duration.ofSeconds(60)),
                new Step.Restore(source(13, 62, "restore: { from: backup-storage }"), ClusterRole.PRIMARY, RestoreSource.BACKUP_STORAGE),
                new Step.Failback(source(14, 63, "failback: { to: primary }")),
                new Step.Heal(source(15, 64, "heal: all"), Optional.empty()),
                new Step.StopTraffic(source(16, 65, "stop-traffic: {}")));
        assertThat(scenario.steps()).extracting(Step::keyword).containsExactly("await", "await", "run", "fault", "heal",
                "backup", "fault", "await", "failover", "await", "restore", "await", "restore", "failback", "heal", "stop-traffic");
    }

    @Test
    void aRedirectFailoverNamesHowTheClientsFindTheBackup() {
        Scenario redirect = load("redirect");
        Scenario moved = load("every-step");

        assertThat(redirect.steps()).filteredOn(Step.Failover.class::isInstance).singleElement()
                .isEqualTo(new Step.Failover(source(3, 17, "failover: { to: backup, clients: redirect, rebootstrap: false }"),
                        ClientsMode.REDIRECT, false));
        assertThat(redirect.redirectsClients()).isTrue();
        assertThat(redirect.steps().get(2).conditionText()).isEqualTo("the active address points at the backup; every"
                + " client produces or consumes there within 20s");
        assertThat(moved.redirectsClients()).isFalse();
        assertThat(moved.clientFailover()).get().extracting(Step.Failover::clients).isEqualTo(ClientsMode.MOVE);
        assertThat(load("minimal").clientFailover()).isEmpty();
    }

    @Test
    void theDisasterIsTheLastFaultBeforeTheFirstFailover() {
        Scenario scenario = load("every-step");

        assertThat(scenario.disasterStep()).get().extracting(Step::index, Step::line).containsExactly(7, 54);
    }

    @Test
    void everySectionBesidesTheStepsReadsAsWritten() {
        Scenario scenario = load("every-step");

        Map<String, String> config = new LinkedHashMap<>();
        config.put("log.retention.ms", "600000");
        config.put("auto.create.topics.enable", "false");
        config.put("num.io.threads", "2");
        assertThat(scenario.name()).isEqualTo("every-step");
        assertThat(scenario.description()).isEqualTo("Every step type once, in an order that makes sense.");
        assertThat(scenario.tags()).containsExactly("smoke", "nightly", "dr");
        assertThat(scenario.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(scenario.detection()).isEqualTo(new Detection(Duration.ofSeconds(5), Duration.ofMillis(500)));
        assertThat(scenario.primary()).isEqualTo(new ClusterSetup(ClusterRole.PRIMARY, 3, config));
        assertThat(scenario.primary().config().keySet()).containsExactly("log.retention.ms", "auto.create.topics.enable", "num.io.threads");
        assertThat(scenario.backup()).isEqualTo(new ClusterSetup(ClusterRole.BACKUP, 2, Map.of()));
        assertThat(scenario.topics()).containsExactly(
                new TopicSpec("orders", 6, 3, OptionalInt.of(2), true),
                new TopicSpec("clickstream", 1, 3, OptionalInt.empty(), false));
        assertThat(scenario.replication()).isEqualTo(new Replication(ReplicationEngineKind.MIRRORMAKER2,
                ReplicationPolicy.PREFIXED, "ord.*", "billing", false));
        assertThat(scenario.replicatedTopics()).extracting(TopicSpec::name).containsExactly("orders");
        assertThat(scenario.replication().remoteTopicName(ClusterRole.PRIMARY, "orders")).isEqualTo("primary.orders");
        assertThat(scenario.replication().syncsGroup("billing")).isFalse();
        assertThat(scenario.traffic().producers()).containsExactly(
                new ProducerSpec("orders", 500, 1000, 512, Acks.ALL, true, true, 0),
                new ProducerSpec("clickstream", 200, 100, 256, Acks.ONE, false, false, 0),
                new ProducerSpec("clickstream", 200, 100, 256, Acks.ZERO, false, false, 0),
                new ProducerSpec("orders", 200, 100, 256, Acks.ALL, true, false, 0));
        assertThat(scenario.expect()).isEqualTo(new Expectations(OptionalLong.of(0), Optional.of(Duration.ofSeconds(2)),
                Optional.of(Duration.ofSeconds(30)), OptionalLong.of(5000), 10, OrderExpectation.NONE, true, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()));
    }

    @Test
    void everyFaultTypeAndTargetReadsWithItsAttributesAndDefaults() {
        Scenario scenario = load("every-fault");
        Target primary = new Target.Cluster(ClusterRole.PRIMARY);
        Target backup = new Target.Cluster(ClusterRole.BACKUP);
        Target clientsToPrimary = new Target.ClientLink(ClusterRole.PRIMARY);

        List<Step.Fault> faults = scenario.steps().stream().filter(Step.Fault.class::isInstance).map(Step.Fault.class::cast).toList();

        assertThat(faults).extracting(Step.Fault::type).contains(FaultType.values());
        assertThat(faults).extracting(Step.Fault::target).contains(primary, backup, new Target.Broker(ClusterRole.PRIMARY, 0),
                new Target.Broker(ClusterRole.PRIMARY, 1), new Target.Broker(ClusterRole.BACKUP, 0), Target.REPLICATION_LINK,
                clientsToPrimary, new Target.ClientLink(ClusterRole.BACKUP), Target.MIRRORMAKER, new Target.Application("copier"));
        assertThat(faults).extracting(f -> f.type().keyword() + " " + f.target().text() + " " + f.attributes() + " "
                        + f.duration().map(Durations::format).orElse("-") + " " + f.direction().keyword() + " " + f.toxicity())
                .containsExactly(
                        "latency replication-link {LATENCY=300, JITTER=0} - both 1.0",
                        "latency clients->primary {LATENCY=1000, JITTER=250} - upstream 0.5",
                        "bandwidth clients->backup {RATE=64} - downstream 1.0",
                        "timeout primary {TIMEOUT=0} - both 1.0",
                        "timeout backup {TIMEOUT=5000} - both 0.0",
                        "reset-peer primary/broker-1 {TIMEOUT=0} - both 0.25",
                        "reset-peer backup/broker-0 {TIMEOUT=100} - both 1.0",
                        "slow-close replication-link {DELAY=2000} - both 1.0",
                        "slicer clients->primary {AVERAGE_SIZE=64, SIZE_VARIATION=0, DELAY=0} - both 1.0",
                        "slicer clients->primary {AVERAGE_SIZE=128, SIZE_VARIATION=32, DELAY=10} - both 1.0",
                        "limit-data replication-link {BYTES=0} - both 1.0",
                        "partition replication-link {} - both 1.0",
                        "partition backup {} 2m both 1.0",
                        "broker-kill primary/broker-0 {} - both 1.0",
                        "broker-pause backup {} 250ms both 1.0",
                        "broker-restart primary {} - both 1.0",
                        "cluster-outage backup {} - both 1.0",
                        "mirrormaker-kill mirrormaker {} - both 1.0",
                        "mirrormaker-restart mirrormaker {} 1h both 1.0",
                        "application-kill application/copier {} 2s both 1.0",
                        "application-restart application/copier {} - both 1.0",
                        "application-pause application/copier {} - both 1.0",
                        "power-loss primary/broker-1 {} 5s both 1.0",
                        "power-loss backup {} - both 1.0",
                        "disk-full backup/broker-0 {} - both 1.0",
                        "log-dir-failure primary {} - both 1.0",
                        "clock-skew primary/broker-0 {OFFSET=30000} - both 1.0",
                        "clock-skew mirrormaker {OFFSET=120000} - both 1.0");
        assertThat(faults.get(9).attribute(FaultAttribute.SIZE_VARIATION)).isEqualTo(32);
        assertThat(scenario.disasterStep()).isEmpty();
    }

    @Test
    void anchorsAliasesAndMergeKeysShareSettings() {
        Scenario scenario = load("anchors");

        assertThat(scenario.primary().brokers()).isEqualTo(2);
        assertThat(scenario.backup().brokers()).isEqualTo(1);
        assertThat(scenario.topics()).containsExactly(
                new TopicSpec("orders", 2, 2, OptionalInt.empty(), true),
                new TopicSpec("payments", 2, 2, OptionalInt.empty(), true));
        assertThat(scenario.traffic().producers()).containsExactly(
                new ProducerSpec("orders", 100, 10, 256, Acks.ALL, true, false, 0),
                new ProducerSpec("payments", 50, 10, 256, Acks.ALL, true, false, 0),
                new ProducerSpec("payments", 1000, 10, 256, Acks.ALL, true, false, 0));
    }

    @Test
    void aScenarioParsedFromTextIsTheSameAsFromItsFile() {
        ScenarioFile fromText = ScenarioParser.parse("every-step.yaml", text("every-step"));

        assertThat(fromText.orThrow()).isEqualTo(load("every-step"));
    }

    private static StepSource source(int index, int line, String text) {
        return new StepSource(index, line, 5, text);
    }

    private static Map<FaultAttribute, Long> attributes(FaultAttribute first, long firstValue, FaultAttribute second, long secondValue) {
        Map<FaultAttribute, Long> attributes = new EnumMap<>(FaultAttribute.class);
        attributes.put(first, firstValue);
        attributes.put(second, secondValue);
        return attributes;
    }

    private static String text(String name) {
        try {
            return java.nio.file.Files.readString(VALID.resolve(name + ".yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
