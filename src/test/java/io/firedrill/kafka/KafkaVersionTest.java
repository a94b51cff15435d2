package io.firedrill.kafka;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.process.BrokerProperties;
import io.firedrill.support.HostPort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaVersionTest {

    @Test
    void everySupportedVersionParsesToItselfInReleaseOrder() {
        for (KafkaVersion version : KafkaVersion.SUPPORTED) {
            assertThat(KafkaVersion.parse(version.toString())).isEqualTo(version);
        }
        assertThat(KafkaVersion.SUPPORTED).isSorted().hasSize(9);
        assertThat(KafkaVersion.parse(" 3.9.1 ")).isEqualTo(new KafkaVersion(3, 9, 1));
        assertThat(KafkaVersion.HARNESS).hasToString("4.3.1");
        assertThat(KafkaVersion.HARNESS.isHarness()).isTrue();
        assertThat(KafkaVersion.parse("3.9.1").isHarness()).isFalse();
    }

    @Test
    void anUnservedPatchSuggestsTheReleasesOfItsLine() {
        assertThatThrownBy(() -> KafkaVersion.parse("4.0.1"))
                .isInstanceOf(UnsupportedKafkaVersionException.class)
                .hasMessage("Kafka 4.0.1 is not supported; supported: 3.6.2, 3.7.2, 3.8.1, 3.9.1, 4.0.0, 4.0.2, 4.1.1, 4.2.0, 4.3.1;"
                        + " did you mean 4.0.0 or 4.0.2?");
        assertThatThrownBy(() -> KafkaVersion.parse("3.9.0")).hasMessageEndingWith("did you mean 3.9.1?");
        assertThatThrownBy(() -> KafkaVersion.parse("3.5.1")).hasMessageEndingWith("4.3.1");
        assertThatThrownBy(() -> KafkaVersion.parse("4.4")).hasMessageStartingWith("'4.4' is not a Kafka version like 3.9.1");
    }

    @Test
    void releasesFallIntoTheirLines() {
        assertThat(KafkaVersion.parse("3.6.2").line()).isEqualTo(KafkaLine.KRAFT_3);
        assertThat(KafkaVersion.parse("3.9.1").line()).isEqualTo(KafkaLine.KRAFT_3);
        assertThat(KafkaVersion.parse("4.0.0").line()).isEqualTo(KafkaLine.KRAFT_4);
        assertThat(KafkaVersion.HARNESS.line()).isEqualTo(KafkaLine.KRAFT_4);
    }

    @Test
    void brokersOfA3LineGetNoShareCoordinatorKeysWhile4GetThemSizedForTheCluster() {
        String old = render(ClusterSpec.of("primary", 1).withKafka(KafkaVersion.parse("3.9.1")));
        String current = render(ClusterSpec.of("primary", 3));

        assertThat(old).doesNotContain("share.coordinator").contains("controller.quorum.voters=0@127.0.0.1:9000");
        assertThat(current).contains("share.coordinator.state.topic.replication.factor=3",
                "share.coordinator.state.topic.min.isr=2");
    }

    @Test
    void theGeneratedPomAsksForBrokerMirrorMakerAndTheLoggingBindingOfThatVersion() {
        String pom = MavenResolution.pom(KafkaVersion.parse("3.7.2"));

        assertThat(pom).contains("<artifactId>kafka_2.13</artifactId><version>3.7.2</version>",
                "<artifactId>connect-mirror</artifactId><version>3.7.2</version>",
                "<artifactId>logback-classic</artifactId><version>1.2.13</version>");
    }

    @Test
    void theHarnessVersionRunsFromTheHarnessClasspathWithoutMaven() {
        assertThat(KafkaDistribution.of(KafkaVersion.HARNESS).classpath()).isEqualTo(System.getProperty("java.class.path"));
    }

    private static String render(ClusterSpec spec) {
        List<HostPort> voters = java.util.stream.IntStream.range(0, spec.brokers()).mapToObj(i -> HostPort.loopback(9000 + i)).toList();
        return BrokerProperties.render(spec, 0, voters, Map.of("CONTROLLER", voters.get(0)), Map.of(), "/tmp/data");
    }
}
