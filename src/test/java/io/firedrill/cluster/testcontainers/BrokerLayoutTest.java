package io.firedrill.cluster.testcontainers;

import com.github.dockerjava.api.model.PortBinding;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.process.BrokerProperties;
import io.firedrill.support.BadInputException;
import io.firedrill.support.HostPort;
import kafka.docker.KafkaDockerWrapper$;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerLayoutTest {

    private static final BrokerLayout.PublishedPorts LOCAL = BrokerLayout.PublishedPorts.of(URI.create("unix:///var/run/docker.sock"));
    private static final List<HostPort> PROXIES = List.of(HostPort.loopback(30000), HostPort.loopback(30001), HostPort.loopback(30002));
    /** Three brokers, a proxied client listener, an unproxied one and a scenario override. */
    private static final ClusterSpec SPEC = ClusterSpec.of("primary", 3)
            .withClientListeners(List.of(new ClusterSpec.ClientListener("CLIENTS", PROXIES),
                    new ClusterSpec.ClientListener("REPLICATION", List.of())))
            .withBrokerConfig(Map.of("num.partitions", "6", "log.retention.ms", "600000"));
    /** DIRECT, CLIENTS and REPLICATION of broker 0, then of broker 1, then of broker 2. */
    private static final List<Integer> HOST_PORTS = List.of(40000, 40001, 40002, 40010, 40011, 40012, 40020, 40021, 40022);

    private final List<BrokerLayout> layouts = BrokerLayout.plan(SPEC, LOCAL, HOST_PORTS);

    @Test
    void eachBrokerPublishesDirectAndEveryClientListenerOnItsOwnHostPorts() {
        BrokerLayout second = layouts.get(1);
        assertThat(second.alias()).isEqualTo("primary-broker-1");
        assertThat(second.portBindings()).containsExactly("127.0.0.1:40010:9092", "127.0.0.1:40011:9095", "127.0.0.1:40012:9096");
        assertThat(second.hostAddresses()).containsOnly(
                Map.entry("DIRECT", HostPort.loopback(40010)),
                Map.entry("CLIENTS", HostPort.loopback(40011)),
                Map.entry("REPLICATION", HostPort.loopback(40012)));
        assertThat(layouts).flatExtracting(BrokerLayout::portBindings).hasSize(9).doesNotHaveDuplicates();
    }

    @Test
    void portBindingsAreWhatDockerJavaParses() {
        PortBinding binding = PortBinding.parse(layouts.get(2).portBindings().get(1));
        assertThat(binding.getBinding().getHostIp()).isEqualTo("127.0.0.1");
        assertThat(binding.getBinding().getHostPortSpec()).isEqualTo("40021");
        assertThat(binding.getExposedPort().getPort()).isEqualTo(9095);
    }

    @Test
    void clientsAreToldTheProxyWhereThereIsOneAndThePublishedPortOtherwise() throws IOException {
        Properties broker2 = properties(layouts.get(2).serverProperties());
        assertThat(broker2.getProperty("advertised.listeners")).isEqualTo(
                "INTERNAL://primary-broker-2:9094,DIRECT://127.0.0.1:40020,CLIENTS://127.0.0.1:30002,REPLICATION://127.0.0.1:40022");
        assertThat(broker2.getProperty("listeners")).isEqualTo(
                "CONTROLLER://0.0.0.0:9093,INTERNAL://0.0.0.0:9094,DIRECT://0.0.0.0:9092,CLIENTS://0.0.0.0:9095,REPLICATION://0.0.0.0:9096");
        assertThat(broker2.getProperty("listener.security.protocol.map")).isEqualTo(
                "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,DIRECT:PLAINTEXT,CLIENTS:PLAINTEXT,REPLICATION:PLAINTEXT");
        assertThat(broker2.getProperty("controller.quorum.voters"))
                .isEqualTo("0@primary-broker-0:9093,1@primary-broker-1:9093,2@primary-broker-2:9093");
        assertThat(broker2.getProperty("node.id")).isEqualTo("2");
        assertThat(broker2.getProperty("log.dirs")).isEqualTo(BrokerLayout.LOG_DIR);
    }

    @Test
    void brokersAreTunedExactlyLikeProcessBrokersWithTheScenarioOverridesLast() throws IOException {
        Properties container = properties(layouts.get(0).serverProperties());
        Map<String, HostPort> loopback = new LinkedHashMap<>();
        List.of("CONTROLLER", "INTERNAL", "DIRECT", "CLIENTS", "REPLICATION").forEach(name -> loopback.put(name, HostPort.loopback(1)));
        Properties process = properties(BrokerProperties.render(SPEC, 0, List.of(HostPort.loopback(1)), loopback, loopback, "/data"));

        Set<String> addressing = Set.of("listeners", "advertised.listeners", "controller.quorum.voters", "log.dirs");
        assertThat(container.stringPropertyNames()).isEqualTo(process.stringPropertyNames());
        for (String key : process.stringPropertyNames()) {
            if (!addressing.contains(key)) {
                assertThat(container.getProperty(key)).as(key).isEqualTo(process.getProperty(key));
            }
        }
        assertThat(container).contains(Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("offsets.topic.replication.factor", "3"),
                Map.entry("transaction.state.log.min.isr", "2"),
                Map.entry("broker.session.timeout.ms", "3000"),
                Map.entry("log.cleaner.dedupe.buffer.size", "16777216"),
                Map.entry("num.partitions", "6"),
                Map.entry("log.retention.ms", "600000"));
    }

    @Test
    void kafkaAcceptsTheRenderedConfiguration() throws IOException {
        for (BrokerLayout layout : layouts) {
            KafkaConfig config = KafkaConfig.fromProps(properties(layout.serverProperties()));
            assertThat(config.nodeId()).isEqualTo(layout.id());
            assertThat(config.interBrokerListenerName().value()).isEqualTo("INTERNAL");
        }
        ClusterSpec single = ClusterSpec.of("backup", 1);
        Properties alone = properties(BrokerLayout.plan(single, LOCAL, List.of(41000)).get(0).serverProperties());
        assertThat(KafkaConfig.fromProps(alone).getShort("offsets.topic.replication.factor")).isEqualTo((short) 1);
    }

    /**
     * The image's entrypoint runs this same Kafka 4.3.1 wrapper: it copies the mounted file and
     * appends a property for every KAFKA_* variable it does not exclude. The environment must add
     * nothing, and storage must be formatted with the cluster's id.
     */
    @Test
    void theImagesEntrypointStartsTheBrokerOnExactlyTheRenderedFile(@TempDir Path dir) throws IOException {
        Path defaults = Files.createDirectories(dir.resolve("defaults"));
        Path mounted = Files.createDirectories(dir.resolve("mounted"));
        Path effective = Files.createDirectories(dir.resolve("final"));
        Files.writeString(defaults.resolve("server.properties"), "node.id=1\n");
        String rendered = layouts.get(1).serverProperties();
        Files.writeString(mounted.resolve("server.properties"), rendered);
        Map<String, String> environment = new HashMap<>(BrokerLayout.environment("MkU3OEVBNTcwNTJENDM2Qk", 384));
        environment.put("PATH", "/usr/bin");

        KafkaDockerWrapper$.MODULE$.prepareServerConfigs(defaults, mounted, effective, scala(environment));
        String[] format = KafkaDockerWrapper$.MODULE$.formatStorageCmd(effective, scala(environment));

        assertThat(properties(Files.readString(effective.resolve("server.properties")))).isEqualTo(properties(rendered));
        assertThat(format).contains("--cluster-id=MkU3OEVBNTcwNTJENDM2Qk");
    }

    @Test
    void theEnvironmentCarriesClusterIdAndTheProcessBrokersJvmOptions() {
        assertThat(BrokerLayout.environment("abc", 512)).containsOnly(
                Map.entry("CLUSTER_ID", "abc"),
                Map.entry("KAFKA_HEAP_OPTS", "-Xmx512m -Xms128m"),
                Map.entry("KAFKA_JVM_PERFORMANCE_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData"
                        + " -XX:+ExitOnOutOfMemoryError -XX:+HeapDumpOnOutOfMemoryError -Djava.awt.headless=true"
                        + " -Djava.net.preferIPv4Stack=true"));
    }

    /**
     * Decided by the engine's address alone: inside a container (a /.dockerenv file, as here and
     * on many CI agents) Testcontainers reports the bridge gateway, and ports went to 0.0.0.0.
     */
    @Test
    void aLocalEngineBindsLoopbackOnlyWhereverTheHarnessRuns() {
        BrokerLayout.PublishedPorts loopback = new BrokerLayout.PublishedPorts("127.0.0.1", "127.0.0.1");
        assertThat(BrokerLayout.PublishedPorts.of(URI.create("unix:///var/run/docker.sock"))).isEqualTo(loopback);
        assertThat(BrokerLayout.PublishedPorts.of(URI.create("unix:///run/user/1000/docker.sock"))).isEqualTo(loopback);
        assertThat(BrokerLayout.PublishedPorts.of(URI.create("tcp://localhost:2375"))).isEqualTo(loopback);
        assertThat(BrokerLayout.PublishedPorts.of(URI.create("tcp://127.0.0.1:2375"))).isEqualTo(loopback);
        assertThat(BrokerLayout.plan(ClusterSpec.of("backup", 1), LOCAL, List.of(41000)).get(0).portBindings())
                .containsExactly("127.0.0.1:41000:9092");
    }

    @Test
    void aRemoteEngineBindsOnlyItsOwnAddress() {
        BrokerLayout.PublishedPorts remote = BrokerLayout.PublishedPorts.of(URI.create("tcp://10.1.2.3:2375"));
        assertThat(remote).isEqualTo(new BrokerLayout.PublishedPorts("10.1.2.3", "10.1.2.3"));
        BrokerLayout onRemote = BrokerLayout.plan(ClusterSpec.of("backup", 1), remote, List.of(41000)).get(0);
        assertThat(onRemote.portBindings()).containsExactly("10.1.2.3:41000:9092");
        assertThat(onRemote.advertised().get("DIRECT")).isEqualTo(new HostPort("10.1.2.3", 41000));
        assertThatThrownBy(() -> BrokerLayout.PublishedPorts.of(URI.create("tcp://no-such-engine.invalid:2375")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no-such-engine.invalid");
    }

    @Test
    void aPlanNeedsOneHostPortPerPublishedListenerOfEachBroker() {
        assertThat(BrokerLayout.publishedPerBroker(SPEC)).isEqualTo(3);
        assertThatThrownBy(() -> BrokerLayout.plan(SPEC, LOCAL, HOST_PORTS.subList(0, 8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 9 host ports, got 8");
    }

    private static Properties properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static scala.collection.immutable.Map<String, String> scala(Map<String, String> map) {
        return scala.collection.immutable.Map$.MODULE$.from(scala.jdk.javaapi.CollectionConverters.asScala(map));
    }
}
