package io.firedrill.traffic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void producerDefaultsAreTheScenarioFileDefaults() {
        ProducerSettings settings = ProducerSettings.of("orders-1", "orders");

        assertThat(settings.ratePerSecond()).isEqualTo(200);
        assertThat(settings.keys()).isEqualTo(100);
        assertThat(settings.recordSize()).isEqualTo(256);
        assertThat(settings.acks()).isEqualTo(ProducerSettings.Acks.ALL);
        assertThat(settings.idempotent()).isTrue();
        assertThat(settings.transactional()).isFalse();
    }

    @Test
    void impossibleProducersAreRefusedWithOneLineSayingWhatToChange() {
        ProducerSettings base = ProducerSettings.of("p", "orders");

        assertThatThrownBy(() -> base.withDelivery(ProducerSettings.Acks.ONE, true))
                .hasMessage("producer p: idempotent producers need acks all, got acks 1; set idempotent: false or acks: all");
        assertThatThrownBy(() -> base.withRecordSize(20))
                .hasMessage("producer p: record-size 20 is below the 36 bytes of the traffic record header; use record-size >= 36");
        assertThatThrownBy(() -> base.withRate(0)).hasMessage("producer p: rate must be above 0 records/s, got 0.0");
        assertThatThrownBy(() -> base.withKeys(0)).hasMessage("producer p: keys must be at least 1, got 0");
        assertThatThrownBy(() -> base.withDelivery(ProducerSettings.Acks.ZERO, false).withTransactions(null))
                .hasMessage("producer p: transactional producers are idempotent; set idempotent: true");
        assertThatThrownBy(() -> ProducerSettings.Acks.parse("2")).hasMessage("acks must be all, 1 or 0, got 2");
        assertThat(ProducerSettings.Acks.parse("-1")).isEqualTo(ProducerSettings.Acks.ALL);
    }

    @Test
    void clusterPropertiesWinOverDrillPropertiesWhichWinOverDefaults() {
        ClusterEndpoint endpoint = ClusterEndpoint.of("backup", "127.0.0.1:9093")
                .withClientProperties(Map.of("security.protocol", "SSL", "bootstrap.servers", "ignored:1"))
                .withTopicNames(Map.of("orders", "primary.orders"));

        Map<String, Object> config = endpoint.clientConfig(Map.of("linger.ms", 5, "security.protocol", "PLAINTEXT"),
                Map.of("linger.ms", "20"));

        assertThat(config).containsEntry("linger.ms", "20").containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "127.0.0.1:9093");
        assertThat(endpoint.topic("orders")).isEqualTo("primary.orders");
        assertThat(endpoint.topic("payments")).isEqualTo("payments");
    }

    @Test
    void aGroupReadsAtLeastOneTopic() {
        assertThatThrownBy(() -> ConsumerGroupSettings.of("billing"))
                .hasMessage("consumer group billing reads no topic; give it at least one");
        assertThat(ConsumerGroupSettings.of("billing", "orders").commitInterval()).hasMillis(250);
    }
}
