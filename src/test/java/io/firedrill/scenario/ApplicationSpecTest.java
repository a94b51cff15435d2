package io.firedrill.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationSpecTest {

    @Test
    void applicationsReadWithTheirDefaultsAndTemplatedEnvironment() {
        Scenario scenario = ScenarioParser.load(Path.of("src/test/resources/valid-scenarios/with-applications.yaml"));

        ApplicationSpec java = scenario.applications().get(0);
        ApplicationSpec pipeline = scenario.applications().get(1);
        assertThat(java.command()).containsExactly("java", "-cp", "app.jar", "com.example.PassThrough");
        assertThat(java.group()).isEqualTo("passthrough");
        assertThat(java.ready()).isEqualTo(new ApplicationReadiness.GroupMember(Duration.ofSeconds(30)));
        assertThat(java.rate()).isEqualTo(100);
        assertThat(pipeline.command()).hasSize(3).startsWith("sh", "-c");
        assertThat(pipeline.ready()).isInstanceOf(ApplicationReadiness.Http.class);
        assertThat(pipeline.rate()).isEqualTo(ApplicationSpec.DEFAULT_RATE);
        assertThat(scenario.applicationTopics()).containsExactly("app-in", "app-out", "pipe-in", "pipe-out");

        assertThat(java.environment("127.0.0.1:9092")).containsExactly(
                Map.entry("FIREDRILL_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                Map.entry("FIREDRILL_INPUT_TOPIC", "app-in"),
                Map.entry("FIREDRILL_OUTPUT_TOPIC", "app-out"),
                Map.entry("FIREDRILL_GROUP", "passthrough"),
                Map.entry("KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                Map.entry("CLIENT_ID", "passthrough-passthrough"));
        assertThat(scenario.steps()).filteredOn(Step.Fault.class::isInstance).extracting(step -> ((Step.Fault) step).family())
                .containsOnly(Optional.of(FaultFamily.APPLICATION));
        assertThat(List.of(FaultType.APPLICATION_KILL, FaultType.APPLICATION_PAUSE)).allMatch(type -> type.accepts(java.target()));
    }
}
