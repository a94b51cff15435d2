package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
    void theLibraryHoldsTheNineDrills() {
        assertThat(ScenarioLibrary.list(LIBRARY)).extracting(ScenarioLibrary.Entry::name).containsExactly(
                "bandwidth-starved-replication", "broker-kill-in-cluster", "failback-to-rebuilt-primary",
                "flapping-network", "mirrormaker-crash", "primary-outage", "replication-link-latency",
                "replication-link-partition", "restore-from-backup-storage");
    }
}
