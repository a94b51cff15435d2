package io.firedrill.drill;

import io.firedrill.cluster.ClusterBackend;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.fault.HostFaultSupport;
import io.firedrill.scenario.FaultType;
import io.firedrill.scenario.Keyword;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.support.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Power, disk and clock faults need brokers Firedrill owns: other backends refuse them before anything starts. */
class HostFaultRefusalTest {

    /** What the testcontainers and external backends say of themselves. */
    private static final ClusterBackend FOREIGN_BROKERS = new ClusterBackend() {
        @Override
        public String name() {
            return "external";
        }

        @Override
        public KafkaCluster start(ClusterSpec spec) {
            throw new AssertionError("a refused drill starts nothing");
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"power-loss", "disk-full", "log-dir-failure", "clock-skew"})
    void aBackendThatDoesNotOwnItsBrokersRefusesTheFaultNamingTheStep(String type) {
        Scenario scenario = scenario(type);

        assertThatThrownBy(() -> DrillSite.refuseHostFaultsItCannotInject(scenario, FOREIGN_BROKERS))
                .isInstanceOf(BadInputException.class)
                .hasMessage("host: step 2 (line 14) is a " + type + " fault, but the external backend does not own the"
                        + " disk, power or clock of its brokers; use the process backend");
    }

    @Test
    void mirrorMakersClockCanBeSkewedWhateverRunsTheBrokersForMirrorMakerIsAlwaysTheHarnessesChild() {
        assumeThat(HostFaultSupport.missing(FaultType.CLOCK_SKEW)).as("this machine carries clock-skew").isEmpty();
        Scenario scenario = ScenarioParser.parse("host.yaml", yaml("clock-skew").replace("primary/broker-0", "mirrormaker")).orThrow();

        assertThatCode(() -> DrillSite.refuseHostFaultsItCannotInject(scenario, FOREIGN_BROKERS)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"power-loss", "disk-full", "log-dir-failure", "clock-skew"})
    void theProcessBackendTakesTheFaultWhereTheMachineCarriesIt(String type) {
        assumeThat(HostFaultSupport.missing(Keyword.parse(FaultType.class, type).orElseThrow()))
                .as("this machine carries %s", type).isEmpty();

        assertThatCode(() -> DrillSite.refuseHostFaultsItCannotInject(scenario(type), new ProcessClusterBackend()))
                .doesNotThrowAnyException();
    }

    private static Scenario scenario(String type) {
        return ScenarioParser.parse("host.yaml", yaml(type)).orThrow();
    }

    private static String yaml(String type) {
        return """
                name: host
                description: One host fault.
                clusters:
                  primary: { brokers: 1 }
                  backup: { brokers: 1 }
                topics:
                  - name: orders
                replication:
                  engine: mirrormaker2
                traffic:
                  - producer: { topic: orders }
                steps:
                  - run: 1s
                  - fault: { type: %s, target: primary/broker-0%s }
                """.formatted(type, type.equals("clock-skew") ? ", offset: 30s" : "");
    }
}
