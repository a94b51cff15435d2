package io.firedrill.replication;

import io.firedrill.support.RunTag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MirrorMakerPropertiesTest {

    private static Properties load(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static String render(ReplicationFlow flow, String workerGroup) {
        return MirrorMakerProperties.render(flow.name(), MirrorMakerProperties.settings(flow, "mm-1", workerGroup));
    }

    private final ReplicationFlow flow = ReplicationFlow.between(
                    new ReplicationEndpoint("primary", "127.0.0.1:9001", Map.of("security.protocol", "PLAINTEXT")),
                    ReplicationEndpoint.of("backup", "127.0.0.1:9002"))
            .withTopics("orders\\..*|payments").withGroups("billing-\\d+").withPolicy(ReplicationPolicyKind.PREFIXED)
            .withRun(new RunTag("fd-0000abcd"));

    @Test
    void oneFlowWithTheGivenAddressesAndNoReverseHerder() throws IOException {
        Properties mm2 = load(render(flow, "worker-1"));

        assertThat(mm2.getProperty("clusters")).isEqualTo("primary,backup");
        assertThat(mm2.getProperty("primary.bootstrap.servers")).isEqualTo("127.0.0.1:9001");
        assertThat(mm2.getProperty("backup.bootstrap.servers")).isEqualTo("127.0.0.1:9002");
        assertThat(mm2.getProperty("primary->backup.enabled")).isEqualTo("true");
        assertThat(mm2.getProperty("backup->primary.enabled")).isEqualTo("false");
        assertThat(mm2.getProperty("backup->primary.emit.heartbeats.enabled")).isEqualTo("false");
        assertThat(mm2.getProperty("primary.security.protocol")).isEqualTo("PLAINTEXT");
        assertThat(mm2.getProperty("replication.policy.class")).isEqualTo(RunTaggedReplicationPolicy.class.getName());
        assertThat(mm2.getProperty(RunTaggedReplicationPolicy.DELEGATE_CONFIG)).isEqualTo("org.apache.kafka.connect.mirror.DefaultReplicationPolicy");
        assertThat(mm2.getProperty(RunTaggedReplicationPolicy.RUN_CONFIG)).isEqualTo("fd-0000abcd");
    }

    @Test
    void twoRunsShareNoNameOnTheClusters() throws IOException {
        Properties one = load(render(flow, "worker-1"));
        Properties other = load(render(flow.withRun(new RunTag("fd-0000beef")), "worker-1"));

        for (String key : List.of("config.storage.topic", "status.storage.topic", "offset.storage.topic")) {
            assertThat(one.getProperty(key)).as(key).contains("fd-0000abcd").endsWith(".internal")
                    .isNotEqualTo(other.getProperty(key));
        }
        assertThat(one.getProperty("offset.storage.topic")).isEqualTo("mm2-offsets.primary.fd-0000abcd.internal");
    }

    @Test
    void aRestoreFlowsPolicyIsTheTaggedPolicysDelegate() throws IOException {
        Properties mm2 = load(render(flow.withOverride("replication.policy.class", RestoreReplicationPolicy.class.getName()), "worker-1"));

        assertThat(mm2.getProperty("replication.policy.class")).isEqualTo(RunTaggedReplicationPolicy.class.getName());
        assertThat(mm2.getProperty(RunTaggedReplicationPolicy.DELEGATE_CONFIG)).isEqualTo(RestoreReplicationPolicy.class.getName());
    }

    @Test
    void regexesKeepTheirBackslashes() throws IOException {
        Properties mm2 = load(render(flow, "worker-1"));

        assertThat(mm2.getProperty("topics")).isEqualTo("orders\\..*|payments");
        assertThat(mm2.getProperty("groups")).isEqualTo("billing-\\d+");
    }

    @Test
    void workerSettingsCarryTheTargetAliasOrDedicatedModeIgnoresThem() throws IOException {
        Properties mm2 = load(render(flow, "worker-7"));

        assertThat(mm2.getProperty("backup.group.id")).isEqualTo("worker-7");
        assertThat(mm2.getProperty("config.storage.topic")).isEqualTo("mm2-configs.primary.fd-0000abcd.mm-1.internal");
        assertThat(mm2.getProperty("status.storage.topic")).isEqualTo("mm2-status.primary.fd-0000abcd.mm-1.internal");
        assertThat(mm2.getProperty("backup.offset.flush.interval.ms")).isEqualTo("500");
        assertThat(mm2.getProperty("backup.scheduled.rebalance.max.delay.ms")).isEqualTo("0");
        assertThat(mm2.getProperty("backup.plugin.discovery")).isEqualTo("service_load");
        assertThat(mm2.getProperty("primary.admin.default.api.timeout.ms")).isEqualTo("2000");
        assertThat(mm2.stringPropertyNames()).noneMatch(key -> key.contains("${"));
    }

    @Test
    void anOverrideReplacesItsTemplateLineInsteadOfDuplicatingIt() {
        String text = render(flow.withOverride("offset.storage.topic", "mm2-offsets.primary.g2.internal")
                .withOverride("emit.checkpoints.enabled", "false"), "worker-1");

        assertThat(text.lines().filter(line -> line.startsWith("offset.storage.topic="))).containsExactly("offset.storage.topic=mm2-offsets.primary.g2.internal");
        assertThat(text).contains("emit.checkpoints.enabled=false");
    }

    @Test
    void kafkaDefaultsSetNoTuningAndTheTeamsKeysAreTheBaseFiredrillListsWhatItChangedAndWhy() {
        MirrorMakerBase team = new MirrorMakerBase(MirrorMakerBase.KAFKA_DEFAULTS, Map.of("emit.checkpoints.interval.seconds", "30",
                "offset-syncs.topic.location", "source", "primary.ssl.key.password", "hunter2"), "mm2.properties", List.of(), false);

        MirrorMakerSettings settings = MirrorMakerProperties.settings(flow.withBase(team), "mm-1", "worker-1");

        assertThat(settings.base()).isEqualTo("team config (mm2.properties) over the kafka-defaults profile");
        assertThat(settings.effective()).containsEntry("emit.checkpoints.interval.seconds", "30")
                .doesNotContainKeys("offset.lag.max", "refresh.topics.interval.seconds", "sync.group.offsets.interval.seconds")
                .containsEntry("offset-syncs.topic.location", "target");
        assertThat(settings.harnessSettings()).filteredOn(MirrorMakerSettings.HarnessSetting::overrode)
                .extracting(MirrorMakerSettings.HarnessSetting::key).containsExactly("offset-syncs.topic.location");
        assertThat(settings.harnessSettings()).allSatisfy(setting -> assertThat(setting.reason()).isNotBlank());
        // single-broker backup: MirrorMaker's defaults (2 and 3 replicas) could never be created
        assertThat(settings.effective()).containsEntry("replication.factor", "1").containsEntry("checkpoints.topic.replication.factor", "1");
        assertThat(settings.redacted().givenSettings()).containsEntry("primary.ssl.key.password", "[redacted]");
        assertThat(settings.redacted().toString()).doesNotContain("hunter2");
    }

    @Test
    void theTunedProfileIsTodaysDrillSpeed() {
        Map<String, String> effective = MirrorMakerProperties.settings(flow.withBase(MirrorMakerBase.TUNED), "mm-1", "w").effective();

        assertThat(effective).containsEntry("offset.lag.max", "0").containsEntry("emit.checkpoints.interval.seconds", "1")
                .containsEntry("backup.offset.flush.interval.ms", "500");
    }

    @Test
    void aReplicationFactorTheClusterCanHoldIsLeftAsGiven() {
        MirrorMakerBase team = new MirrorMakerBase(MirrorMakerBase.KAFKA_DEFAULTS, Map.of("replication.factor", "2"), "inline", List.of(), false);

        MirrorMakerSettings settings = MirrorMakerProperties.settings(flow.withBase(team).withReplicationFactors(3, 3), "mm-1", "w");

        assertThat(settings.harnessSettings()).extracting(MirrorMakerSettings.HarnessSetting::key)
                .doesNotContain("replication.factor", "checkpoints.topic.replication.factor");
        assertThat(settings.effective()).containsEntry("replication.factor", "2");
    }

    @Test
    void exactlyOnceTurnsOnKafkasExactlyOnceSourceSupportWithAReasonPerKeyAndAtLeastOnceSetsNoneOfIt() {
        MirrorMakerBase eos = new MirrorMakerBase(MirrorMakerBase.KAFKA_DEFAULTS, Map.of(), null, List.of(), true);

        MirrorMakerSettings settings = MirrorMakerProperties.settings(flow.withBase(eos), "mm-1", "w");
        MirrorMakerSettings atLeastOnce = MirrorMakerProperties.settings(flow.withBase(MirrorMakerBase.profile(MirrorMakerBase.KAFKA_DEFAULTS)), "mm-1", "w");

        assertThat(settings.effective()).containsEntry("backup.exactly.once.source.support", "enabled")
                .containsEntry("dedicated.mode.enable.internal.rest", "true")
                .containsEntry("primary.consumer.isolation.level", "read_committed")
                .containsEntry("backup.producer.transaction.timeout.ms", "10000");
        assertThat(settings.effective().get("listeners")).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(settings.harnessSettings()).filteredOn(s -> s.reason().startsWith("replication.mirrormaker.exactly-once: "))
                .hasSize(5);
        assertThat(settings.base()).isEqualTo("kafka-defaults profile, exactly-once");
        assertThat(atLeastOnce.effective()).doesNotContainKeys("backup.exactly.once.source.support",
                "dedicated.mode.enable.internal.rest", "listeners", "primary.consumer.isolation.level",
                "backup.producer.transaction.timeout.ms");
    }
}
