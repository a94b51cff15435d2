package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.kafka.KafkaVersion;
import io.firedrill.kafka.KafkaVersions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The drill library in scenarios/: every file valid, the CI selection small and short. */
class LibraryScenariosTest {

    private static final Path LIBRARY = Path.of("scenarios");

    @TestFactory
    Stream<DynamicTest> everyLibraryScenarioIsValid() {
        return ScenarioLibrary.files(LIBRARY).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> assertThat(ScenarioValidator.validate(file)).isEmpty()));
    }

    @Test
    void theLibraryHoldsTheDrills() {
        assertThat(ScenarioLibrary.list(LIBRARY)).extracting(ScenarioLibrary.Entry::name).containsExactly(
                "application-failover-kcat", "at-least-once-replication", "bandwidth-starved-replication", "broker-kill-in-cluster",
                "disk-full-backup", "exactly-once-replication", "failback-to-rebuilt-primary", "flapping-network", "kafka-defaults-failover",
                "log-dir-failure-rf1", "log-dir-failure-rf3", "mid-drill-topic", "mirrormaker-clock-skew", "mirrormaker-crash",
                "mixed-kafka-versions",
                "power-loss-acks-1", "power-loss-acks-all",
                "primary-outage", "redirect-failover-applications", "redirect-failover-without-rebootstrap",
                "redirect-failover", "replication-at-load", "replication-link-latency", "replication-link-partition",
                "restore-from-backup-storage", "unclean-election");
    }

    @Test
    void aKnownFindingIsANightlyDrillThatFailsOnPurposeAndSaysSo() {
        List<Scenario> findings = scenarios().stream().filter(s -> s.hasTag(ScenarioLibrary.KNOWN_FINDING)).toList();

        assertThat(findings).extracting(Scenario::name).containsExactly("application-failover-kcat", "at-least-once-replication",
                "log-dir-failure-rf1", "mid-drill-topic", "power-loss-acks-1", "redirect-failover-applications",
                "redirect-failover-without-rebootstrap", "unclean-election");
        assertThat(findings).allSatisfy(s -> {
            assertThat(s.tags()).contains("nightly").doesNotContain("smoke");
            assertThat(s.description()).startsWith("Known finding:");
        });
    }

    @Test
    void bothClientModesAreInTheLibraryWithAndWithoutRebootstrap() {
        List<Step.Failover> failovers = scenarios().stream().flatMap(s -> s.clientFailover().stream()).toList();

        assertThat(failovers).extracting(Step.Failover::clients).contains(ClientsMode.values());
        assertThat(failovers).filteredOn(f -> f.clients() == ClientsMode.REDIRECT).extracting(Step.Failover::rebootstrap)
                .containsExactlyInAnyOrder(true, false, true);
    }

    @Test
    void oneDrillFlipsTheAddressUnderEveryKindOfApplication() {
        Scenario drill = ScenarioParser.load(LIBRARY.resolve("redirect-failover-applications.yaml"));

        assertThat(drill.redirectsClients()).isTrue();
        assertThat(drill.applications()).extracting(ApplicationSpec::name).containsExactly("java-rebootstrap",
                "java-without-rebootstrap", "streams", "kcat-pipeline", "kcat-stay-up", "kcat-restarted");
        assertThat(drill.applications()).extracting(application -> application.env().get("FIREDRILL_KAFKA_METADATA_RECOVERY_STRATEGY"))
                .containsExactly("rebootstrap", "none", null, null, null, null);
        assertThat(drill.applications().get(2).command()).containsExactly("harness/bin/reference-app", "streams");
        // distinct topics and groups: one application's output is never another's input
        assertThat(drill.applications()).flatExtracting(ApplicationSpec::input, ApplicationSpec::output).doesNotHaveDuplicates();
        assertThat(drill.applications()).extracting(ApplicationSpec::group).doesNotHaveDuplicates();
    }

    @Test
    void nightlyDrillsRunMirrorMakerAtKafkasDefaultsTheOthersPinTheTunedProfile() {
        List<Scenario> library = ScenarioLibrary.files(LIBRARY).stream().map(ScenarioParser::load).toList();
        List<Scenario> defaults = library.stream()
                .filter(s -> s.replication().mirrorMaker().profile() == MirrorMakerProfile.KAFKA_DEFAULTS).toList();

        // the exactly-once pair needs Kafka's 60 s offset flush and groups reading the backup's copy from its start
        assertThat(defaults).extracting(Scenario::name).containsExactly("at-least-once-replication", "exactly-once-replication",
                "kafka-defaults-failover", "mid-drill-topic");
        assertThat(defaults.get(3).topics()).filteredOn(topic -> topic.createAfter().isPresent()).singleElement()
                .extracting(TopicSpec::name).isEqualTo("refunds");
        assertThat(defaults.subList(0, 3)).allSatisfy(s -> {
                    assertThat(s.tags()).contains("nightly");
                    assertThat(s.steps()).filteredOn(Step.Failover.class::isInstance).singleElement()
                            .extracting(step -> ((Step.Failover) step).offsets()).isEqualTo(FailoverOffsets.MIRRORMAKER_SYNCED);
                });
    }

    @Test
    void theExactlyOnceDrillAndItsAtLeastOnceTwinDifferOnlyInExactlyOnceAndTheKnownFinding() {
        Scenario exactlyOnce = ScenarioParser.load(LIBRARY.resolve("exactly-once-replication.yaml"));
        Scenario atLeastOnce = ScenarioParser.load(LIBRARY.resolve("at-least-once-replication.yaml"));

        assertThat(exactlyOnce.replication().mirrorMaker().exactlyOnce()).isTrue();
        assertThat(atLeastOnce.replication().mirrorMaker().exactlyOnce()).isFalse();
        assertThat(atLeastOnce.steps()).isEqualTo(exactlyOnce.steps());
        assertThat(atLeastOnce.expect()).isEqualTo(exactlyOnce.expect());
        assertThat(exactlyOnce.traffic().producers()).allSatisfy(p -> assertThat(p.transactional()).isTrue());
        assertThat(exactlyOnce.expect().sameClusterDuplicates()).hasValue(0);
        assertThat(exactlyOnce.expect().splitTransactions()).hasValue(0);
        assertThat(exactlyOnce.expect().abortedReads()).hasValue(0);
    }

    @Test
    void hostFaultDrillsComeInPairsAndTheFailingHalfBoundsTheLossItShows() {
        assertThat(List.of("log-dir-failure-rf1", "power-loss-acks-1")).allSatisfy(name ->
                assertThat(ScenarioParser.load(LIBRARY.resolve(name + ".yaml")).expect().lostAckedRecords()).hasValue(0));
        assertThat(ScenarioParser.load(LIBRARY.resolve("power-loss-acks-all.yaml")).traffic().producers())
                .allSatisfy(p -> assertThat(p.acks()).isEqualTo(Acks.ALL));
        assertThat(ScenarioParser.load(LIBRARY.resolve("power-loss-acks-1.yaml")).traffic().producers())
                .allSatisfy(p -> assertThat(p.acks()).isEqualTo(Acks.ONE));
    }

    @Test
    void theOverloadDrillStaysOutOfTheNightlyLibraryAndIsValid() {
        Path overload = LIBRARY.resolve("load").resolve("replication-overload-20k.yaml");
        assertThat(ScenarioValidator.validate(overload)).isEmpty();
        Scenario scenario = ScenarioParser.load(overload);
        assertThat(scenario.traffic().producers()).extracting(ProducerSpec::rate).containsExactly(10_000, 10_000);
        assertThat(scenario.topics()).singleElement().extracting(TopicSpec::partitions).isEqualTo(48);
    }

    @Test
    void twoOrThreeShortDrillsRunOnEveryBuildTheRestNightly() {
        List<Scenario> library = scenarios();
        List<Scenario> smoke = library.stream().filter(s -> s.hasTag("smoke")).toList();

        assertThat(smoke).hasSizeBetween(2, 3).extracting(Scenario::name).contains("primary-outage");
        assertThat(library).allSatisfy(s -> assertThat(s.tags()).containsAnyOf("smoke", "nightly"));
        assertThat(smoke).allSatisfy(s -> assertThat(trafficWindow(s)).isLessThanOrEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void primaryOutageWalksTheSeedFlowInAboutEightSecondsOfTraffic() {
        Scenario outage = ScenarioParser.load(LIBRARY.resolve("primary-outage.yaml"));

        assertThat(trafficWindow(outage)).isEqualTo(Duration.ofSeconds(8));
        assertThat(outage.steps()).extracting(Step::keyword).containsSubsequence(
                "await", "run", "fault", "await", "failover", "restore", "await", "failback", "run");
        assertThat(outage.disasterStep()).get().extracting(Step.Fault::type).isEqualTo(FaultType.CLUSTER_OUTAGE);
        assertThat(outage.steps()).filteredOn(Step.Restore.class::isInstance).singleElement()
                .extracting(step -> ((Step.Restore) step).from()).isEqualTo(RestoreSource.BACKUP);
    }

    @Test
    void theLibraryExercisesBothPoliciesBothRestoreSourcesAndManyFaultTypes() {
        List<Scenario> library = scenarios();
        List<Step> steps = library.stream().flatMap(s -> s.steps().stream()).toList();

        assertThat(library).extracting(s -> s.replication().policy()).contains(ReplicationPolicy.values());
        assertThat(steps).filteredOn(Step.Restore.class::isInstance).extracting(s -> ((Step.Restore) s).from())
                .contains(RestoreSource.values());
        assertThat(steps).filteredOn(Step.Fault.class::isInstance).extracting(s -> ((Step.Fault) s).type())
                .contains(FaultType.LATENCY, FaultType.PARTITION, FaultType.BROKER_KILL, FaultType.MIRRORMAKER_KILL,
                        FaultType.MIRRORMAKER_RESTART, FaultType.RESET_PEER, FaultType.BANDWIDTH, FaultType.CLUSTER_OUTAGE,
                        FaultType.POWER_LOSS, FaultType.DISK_FULL, FaultType.LOG_DIR_FAILURE);
    }

    @Test
    void oneSmokeDrillMixesKafkaVersionsAcrossClustersAndMirrorMakerTheOnlyOtherVersionOfEveryBuild() {
        Scenario mixed = ScenarioParser.load(LIBRARY.resolve("mixed-kafka-versions.yaml"));

        assertThat(mixed.kafkaVersions()).isEqualTo(new KafkaVersions(KafkaVersion.parse("3.9.1"), KafkaVersion.HARNESS,
                KafkaVersion.parse("3.9.1")));
        assertThat(mixed.tags()).containsExactly("smoke");
        assertThat(scenarios()).filteredOn(s -> s != null && !s.name().equals("mixed-kafka-versions"))
                .allSatisfy(s -> assertThat(s.kafkaVersions()).isEqualTo(KafkaVersions.all(KafkaVersion.HARNESS)));
    }

    @Test
    void aMatrixCellRunsBothClustersAndMirrorMakerOnItsVersionUnderItsOwnName() {
        Scenario mixed = ScenarioParser.load(LIBRARY.resolve("mixed-kafka-versions.yaml"));

        Scenario cell = mixed.onKafka(KafkaVersion.parse("4.1.1"));

        assertThat(cell.name()).isEqualTo("mixed-kafka-versions@kafka-4.1.1");
        assertThat(cell.kafkaVersions()).isEqualTo(KafkaVersions.all(KafkaVersion.parse("4.1.1")));
        assertThat(cell.steps()).isEqualTo(mixed.steps());
        assertThat(cell.primary().brokers()).isEqualTo(mixed.primary().brokers());
    }

    @Test
    void theLibraryPutsATeamsOwnApplicationThroughAKillAndAFailover() {
        Scenario kcat = ScenarioParser.load(LIBRARY.resolve("application-failover-kcat.yaml"));

        assertThat(kcat.applications()).singleElement().satisfies(application -> {
            assertThat(application.command()).startsWith("sh", "-c");
            assertThat(application.command().get(2)).contains("kcat -C", "| kcat -P");
            assertThat(application.policy()).isEqualTo(ApplicationPolicy.IDENTITY);
        });
        assertThat(kcat.steps()).filteredOn(Step.Fault.class::isInstance).extracting(step -> ((Step.Fault) step).type())
                .containsExactly(FaultType.APPLICATION_KILL, FaultType.CLUSTER_OUTAGE);
        assertThat(kcat.steps()).extracting(Step::keyword).contains("failover");
    }

    private static List<Scenario> scenarios() {
        return ScenarioLibrary.read(LIBRARY).stream().map(ScenarioFile::orThrow).toList();
    }

    /** How long the drill's run steps let traffic flow. */
    private static Duration trafficWindow(Scenario scenario) {
        return scenario.steps().stream().filter(Step.Run.class::isInstance).map(step -> ((Step.Run) step).duration())
                .reduce(Duration.ZERO, Duration::plus);
    }
}
