package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replication.mirrormaker}: the team's MirrorMaker 2 file or map, checked against MirrorMaker's ConfigDefs. */
class MirrorMakerSetupTest {

    private static final String SCENARIO = """
            name: team
            description: The team's MirrorMaker settings.
            clusters: { primary: { brokers: 1 }, backup: { brokers: 1 } }
            topics: [ { name: orders } ]
            replication:
              engine: mirrormaker2
              mirrormaker: { config: CONFIG }
            traffic: [ { producer: { topic: orders } } ]
            steps: [ { run: 1s } ]
            """;

    @TempDir
    Path dir;

    @Test
    void theTeamsFileIsReadRelativeToTheScenarioInFileOrderAndUnknownKeysOnlyWarn() {
        Scenario scenario = ScenarioParser.load(Path.of("src/test/resources/valid-scenarios/team-mirrormaker.yaml"));

        MirrorMakerSetup setup = scenario.replication().mirrorMaker();
        assertThat(setup.profile()).isEqualTo(MirrorMakerProfile.KAFKA_DEFAULTS);
        assertThat(setup.source()).isEqualTo("mm2-team.properties");
        assertThat(setup.properties()).containsEntry("sync.group.offsets.interval.seconds", "30")
                .containsEntry("primary->backup.enabled", "true");
        assertThat(setup.properties().keySet()).startsWith("primary->backup.enabled", "emit.checkpoints.interval.seconds");
        assertThat(setup.warnings()).containsExactly("src/test/resources/valid-scenarios/mm2-team.properties:10:1: warning:"
                + " 'emit.checkpoint.interval.seconds' is not a MirrorMaker 2 property, MirrorMaker ignores it;"
                + " did you mean 'emit.checkpoints.interval.seconds'?");
        assertThat(scenario.steps().get(4)).isInstanceOfSatisfying(Step.Failover.class,
                failover -> assertThat(failover.offsets()).isEqualTo(FailoverOffsets.CHECKPOINTS));
    }

    @Test
    void withoutSettingsADrillRunsKafkasDefaultsAndFailsOverToWhatMirrorMakerSynced() {
        Scenario scenario = ScenarioParser.load(Path.of("src/test/resources/valid-scenarios/minimal.yaml"));

        assertThat(scenario.replication().mirrorMaker()).isEqualTo(MirrorMakerSetup.DEFAULT);
        assertThat(MirrorMakerSetup.DEFAULT.profile()).isEqualTo(MirrorMakerProfile.KAFKA_DEFAULTS);
        assertThat(FailoverOffsets.DEFAULT).isEqualTo(FailoverOffsets.MIRRORMAKER_SYNCED);
    }

    @Test
    void problemsInTheTeamsFileAreReportedAtItsOwnLineAndColumn() throws IOException {
        Path properties = Files.writeString(dir.resolve("mm2.properties"), """
                # ours
                clusters = east, west
                offset.lag.max=lots
                  primary.consumer.max.poll.records : 500
                """);
        Path scenario = Files.writeString(dir.resolve("team.yaml"), SCENARIO.replace("CONFIG", "mm2.properties"));

        ScenarioFile read = ScenarioParser.parse(scenario);

        assertThat(read.problems()).extracting(Problem::toString).containsExactly(
                properties + ":2:1: 'clusters' is set by Firedrill: a drill replicates between its own clusters 'primary'"
                        + " and 'backup'; remove 'clusters' and prefix cluster settings with primary. or backup.",
                properties + ":3:16: 'offset.lag.max': Invalid value lots for configuration offset.lag.max: Not a number of type LONG");
    }

    @Test
    void anUnreadableFileIsAProblemNamingIt() throws IOException {
        Path scenario = Files.writeString(dir.resolve("team.yaml"), SCENARIO.replace("CONFIG", "conf/mm2.properties"));

        ScenarioFile read = ScenarioParser.parse(scenario);

        assertThat(read.problems()).extracting(Problem::toString).containsExactly(scenario + ":7:26: cannot read the"
                + " MirrorMaker config " + dir.resolve("conf/mm2.properties") + " (relative to the scenario file): no such file");
    }

    @Test
    void aSecretValueMirrorMakerRefusesIsNotEchoed() throws IOException {
        Path scenario = Files.writeString(dir.resolve("team.yaml"), SCENARIO.replace("{ config: CONFIG }",
                "{ config: { primary.sasl.jaas.config: 12, backup.ssl.key.password: [ hunter2 ] } }"));

        ScenarioFile read = ScenarioParser.parse(scenario);

        assertThat(read.problems()).extracting(Problem::message).noneMatch(message -> message.contains("hunter2"));
        assertThat(read.problems()).hasSize(1);
    }

    @Test
    void exactlyOnceIsOffByDefaultAndReadWhenAsked() throws IOException {
        Path on = Files.writeString(dir.resolve("team.yaml"), SCENARIO.replace("{ config: CONFIG }", "{ exactly-once: true }"));

        assertThat(ScenarioParser.load(on).replication().mirrorMaker().exactlyOnce()).isTrue();
        assertThat(MirrorMakerSetup.DEFAULT.exactlyOnce()).isFalse();
    }

    @Test
    void teamKeysThatWouldUndoExactlyOnceAreProblemsAtTheirValue() throws IOException {
        Path properties = Files.writeString(dir.resolve("mm2.properties"), """
                primary.consumer.isolation.level=read_uncommitted
                backup.exactly.once.source.support = preparing
                primary.consumer.max.poll.records=500
                """);
        Path scenario = Files.writeString(dir.resolve("team.yaml"), SCENARIO.replace("{ config: CONFIG }",
                "{ config: mm2.properties, exactly-once: true }"));
        assertThat(ScenarioParser.parse(scenario).problems()).extracting(Problem::toString).containsExactly(
                properties + ":1:34: 'primary.consumer.isolation.level' is read_uncommitted but replication.mirrormaker.exactly-once"
                        + " is true, which needs read_committed there; remove the key (Firedrill sets it) or set exactly-once: false",
                properties + ":2:38: 'backup.exactly.once.source.support' is preparing but replication.mirrormaker.exactly-once"
                        + " is true, which needs enabled there; remove the key (Firedrill sets it) or set exactly-once: false");
        Files.writeString(scenario, SCENARIO.replace("CONFIG", "mm2.properties"));
        assertThat(ScenarioParser.parse(scenario).problems()).isEmpty();
    }

    @Test
    void exactlyOnceTakesOnlyABoolean() throws IOException {
        Path scenario = Files.writeString(dir.resolve("team.yaml"), SCENARIO.replace("{ config: CONFIG }", "{ exactly-once: yes please }"));

        assertThat(ScenarioParser.parse(scenario).problems()).extracting(Problem::toString).singleElement().asString()
                .isEqualTo(scenario + ":7:32: 'exactly-once' must be true or false, got 'yes please'");
    }
}
