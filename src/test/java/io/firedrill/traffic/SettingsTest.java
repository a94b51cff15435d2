package io.firedrill.traffic;

import io.firedrill.scenario.Acks;
import io.firedrill.scenario.ConsumerSpec;
import io.firedrill.scenario.ProducerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
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
        assertThat(settings.acks()).isEqualTo(Acks.ALL);
        assertThat(settings.idempotent()).isTrue();
        assertThat(settings.transactional()).isFalse();
    }

    @Test
    void impossibleProducersAreRefusedWithOneLineSayingWhatToChange() {
        ProducerSettings base = ProducerSettings.of("p", "orders");

        assertThatThrownBy(() -> base.withDelivery(Acks.ONE, true))
                .hasMessage("producer p: idempotent producers need acks all, got acks 1; set idempotent: false or acks: all");
        assertThatThrownBy(() -> base.withRecordSize(20))
                .hasMessage("producer p: record-size 20 is below the 36 bytes of the traffic record header; use record-size >= 36");
        assertThatThrownBy(() -> base.withRate(0)).hasMessage("producer p: rate must be above 0 records/s, got 0.0");
        assertThatThrownBy(() -> base.withKeys(0)).hasMessage("producer p: keys must be at least 1, got 0");
        assertThatThrownBy(() -> base.withDelivery(Acks.ZERO, false).withTransactions(null))
                .hasMessage("producer p: transactional producers are idempotent; set idempotent: true");
    }

    @Test
    void clusterPropertiesWinOverDrillPropertiesWhichWinOverDefaults() {
        TrafficEndpoint endpoint = TrafficEndpoint.of("backup", "127.0.0.1:9093")
                .withClientProperties(Map.of("security.protocol", "SSL", "bootstrap.servers", "ignored:1"))
                .withRoutes(Map.of("orders", new TrafficEndpoint.TopicRoute("orders", List.of("primary.orders", "orders"))));

        Map<String, Object> config = endpoint.clientConfig(Map.of("linger.ms", 5, "security.protocol", "PLAINTEXT"),
                Map.of("linger.ms", "20"));

        assertThat(config).containsEntry("linger.ms", "20").containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "127.0.0.1:9093");
        assertThat(endpoint.topic("orders")).isEqualTo("orders");
        assertThat(endpoint.consumerTopics("orders")).containsExactly("primary.orders", "orders");
        assertThat(endpoint.topic("payments")).isEqualTo("payments");
        assertThat(endpoint.consumerTopics("payments")).containsExactly("payments");
    }

    @Test
    void scenarioClientsBecomeSettings() {
        ProducerSettings producer = ProducerSettings.from("orders-1",
                new ProducerSpec("orders", 500, 10, 128, Acks.ONE, false, false, 0));

        assertThat(producer).isEqualTo(ProducerSettings.of("orders-1", "orders").withRate(500).withKeys(10)
                .withRecordSize(128).withDelivery(Acks.ONE, false));
        assertThat(ConsumerGroupSettings.from(new ConsumerSpec("billing", "orders")))
                .isEqualTo(ConsumerGroupSettings.of("billing", "orders"));
    }

    @Test
    void aGroupReadsAtLeastOneTopic() {
        assertThatThrownBy(() -> ConsumerGroupSettings.of("billing"))
                .hasMessage("consumer group billing reads no topic; give it at least one");
        assertThat(ConsumerGroupSettings.of("billing", "orders").commitInterval()).hasMillis(250);
    }
}
