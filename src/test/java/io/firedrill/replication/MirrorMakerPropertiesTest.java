package io.firedrill.replication;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MirrorMakerPropertiesTest {

    private static Properties load(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private final ReplicationFlow flow = ReplicationFlow.between(
                    new ReplicationEndpoint("primary", "127.0.0.1:9001", Map.of("security.protocol", "PLAINTEXT")),
                    ReplicationEndpoint.of("backup", "127.0.0.1:9002"))
            .withTopics("orders\\..*|payments").withGroups("billing-\\d+").withPolicy(ReplicationPolicyKind.PREFIXED);

    @Test
    void oneFlowWithTheGivenAddressesAndNoReverseHerder() throws IOException {
        Properties mm2 = load(MirrorMakerProperties.render(flow, "mm-1", "worker-1"));

        assertThat(mm2.getProperty("clusters")).isEqualTo("primary,backup");
        assertThat(mm2.getProperty("primary.bootstrap.servers")).isEqualTo("127.0.0.1:9001");
        assertThat(mm2.getProperty("backup.bootstrap.servers")).isEqualTo("127.0.0.1:9002");
        assertThat(mm2.getProperty("primary->backup.enabled")).isEqualTo("true");
        assertThat(mm2.getProperty("backup->primary.enabled")).isEqualTo("false");
        assertThat(mm2.getProperty("backup->primary.emit.heartbeats.enabled")).isEqualTo("false");
        assertThat(mm2.getProperty("primary.security.protocol")).isEqualTo("PLAINTEXT");
        assertThat(mm2.getProperty("replication.policy.class")).isEqualTo("org.apache.kafka.connect.mirror.DefaultReplicationPolicy");
    }

    @Test
    void regexesKeepTheirBackslashes() throws IOException {
        Properties mm2 = load(MirrorMakerProperties.render(flow, "mm-1", "worker-1"));

        assertThat(mm2.getProperty("topics")).isEqualTo("orders\\..*|payments");
        assertThat(mm2.getProperty("groups")).isEqualTo("billing-\\d+");
    }

    @Test
    void workerSettingsCarryTheTargetAliasOrDedicatedModeIgnoresThem() throws IOException {
        Properties mm2 = load(MirrorMakerProperties.render(flow, "mm-1", "worker-7"));

        assertThat(mm2.getProperty("backup.group.id")).isEqualTo("worker-7");
        assertThat(mm2.getProperty("config.storage.topic")).isEqualTo("mm2-configs.primary.mm-1.internal");
        assertThat(mm2.getProperty("status.storage.topic")).isEqualTo("mm2-status.primary.mm-1.internal");
        assertThat(mm2.getProperty("backup.offset.flush.interval.ms")).isEqualTo("500");
        assertThat(mm2.getProperty("backup.scheduled.rebalance.max.delay.ms")).isEqualTo("0");
        assertThat(mm2.getProperty("backup.plugin.discovery")).isEqualTo("service_load");
        assertThat(mm2.getProperty("primary.admin.default.api.timeout.ms")).isEqualTo("2000");
        assertThat(mm2.stringPropertyNames()).noneMatch(key -> key.contains("${"));
    }

    @Test
    void anOverrideReplacesItsTemplateLineInsteadOfDuplicatingIt() {
        String text = MirrorMakerProperties.render(flow.withOverride("offset.storage.topic", "mm2-offsets.primary.g2.internal")
                .withOverride("emit.checkpoints.enabled", "false"), "mm-1", "worker-1");

        assertThat(text.lines().filter(line -> line.startsWith("offset.storage.topic="))).containsExactly("offset.storage.topic=mm2-offsets.primary.g2.internal");
        assertThat(text).contains("emit.checkpoints.enabled=false");
    }
}
