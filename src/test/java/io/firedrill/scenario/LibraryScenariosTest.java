package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theLibraryHoldsTheTwelveDrills() {
        assertThat(ScenarioLibrary.list(LIBRARY)).extracting(ScenarioLibrary.Entry::name).containsExactly(
                "bandwidth-starved-replication", "broker-kill-in-cluster", "failback-to-rebuilt-primary",
                "flapping-network", "mirrormaker-crash", "primary-outage", "redirect-failover-without-rebootstrap",
                "redirect-failover", "replication-at-load", "replication-link-latency", "replication-link-partition",
                "restore-from-backup-storage");
    }

    @Test
    void aKnownFindingIsANightlyDrillThatFailsOnPurposeAndSaysSo() {
        List<Scenario> findings = scenarios().stream().filter(s -> s.hasTag(ScenarioLibrary.KNOWN_FINDING)).toList();

        assertThat(findings).extracting(Scenario::name).containsExactly("redirect-failover-without-rebootstrap");
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
                .containsExactlyInAnyOrder(true, false);
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
                        FaultType.MIRRORMAKER_RESTART, FaultType.RESET_PEER, FaultType.BANDWIDTH, FaultType.CLUSTER_OUTAGE);
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
