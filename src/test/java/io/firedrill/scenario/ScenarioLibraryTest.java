package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLibraryTest {

    private static final Path MINIMAL = Path.of("src/test/resources/valid-scenarios/minimal.yaml");

    @TempDir
    Path dir;

    @Test
    void listsEveryYamlFileByNameValidOrNot() throws IOException {
        Files.copy(MINIMAL, dir.resolve("minimal.yaml"));
        Files.writeString(dir.resolve("broken.yaml"), "name: broken\n");
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");
        Files.createDirectory(dir.resolve("nested.yaml"));

        List<ScenarioLibrary.Entry> entries = ScenarioLibrary.list(dir);

        assertThat(entries).extracting(ScenarioLibrary.Entry::name).containsExactly("broken", "minimal");
        ScenarioLibrary.Entry broken = entries.get(0);
        assertThat(broken.valid()).isFalse();
        assertThat(broken.problems()).hasSize(6);
        assertThat(broken.tags()).isEmpty();
        ScenarioLibrary.Entry minimal = entries.get(1);
        assertThat(minimal.valid()).isTrue();
        assertThat(minimal.description()).isEqualTo("The smallest valid scenario.");
        assertThat(minimal.tags()).containsExactly("nightly");
        assertThat(minimal.severity()).isEqualTo(Severity.NORMAL);
        assertThat(minimal.file()).isEqualTo(dir.resolve("minimal.yaml"));
    }

    @Test
    void readGivesEveryFileParsed() throws IOException {
        Files.copy(MINIMAL, dir.resolve("minimal.yaml"));

        assertThat(ScenarioLibrary.read(dir)).singleElement().satisfies(file -> assertThat(file.valid()).isTrue());
    }

    @Test
    void aMissingDirectoryIsAnError() {
        Path missing = dir.resolve("absent");

        assertThatThrownBy(() -> ScenarioLibrary.list(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot list scenarios in " + missing);
    }

    @Test
    void tagsSelectScenariosAndAllSelectsEverything() {
        Scenario nightly = ScenarioParser.load(MINIMAL);

        assertThat(ScenarioLibrary.selected(nightly, List.of("smoke"))).isFalse();
        assertThat(ScenarioLibrary.selected(nightly, List.of("smoke", "nightly"))).isTrue();
        assertThat(ScenarioLibrary.selected(nightly, List.of(ScenarioLibrary.ALL_TAGS))).isTrue();
    }
}
